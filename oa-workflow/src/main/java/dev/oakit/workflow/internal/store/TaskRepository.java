package dev.oakit.workflow.internal.store;

import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.workflow.DueState;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Every statement on {@code oa_wf_task} and on the pool's candidates ({@code oa_wf_candidate}):
 * what the engine writes (batched: one statement per kind of change, whatever the number of
 * tasks), what it reads beyond the lock's open tasks, and the todo / pool / done queries. One
 * statement also reads {@code oa_wf_cc}: whether a user takes part in an instance.
 */
@Singleton
public final class TaskRepository {

    @Inject
    private TaskRepository() {
    }

    /** @return the gauges of this table: open tasks and open tasks past their deadline, over all tenants */
    public static java.util.List<dev.oakit.core.spi.OperationalGauge> gauges() {
        return java.util.List.of(
                dev.oakit.core.spi.OperationalGauge.of("oakit.workflow.tasks.open", "approval tasks waiting for their assignee", "tasks",
                        (h, now) -> h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE status = 'OPEN'").mapTo(Long.class).one()),
                dev.oakit.core.spi.OperationalGauge.of("oakit.workflow.tasks.overdue", "open approval tasks past their deadline", "tasks",
                        (h, now) -> h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE status = 'OPEN' AND due_at <= :now")
                                .bind("now", Rows.db(now)).mapTo(Long.class).one()));
    }
    /**
     * A task to insert, with its final values: a task opened and closed in the same command (an
     * automatic approval, a task cancelled by an end in a parallel branch) is inserted closed.
     */
    public record NewTask(String tenantId, long instanceId, String nodeId, String nodeName, int round, int seq, String kind,
                          Long waitingFor, String assigneeId, String ownerId, TaskStatus status, String outcome, String actedBy,
                          String comment, String key, String title, String initiatorId, Instant createdAt, Instant completedAt,
                          Long workMillis, Instant dueAt, String proxyFor, String priority) {
    }

    /** A task that closes: its status, outcome, who acted, and the working time it took. */
    public record Closing(long taskId, TaskStatus status, String outcome, String actedBy, String comment, Instant at, long workMillis) {
    }

    /** A task whose assignee, delegating owner, status or proxied approver changes. */
    public record Change(long taskId, String assigneeId, String ownerId, TaskStatus status, String proxyFor) {
    }

    private static final String INSERT = """
            INSERT INTO oa_wf_task (tenant_id, instance_id, node_id, node_name, round, seq, kind, waiting_for, assignee_id,
                owner_id, status, outcome, acted_by, comment, def_key, title, initiator_id, created_at, completed_at, work_ms,
                due_at, proxy_for, no_due, prio_rank)
            VALUES (:t, :i, :n, :nn, :r, :seq, :kind, :wf, :a, :o, :s, :out, :by, :c, :k, :title, :init, :now, :done, :work,
                :due, :p, :noDue, :rank)""";

    /** {@link #INSERT} with JDBC's parameters, in the order of its columns. */
    private static final String INSERT_POSITIONAL = INSERT.replaceAll(":\\w+", "?");

    /**
     * The todo list's order by urgency, which the index {@code oa_wf_task_urgency} (tenant, assignee, status, no_due,
     * due_at, prio_rank, created_at, id) serves as it is: the earliest deadline first, tasks without one ({@code no_due}
     * = 1) last, then urgent instances ({@code prio_rank} 0) before normal ones, then the oldest. The todo list's
     * ORDER BY starts with the columns its WHERE fixes, which changes nothing but lets H2 see the index's order too.
     */
    static final String URGENCY_ORDER = "%1$sno_due, %1$sdue_at, %1$sprio_rank, %1$screated_at, %1$sid";

    /**
     * Inserts tasks in one statement (one batch for several).
     *
     * @return their ids, in order
     */
    public List<Long> insert(Handle h, List<NewTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        if (tasks.size() == 1) {
            return List.of(insertOne(h, tasks.get(0)));
        }
        PreparedBatch batch = h.prepareBatch(INSERT);
        for (NewTask t : tasks) {
            bind(batch, t).add();
        }
        List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
        if (ids.size() != tasks.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " generated task ids for " + tasks.size() + " rows");
        }
        return ids;
    }

    /** The one task most commands open, by plain JDBC (see PlainJdbc), bound as {@link #bind} binds it. */
    private static long insertOne(Handle h, NewTask t) {
        return PlainJdbc.insert(h, PlainJdbc.Prepared.PER_USE, INSERT_POSITIONAL, "id", p -> {
            p.setString(1, t.tenantId());
            p.setLong(2, t.instanceId());
            PlainJdbc.text(p, 3, t.nodeId());
            PlainJdbc.text(p, 4, t.nodeName());
            p.setInt(5, t.round());
            p.setInt(6, t.seq());
            PlainJdbc.text(p, 7, t.kind());
            PlainJdbc.number(p, 8, t.waitingFor());
            PlainJdbc.text(p, 9, t.assigneeId());
            PlainJdbc.text(p, 10, t.ownerId());
            p.setString(11, t.status().name());
            PlainJdbc.text(p, 12, t.outcome());
            PlainJdbc.text(p, 13, t.actedBy());
            PlainJdbc.text(p, 14, t.comment());
            PlainJdbc.text(p, 15, t.key());
            PlainJdbc.text(p, 16, t.title());
            PlainJdbc.text(p, 17, t.initiatorId());
            PlainJdbc.time(p, 18, t.createdAt());
            PlainJdbc.time(p, 19, t.completedAt());
            PlainJdbc.number(p, 20, t.workMillis());
            PlainJdbc.time(p, 21, t.dueAt());
            PlainJdbc.text(p, 22, t.proxyFor());
            p.setInt(23, noDue(t.dueAt()));
            p.setInt(24, rank(t.priority()));
        });
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S s, NewTask t) {
        return s.bind("t", t.tenantId()).bind("i", t.instanceId()).bind("n", t.nodeId()).bind("nn", t.nodeName()).bind("r", t.round())
                .bind("seq", t.seq()).bind("kind", t.kind()).bind("wf", t.waitingFor()).bind("a", t.assigneeId()).bind("o", t.ownerId())
                .bind("s", t.status().name()).bind("out", t.outcome()).bind("by", t.actedBy()).bind("c", t.comment())
                .bind("k", t.key()).bind("title", t.title()).bind("init", t.initiatorId()).bind("now", Rows.db(t.createdAt()))
                .bind("done", Rows.db(t.completedAt())).bind("work", t.workMillis()).bind("due", Rows.db(t.dueAt()))
                .bind("p", t.proxyFor()).bind("noDue", noDue(t.dueAt())).bind("rank", rank(t.priority()));
    }

    private static int noDue(Instant dueAt) {
        return dueAt == null ? 1 : 0;
    }

    /** @return the sort rank of an instance priority: urgent 0, normal 1 */
    private static int rank(String priority) {
        return "urgent".equals(priority) ? 0 : 1;
    }

    /** Closes tasks in one statement. */
    public void close(Handle h, List<Closing> closings) {
        if (closings.isEmpty()) {
            return;
        }
        // one batch by plain JDBC (see PlainJdbc): a life cycle closes a task in every approval
        PlainJdbc.batch(h, PlainJdbc.Prepared.PER_USE, "UPDATE oa_wf_task SET status = ?, outcome = ?, acted_by = ?, comment = ?,"
                + " completed_at = ?, work_ms = ? WHERE id = ?", closings.size(), (p, k) -> {
            Closing c = closings.get(k);
            p.setString(1, c.status().name());
            PlainJdbc.text(p, 2, c.outcome());
            PlainJdbc.text(p, 3, c.actedBy());
            PlainJdbc.text(p, 4, c.comment());
            PlainJdbc.time(p, 5, c.at());
            p.setLong(6, c.workMillis());
            p.setLong(7, c.taskId());
        });
    }

    /** Changes the assignee, owner, status and proxied approver of tasks in one statement. */
    public void change(Handle h, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE oa_wf_task SET assignee_id = :a, owner_id = :o, status = :s, proxy_for = :p"
                + " WHERE id = :id");
        for (Change c : changes) {
            batch.bind("a", c.assigneeId()).bind("o", c.ownerId()).bind("s", c.status().name()).bind("p", c.proxyFor())
                    .bind("id", c.taskId()).add();
        }
        batch.execute();
    }

    /** Moves the deadline of a task. */
    public void setDue(Handle h, long taskId, Instant dueAt) {
        h.createUpdate("UPDATE oa_wf_task SET due_at = :due, no_due = :noDue WHERE id = :id").bind("due", Rows.db(dueAt))
                .bind("noDue", noDue(dueAt)).bind("id", taskId).execute();
    }

    /** Moves the tasks of one run of a node to a node of another version (instance migration; the caller holds the instance's lock). */
    public void moveToNode(Handle h, long instanceId, String fromNode, int round, String toNode, String toName) {
        h.createUpdate("UPDATE oa_wf_task SET node_id = :to, node_name = :name WHERE instance_id = :i AND node_id = :from AND round = :r")
                .bind("to", toNode).bind("name", toName).bind("i", instanceId).bind("from", fromNode).bind("r", round).execute();
    }

    /** Gives the open tasks of an instance the sort rank of its new priority (the caller holds the instance's lock). */
    public void setPriority(Handle h, long instanceId, String priority) {
        h.createUpdate("UPDATE oa_wf_task SET prio_rank = :rank WHERE instance_id = :i AND status = 'OPEN'")
                .bind("rank", rank(priority)).bind("i", instanceId).execute();
    }

    /** Counts one more urge on each task. */
    public void urged(Handle h, List<Long> taskIds) {
        h.createUpdate("UPDATE oa_wf_task SET urged = urged + 1 WHERE id IN (<ids>)").bindList("ids", taskIds).execute();
    }

    /** Offers a pooled task to its candidates, in one statement. */
    public void offer(Handle h, String tenantId, long taskId, List<String> candidates) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO oa_wf_candidate (tenant_id, task_id, user_id) VALUES (:t, :task, :u)");
        for (String u : candidates) {
            batch.bind("t", tenantId).bind("task", taskId).bind("u", u).add();
        }
        batch.execute();
    }

    /** @return the candidates a pooled task was offered to, in order */
    public List<String> candidates(Handle h, long taskId) {
        return h.createQuery("SELECT user_id FROM oa_wf_candidate WHERE task_id = :task ORDER BY id")
                .bind("task", taskId).mapTo(String.class).list();
    }

    // ------------------------------------------------------------------ what the engine reads besides the lock

    /** @return the open and waiting tasks of an instance, by id */
    public List<TaskRow> open(Handle h, long instanceId) {
        return h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE instance_id = :i AND status IN ('OPEN', 'WAITING') ORDER BY id")
                .bind("i", instanceId).map(Rows.TASK).list();
    }

    /**
     * @return the tasks of a node in a round that another's decision closed (a vote decided, the
     *     first approval of an ANY node), by id
     */
    public List<TaskRow> closedByDecision(Handle h, long instanceId, String nodeId, int round) {
        return h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE instance_id = :i AND node_id = :n AND round = :r"
                        + " AND outcome IN ('VOTE_DECIDED', 'CLOSED_BY_ANY') ORDER BY id")
                .bind("i", instanceId).bind("n", nodeId).bind("r", round).map(Rows.TASK).list();
    }

    /** @return who approved a node in a round, by task (for runs stored before the state kept it) */
    public List<String> approversOfRound(Handle h, long instanceId, String nodeId, int round) {
        return h.createQuery("""
                SELECT assignee_id FROM oa_wf_task WHERE instance_id = :i AND node_id = :n AND round = :r
                AND outcome IN ('APPROVED', 'AUTO_APPROVED') ORDER BY id""")
                .bind("i", instanceId).bind("n", nodeId).bind("r", round).mapTo(String.class).list();
    }

    /**
     * @return assignee, actor and proxied approver of every closed task of a node in a round, by task
     *     (who had a seat there, for runs stored before the state kept it); nulls included
     */
    public List<String> seatsOfRound(Handle h, long instanceId, String nodeId, int round) {
        List<String> out = new ArrayList<>();
        h.createQuery("SELECT assignee_id, acted_by, proxy_for FROM oa_wf_task WHERE instance_id = :i AND node_id = :n"
                        + " AND round = :r AND status IN ('DONE', 'CANCELLED') ORDER BY id")
                .bind("i", instanceId).bind("n", nodeId).bind("r", round)
                .map((rs, c) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list()
                .forEach(x -> out.addAll(Arrays.asList(x)));
        return out;
    }

    /** @return tasks of the nodes that someone (not the system's automatic approval) decided, in any round */
    public int decidedAt(Handle h, long instanceId, List<String> nodeIds) {
        return h.createQuery("""
                SELECT COUNT(*) FROM oa_wf_task t WHERE t.instance_id = :i AND t.status = 'DONE'
                AND t.outcome NOT IN ('AUTO_APPROVED') AND t.node_id IN (<nodes>)""")
                .bind("i", instanceId).bindList("nodes", nodeIds.isEmpty() ? List.of("-") : nodeIds)
                .mapTo(Integer.class).one();
    }

    /** @return tasks of a node decided (not automatically) in rounds before {@code round} */
    public int decidedBeforeRound(Handle h, long instanceId, String nodeId, int round) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE instance_id = :i AND node_id = :n AND round < :r"
                        + " AND status = 'DONE' AND outcome NOT IN ('AUTO_APPROVED')")
                .bind("i", instanceId).bind("n", nodeId).bind("r", round).mapTo(Integer.class).one();
    }

    /** @return tasks of the instance decided (not automatically) after the user's last approval at the node */
    public int decidedAfterApproval(Handle h, long instanceId, String nodeId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE instance_id = :i AND status = 'DONE' AND completed_at > "
                        + "(SELECT MAX(completed_at) FROM oa_wf_task WHERE instance_id = :i AND node_id = :n AND assignee_id = :u AND outcome = 'APPROVED')"
                        + " AND outcome NOT IN ('AUTO_APPROVED')")
                .bind("i", instanceId).bind("n", nodeId).bind("u", userId).mapTo(Integer.class).one();
    }

    /** @return true when the user acted on, was assigned, was a candidate of or was cc'd on the instance */
    public boolean participates(Handle h, String tenantId, long instanceId, String userId) {
        return h.createQuery("""
                SELECT (SELECT COUNT(*) FROM oa_wf_task WHERE instance_id = :i AND (assignee_id = :u OR owner_id = :u OR acted_by = :u))
                     + (SELECT COUNT(*) FROM oa_wf_cc WHERE instance_id = :i AND user_id = :u AND tenant_id = :t)
                     + (SELECT COUNT(*) FROM oa_wf_candidate c JOIN oa_wf_task k ON k.id = c.task_id
                        WHERE k.instance_id = :i AND c.user_id = :u AND c.tenant_id = :t)""")
                .bind("i", instanceId).bind("u", userId).bind("t", tenantId).mapTo(Long.class).one() > 0;
    }

    /** @return the nodes where the user holds an open task of the instance */
    public List<String> openNodesOf(Handle h, long instanceId, String userId) {
        return h.createQuery("SELECT node_id FROM oa_wf_task WHERE instance_id = :i AND assignee_id = :u AND status = 'OPEN'")
                .bind("i", instanceId).bind("u", userId).mapTo(String.class).list();
    }

    /** @return the ids of the open tasks of an instance */
    public List<Long> openIds(Handle h, long instanceId) {
        return h.createQuery("SELECT id FROM oa_wf_task WHERE instance_id = :i AND status = 'OPEN' ORDER BY id")
                .bind("i", instanceId).mapTo(Long.class).list();
    }

    /** @return the open tasks assigned to a user, by id */
    public List<TaskRow> openOfAssignee(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN' ORDER BY id")
                .bind("t", tenantId).bind("u", userId).map(Rows.TASK).list();
    }

    /** @return the ids of the tasks a user holds: open or waiting (前加签), in id order */
    public List<Long> heldBy(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT id FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status IN ('OPEN', 'WAITING') ORDER BY id")
                .bind("t", tenantId).bind("u", userId).mapTo(Long.class).list();
    }

    /** @return the node name of a task of the tenant, if any */
    public Optional<String> nodeName(Handle h, String tenantId, long taskId) {
        return h.createQuery("SELECT node_name FROM oa_wf_task WHERE id = :id AND tenant_id = :t")
                .bind("id", taskId).bind("t", tenantId).mapTo(String.class).findOne();
    }

    // ------------------------------------------------------------------ queries

    /** @return every task of an instance, by id */
    public List<TaskRow> ofInstance(Handle h, long instanceId) {
        return h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE instance_id = :i ORDER BY id")
                .bind("i", instanceId).map(Rows.TASK).list();
    }

    /** @return the number of open tasks of a user */
    public long todoCount(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN'")
                .bind("t", tenantId).bind("u", userId).mapTo(Long.class).one();
    }

    /**
     * A page of a user's open tasks (their todo list), one indexed range.
     *
     * @param now the clock's now for a due-state filter
     * @param dueSoon how close a deadline counts as due soon
     */
    public List<TaskRow> todo(Handle h, String tenantId, String userId, TodoQuery q, Instant now, java.time.Duration dueSoon) {
        // every approver's read, by plain JDBC (see PlainJdbc): the named parameters become positions, the columns are read by index
        String named = todoSql(q);
        String[] names = PlainJdbc.parameterNames(named);
        Map<String, Object> values = new HashMap<>();
        values.put("t", tenantId);
        values.put("u", userId);
        bind(values::put, q, now, dueSoon);
        return PlainJdbc.query(h, PlainJdbc.Prepared.PER_USE, PlainJdbc.positional(named), q.size(), p -> {
            for (int i = 0; i < names.length; i++) {
                PlainJdbc.value(p, i + 1, values.get(names[i]));
            }
        }, TaskRepository::task);
    }

    /** A task row in the order of {@link Rows#TASK_COLUMNS}, read by position. */
    private static TaskRow task(ResultSet rs) throws SQLException {
        return new TaskRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getString(7), PlainJdbc.number(rs, 8), rs.getString(9), rs.getString(10), TaskStatus.valueOf(rs.getString(11)),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), PlainJdbc.instant(rs, 17),
                PlainJdbc.instant(rs, 18), PlainJdbc.instant(rs, 19), rs.getString(20), rs.getString(21));
    }

    /** @return the todo query's statement, with named parameters {@code :t}, {@code :u}, the filters', {@code :limit} and {@code :offset} */
    static String todoSql(TodoQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS
                + " FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN'");
        filters(sql, q, "");
        dueFilter(sql, q, "");
        if (q.urgencyOrder()) {
            sql.append(" ORDER BY tenant_id, assignee_id, status, ").append(String.format(URGENCY_ORDER, ""));
        } else {
            sql.append(" ORDER BY created_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id ").append(q.newestFirst() ? "DESC" : "ASC");
        }
        return sql.append(" LIMIT :limit OFFSET :offset").toString();
    }

    /** A page of the unclaimed pooled tasks a user is a candidate of. */
    public List<TaskRow> pool(Handle h, String tenantId, String userId, TodoQuery q, Instant now, java.time.Duration dueSoon) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS.replaceAll("(^|, )(\\w)", "$1t.$2")
                + " FROM oa_wf_candidate c JOIN oa_wf_task t ON t.id = c.task_id"
                + " WHERE c.tenant_id = :t AND c.user_id = :u AND t.status = 'OPEN' AND t.assignee_id = ''");
        filters(sql, q, "t.");
        dueFilter(sql, q, "");
        if (q.urgencyOrder()) {
            sql.append(" ORDER BY ").append(String.format(URGENCY_ORDER, "t."));
        } else {
            sql.append(" ORDER BY t.created_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", t.id");
        }
        sql.append(" LIMIT :limit OFFSET :offset");
        return bind(h.createQuery(sql.toString()).bind("t", tenantId).bind("u", userId), q, now, dueSoon).map(Rows.TASK).list();
    }

    /** A page of the tasks a user decided. */
    public List<TaskRow> done(Handle h, String tenantId, String userId, TodoQuery q, Instant now, java.time.Duration dueSoon) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS
                + " FROM oa_wf_task WHERE tenant_id = :t AND acted_by = :u AND status = 'DONE'");
        filters(sql, q, "");
        dueFilter(sql, q, "");
        sql.append(" ORDER BY completed_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id DESC LIMIT :limit OFFSET :offset");
        return bind(h.createQuery(sql.toString()).bind("t", tenantId).bind("u", userId), q, now, dueSoon).map(Rows.TASK).list();
    }

    private static void filters(StringBuilder sql, TodoQuery q, String alias) {
        if (q.processKey() != null) {
            sql.append(" AND ").append(alias).append("def_key = :key");
        }
        if (q.initiatorId() != null) {
            sql.append(" AND ").append(alias).append("initiator_id = :init");
        }
        if (q.from() != null) {
            sql.append(" AND ").append(alias).append("created_at >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND ").append(alias).append("created_at < :to");
        }
    }

    /** Open tasks by their state against the deadline, as of the clock's now. */
    private static void dueFilter(StringBuilder sql, TodoQuery q, String alias) {
        if (q.due() == null) {
            return;
        }
        sql.append(switch (q.due()) {
            case NONE -> " AND " + alias + "due_at IS NULL";
            case OVERDUE -> " AND " + alias + "due_at <= :dueNow";
            case DUE_SOON -> " AND " + alias + "due_at > :dueNow AND " + alias + "due_at <= :dueSoon";
            case ON_TIME -> " AND " + alias + "due_at > :dueSoon";
        });
    }

    private static Query bind(Query query, TodoQuery q, Instant now, java.time.Duration dueSoon) {
        bind(query::bind, q, now, dueSoon);
        return query;
    }

    /** Gives the values of a page query's named parameters beyond tenant and user. */
    private static void bind(BiConsumer<String, Object> named, TodoQuery q, Instant now, java.time.Duration dueSoon) {
        if (q.due() != null && q.due() != DueState.NONE) {
            named.accept("dueNow", Rows.db(now));
            named.accept("dueSoon", Rows.db(now.plus(dueSoon)));
        }
        named.accept("limit", q.size());
        named.accept("offset", q.page() * q.size());
        if (q.processKey() != null) {
            named.accept("key", q.processKey());
        }
        if (q.initiatorId() != null) {
            named.accept("init", q.initiatorId());
        }
        if (q.from() != null) {
            named.accept("from", Rows.db(q.from()));
        }
        if (q.to() != null) {
            named.accept("to", Rows.db(q.to()));
        }
    }
}

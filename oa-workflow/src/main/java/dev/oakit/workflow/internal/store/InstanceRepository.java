package dev.oakit.workflow.internal.store;

import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.spi.OaDatabase;
import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every statement on {@code oa_wf_instance} (the instance row, its JSON state and its inline
 * timeline column). Two statements read other tables of the instance's aggregate as well: the hot
 * path's lock, which locks the instance and reads its open tasks in one round trip, and the
 * workbench counters.
 */
@Singleton
public final class InstanceRepository {
    /** An instance to insert. */
    public record NewInstance(String tenantId, long definitionId, String key, int version, String title, String businessKey,
                              String initiatorId, String priority, String form, Long parentId, String parentNode, Instant now) {
    }

    /** An instance row as locked, with the open tasks read in the same statement (to be checked against its digest). */
    public record Locked(InstanceRow row, List<TaskRow> openTasks) {
    }

    private static final String OPEN_TASK_JOIN = "SELECT " + Rows.INSTANCE_COLUMNS.replaceAll("(\\w+)", "i.$1")
            + ", t.id AS t_id, t.node_id AS t_node_id, t.node_name AS t_node_name,"
            + " t.round AS t_round, t.seq AS t_seq, t.kind AS t_kind, t.waiting_for AS t_waiting_for, t.assignee_id AS t_assignee_id,"
            + " t.owner_id AS t_owner_id, t.status AS t_status, t.outcome AS t_outcome, t.acted_by AS t_acted_by,"
            + " t.created_at AS t_created_at, t.completed_at AS t_completed_at, t.due_at AS t_due_at, t.proxy_for AS t_proxy_for,"
            + " t.comment AS t_comment"
            + " FROM oa_wf_instance i LEFT JOIN oa_wf_task t ON t.instance_id = i.id AND t.status IN ('OPEN', 'WAITING')"
            + " WHERE i.tenant_id = :t AND ";

    private static final String BY_ID = "i.id = :id";

    /**
     * The instance of task {@code :id}. The task is found by primary key alone: the tenant is checked
     * on the instance ({@code i.tenant_id = :t}, the task's tenant is its instance's). With a
     * {@code tenant_id} condition here as well, PostgreSQL planned the subquery on tables without
     * statistics (a new installation, before autovacuum's first analyse) as a range over the todo
     * index, which starts with {@code tenant_id}: a scan of every task of the tenant, per command.
     */
    private static final String BY_TASK = "i.id = (SELECT instance_id FROM oa_wf_task WHERE id = :id)";

    /**
     * The lock statements by instance and by task, made on first use: PostgreSQL refuses FOR UPDATE on
     * the nullable side of an outer join, so there it locks the instance only.
     */
    private volatile String[] lockSql;

    private final OaDatabase database;

    @Inject
    private InstanceRepository(OaDatabase database) {
        this.database = database;
    }

    /**
     * Inserts an instance row. Guarded: only while no newer version of the definition exists (the
     * version came from this node's cache, so this costs no query of its own).
     *
     * @return the new id, or null when the guard failed
     */
    public Long insert(Handle h, NewInstance n, boolean guarded) {
        // every start's first write, by plain JDBC (see PlainJdbc); the guard repeats four of the values
        long id = PlainJdbc.insert(h, PlainJdbc.Prepared.PER_USE, guarded ? INSERT_GUARDED : INSERT, "id", p -> {
            p.setString(1, n.tenantId());
            p.setLong(2, n.definitionId());
            p.setString(3, n.key());
            p.setInt(4, n.version());
            PlainJdbc.text(p, 5, n.title());
            PlainJdbc.text(p, 6, n.businessKey());
            PlainJdbc.text(p, 7, n.initiatorId());
            PlainJdbc.text(p, 8, n.priority());
            PlainJdbc.text(p, 9, n.form());
            PlainJdbc.number(p, 10, n.parentId());
            PlainJdbc.text(p, 11, n.parentNode());
            PlainJdbc.time(p, 12, n.now());
            PlainJdbc.time(p, 13, n.now());
            if (guarded) {
                p.setLong(14, n.definitionId());
                p.setString(15, n.tenantId());
                p.setString(16, n.key());
                p.setInt(17, n.version());
            }
        });
        return id == 0 ? null : id; // 0: the guard failed, the insert wrote no row
    }

    private static final String INSERT_COLUMNS = """
            INSERT INTO oa_wf_instance (tenant_id, definition_id, def_key, def_version, title, business_key, initiator_id,
                status, priority, form, state, parent_id, parent_node, row_version, started_at, updated_at)
            """;
    private static final String INSERT = INSERT_COLUMNS
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, '{}', ?, ?, 0, ?, ?)";
    /** Inserts only while no newer version of the definition exists (parameters 14-17: definition, tenant, key, version). */
    private static final String INSERT_GUARDED = INSERT_COLUMNS + """
            SELECT ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, '{}', ?, ?, 0, ?, ?
            FROM oa_wf_definition d WHERE d.id = ? AND NOT EXISTS
                (SELECT 1 FROM oa_wf_definition n WHERE n.tenant_id = ? AND n.def_key = ? AND n.version > ?)""";

    /** Locks an instance of the tenant and reads its open tasks; empty when it does not exist. */
    public Optional<Locked> lock(Handle h, String tenantId, long instanceId) {
        return lock(h, BY_ID, tenantId, instanceId);
    }

    /** Locks the instance of a task (the tenant checked on the instance) and reads its open tasks; empty when there is none. */
    public Optional<Locked> lockByTask(Handle h, String tenantId, long taskId) {
        return lock(h, BY_TASK, tenantId, taskId);
    }

    private Optional<Locked> lock(Handle h, String where, String tenantId, long id) {
        Locking locking = new Locking();
        // the hot path's widest statement, by plain JDBC (see PlainJdbc)
        // held prepared per connection on H2, which never caches the parse of a FOR UPDATE (HeldStatements)
        PlainJdbc.each(h, PlainJdbc.Prepared.HELD, lockSql()[BY_ID.equals(where) ? 0 : 1], p -> {
            p.setString(1, tenantId);
            p.setLong(2, id);
        }, locking);
        return locking.row == null ? Optional.empty() : Optional.of(new Locked(locking.row, locking.tasks));
    }

    /**
     * Reads the lock's rows, by column position: 1-18 the instance (Rows.INSTANCE_COLUMNS, read from the first row),
     * 19-35 an open task (none in a row without).
     */
    private static final class Locking implements PlainJdbc.RowHandler {
        private InstanceRow row;
        private final List<TaskRow> tasks = new ArrayList<>();

        @Override
        public void row(ResultSet rs) throws SQLException {
            if (row == null) {
                row = new InstanceRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), InstanceStatus.valueOf(rs.getString(9)),
                        rs.getString(10), rs.getString(11), rs.getString(12), PlainJdbc.number(rs, 13), rs.getString(14),
                        PlainJdbc.instant(rs, 16), PlainJdbc.instant(rs, 17));
            }
            long taskId = rs.getLong(19);
            if (!rs.wasNull()) {
                tasks.add(new TaskRow(taskId, row.id(), rs.getString(20), rs.getString(21), rs.getInt(22), rs.getInt(23),
                        rs.getString(24), PlainJdbc.number(rs, 25), rs.getString(26), rs.getString(27),
                        TaskStatus.valueOf(rs.getString(28)), rs.getString(29), row.key(), row.title(), row.initiatorId(),
                        rs.getString(30), PlainJdbc.instant(rs, 31), PlainJdbc.instant(rs, 32), PlainJdbc.instant(rs, 33), rs.getString(34),
                        rs.getString(35)));
            }
        }
    }

    private String[] lockSql() {
        String[] sql = lockSql;
        if (sql == null) {
            String clause = database.product() == DatabaseProduct.POSTGRESQL ? " FOR UPDATE OF i" : " FOR UPDATE";
            // JDBC's parameters: the tenant first, then the instance or task id
            sql = new String[]{PlainJdbc.positional(OPEN_TASK_JOIN + BY_ID + " ORDER BY t.id" + clause),
                PlainJdbc.positional(OPEN_TASK_JOIN + BY_TASK + " ORDER BY t.id" + clause)};
            lockSql = sql;
        }
        return sql;
    }

    /**
     * Saves what a command changed: status, form, state, and the history lines it appends to the
     * inline timeline (null for none).
     */
    public void save(Handle h, long id, InstanceStatus status, String form, String state, Instant now, String timelineAppend) {
        // every command's write, by plain JDBC (see PlainJdbc)
        PlainJdbc.update(h, PlainJdbc.Prepared.PER_USE, timelineAppend == null ? SAVE : SAVE_WITH_TIMELINE, p -> {
            p.setString(1, status.name());
            PlainJdbc.text(p, 2, form);
            PlainJdbc.text(p, 3, state);
            PlainJdbc.time(p, 4, now);
            PlainJdbc.time(p, 5, status.ended() ? now : null);
            int i = 6;
            if (timelineAppend != null) {
                p.setString(i++, timelineAppend);
            }
            p.setLong(i, id);
        });
    }

    private static final String SAVE_SET = "UPDATE oa_wf_instance SET status = ?, form = ?, state = ?, row_version = row_version + 1,"
            + " updated_at = ?, ended_at = ?";
    private static final String SAVE = SAVE_SET + " WHERE id = ?";
    private static final String SAVE_WITH_TIMELINE = SAVE_SET + ", timeline = CONCAT(COALESCE(timeline, ''), ?) WHERE id = ?";

    /**
     * Reads an instance of a tenant.
     *
     * @param timeline when not null, receives the inline timeline (read in the same statement)
     */
    public Optional<InstanceRow> find(Handle h, String tenantId, long id, String[] timeline) {
        return h.createQuery("SELECT " + Rows.INSTANCE_COLUMNS + (timeline == null ? "" : ", timeline")
                        + " FROM oa_wf_instance WHERE id = :id AND tenant_id = :t")
                .bind("id", id).bind("t", tenantId)
                .map((rs, c) -> {
                    if (timeline != null) {
                        timeline[0] = rs.getString("timeline");
                    }
                    return Rows.INSTANCE.map(rs, c);
                }).findOne();
    }

    /** @return the title of an instance of the tenant, or empty */
    public Optional<String> title(Handle h, String tenantId, long id) {
        return h.createQuery("SELECT title FROM oa_wf_instance WHERE id = :id AND tenant_id = :t")
                .bind("id", id).bind("t", tenantId).mapTo(String.class).findOne();
    }

    /** @return the sub-process instances of {@code parentId} that have not ended */
    public List<Long> unendedChildren(Handle h, String tenantId, long parentId) {
        return h.createQuery("SELECT id FROM oa_wf_instance WHERE tenant_id = :t AND parent_id = :p"
                        + " AND status IN ('RUNNING', 'RETURNED', 'SUSPENDED')")
                .bind("t", tenantId).bind("p", parentId).mapTo(Long.class).list();
    }

    /** @return the instances a user started that have not ended, by id */
    public List<Long> unendedStartedBy(Handle h, String tenantId, String userId) {
        return h.createQuery("SELECT id FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u"
                        + " AND status IN ('RUNNING', 'RETURNED', 'SUSPENDED') ORDER BY id")
                .bind("t", tenantId).bind("u", userId).mapTo(Long.class).list();
    }

    /** Locks an instance row alone and returns its initiator, or empty when it does not exist in the tenant. */
    public Optional<String> lockInitiator(Handle h, String tenantId, long id) {
        return h.createQuery("SELECT initiator_id FROM oa_wf_instance WHERE id = :id AND tenant_id = :t FOR UPDATE")
                .bind("id", id).bind("t", tenantId).mapTo(String.class).findOne();
    }

    /** Moves an instance to another version of its process (the caller holds the row lock). */
    public void moveToVersion(Handle h, long id, long definitionId, int version) {
        h.createUpdate("UPDATE oa_wf_instance SET definition_id = :d, def_version = :v WHERE id = :id")
                .bind("d", definitionId).bind("v", version).bind("id", id).execute();
    }

    /** @return the running, suspended or returned instances of one version of a process, by id */
    public List<Long> unendedOfVersion(Handle h, String tenantId, String key, int version) {
        return h.createQuery("SELECT id FROM oa_wf_instance WHERE tenant_id = :t AND def_key = :k AND def_version = :v"
                        + " AND status IN ('RUNNING', 'RETURNED', 'SUSPENDED') ORDER BY id")
                .bind("t", tenantId).bind("k", key).bind("v", version).mapTo(Long.class).list();
    }

    /** Sets an instance's priority (the caller holds the row lock). */
    public void setPriority(Handle h, long id, String priority) {
        h.createUpdate("UPDATE oa_wf_instance SET priority = :p WHERE id = :id").bind("p", priority).bind("id", id).execute();
    }

    // ------------------------------------------------------------------ queries

    /** A page of the instances a user started. */
    public List<InstanceRow> startedBy(Handle h, String tenantId, String userId, String processKey, boolean newestFirst, int limit,
                                       int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.INSTANCE_COLUMNS + " FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u");
        if (processKey != null) {
            sql.append(" AND def_key = :key");
        }
        sql.append(" ORDER BY started_at ").append(newestFirst ? "DESC" : "ASC").append(", id DESC LIMIT :limit OFFSET :offset");
        Query q = h.createQuery(sql.toString()).bind("t", tenantId).bind("u", userId).bind("limit", limit).bind("offset", offset);
        if (processKey != null) {
            q.bind("key", processKey);
        }
        return q.map(Rows.INSTANCE).list();
    }

    /** Streams the process key and state of every running instance of a tenant (the monitor), one pass. */
    public void eachRunning(Handle h, String tenantId, Consumer<String[]> keyAndState) {
        h.createQuery("SELECT def_key, state FROM oa_wf_instance WHERE tenant_id = :t AND status = 'RUNNING'")
                .bind("t", tenantId)
                .map((rs, c) -> new String[]{rs.getString("def_key"), rs.getString("state")})
                .useStream(rows -> rows.forEach(keyAndState));
    }

    /** @return the number of suspended instances of a tenant */
    public long suspendedCount(Handle h, String tenantId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND status = 'SUSPENDED'")
                .bind("t", tenantId).mapTo(Long.class).one();
    }

    /**
     * The workbench counters of a user in one statement (it counts the user's open tasks and unread
     * cc items as well): open tasks, unread cc items, running or suspended instances they started,
     * and returned ones.
     */
    public long[] workbench(Handle h, String tenantId, String userId) {
        return h.createQuery("""
                SELECT (SELECT COUNT(*) FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN') AS todo,
                       (SELECT COUNT(*) FROM oa_wf_cc WHERE tenant_id = :t AND user_id = :u AND read_at IS NULL) AS cc_unread,
                       (SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u
                            AND status IN ('RUNNING', 'SUSPENDED')) AS started,
                       (SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u AND status = 'RETURNED') AS returned""")
                .bind("t", tenantId).bind("u", userId)
                .map((rs, c) -> new long[]{rs.getLong("todo"), rs.getLong("cc_unread"), rs.getLong("started"), rs.getLong("returned")})
                .one();
    }

    /** An instance that has not ended: its key, title and state. */
    public record Unended(long id, String key, String title, String state) {
    }

    /** @return those of {@code ids} that are running or suspended */
    public List<Unended> runningOrSuspended(Handle h, String tenantId, List<Long> ids) {
        return h.createQuery("SELECT id, def_key, title, state FROM oa_wf_instance WHERE tenant_id = :t"
                        + " AND status IN ('RUNNING', 'SUSPENDED') AND id IN (<ids>)")
                .bind("t", tenantId).bindList("ids", ids)
                .map((rs, c) -> new Unended(rs.getLong("id"), rs.getString("def_key"), rs.getString("title"), rs.getString("state")))
                .list();
    }
}

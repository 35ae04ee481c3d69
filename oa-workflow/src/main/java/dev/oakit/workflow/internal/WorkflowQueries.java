package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.CcItem;
import dev.oakit.workflow.CcQuery;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.Monitor;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.Workbench;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Todo, done, started-by-me, cc'd-to-me, instance detail, workbench, monitor and route preview queries. */
@Singleton
public final class WorkflowQueries implements ApprovalQueries {
    private final Commands commands;
    private final WorkflowEngine engine;
    private final RoutePreviewer previewer;
    private final ObjectMapper json;

    private final java.time.Clock clock;
    private final dev.oakit.workflow.WorkflowConfig config;

    @Inject
    public WorkflowQueries(Commands commands, WorkflowEngine engine, RoutePreviewer previewer, ObjectMapper json,
                           java.time.Clock clock, dev.oakit.workflow.WorkflowConfig config) {
        this.clock = clock;
        this.config = config;
        this.commands = commands;
        this.engine = engine;
        this.previewer = previewer;
        this.json = json;
    }

    Task task(Rows.TaskRow t) {
        return new Task(t.id(), t.instanceId(), t.nodeId(), t.nodeName(), t.assigneeId(), t.ownerId(), t.status(), t.outcome(),
                t.key(), t.title(), t.initiatorId(), t.createdAt(), t.completedAt(), t.dueAt(), dueState(t), t.proxyFor());
    }

    private dev.oakit.workflow.DueState dueState(Rows.TaskRow t) {
        if (t.dueAt() == null || t.status().ordinal() > dev.oakit.workflow.TaskStatus.WAITING.ordinal()) {
            return dev.oakit.workflow.DueState.NONE;
        }
        Instant now = clock.instant();
        if (!t.dueAt().isAfter(now)) {
            return dev.oakit.workflow.DueState.OVERDUE;
        }
        return t.dueAt().isAfter(now.plus(config.dueSoon())) ? dev.oakit.workflow.DueState.ON_TIME : dev.oakit.workflow.DueState.DUE_SOON;
    }

    @Override
    public List<Task> todo(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS
                    + " FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN'");
            filters(sql, q);
            dueFilter(sql, q);
            sql.append(" ORDER BY created_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id ").append(q.newestFirst() ? "DESC" : "ASC");
            sql.append(" LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId());
            bind(query1, q);
            return query1.map(Rows.TASK).map(this::task).list();
        });
    }

    @Override
    public List<Task> pool(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS.replaceAll("(^|, )(\\w)", "$1t.$2")
                    + " FROM oa_wf_candidate c JOIN oa_wf_task t ON t.id = c.task_id"
                    + " WHERE c.tenant_id = :t AND c.user_id = :u AND t.status = 'OPEN' AND t.assignee_id = ''");
            if (q.processKey() != null) {
                sql.append(" AND t.def_key = :key");
            }
            if (q.initiatorId() != null) {
                sql.append(" AND t.initiator_id = :init");
            }
            if (q.from() != null) {
                sql.append(" AND t.created_at >= :from");
            }
            if (q.to() != null) {
                sql.append(" AND t.created_at < :to");
            }
            dueFilter(sql, q);
            sql.append(" ORDER BY t.created_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", t.id LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId());
            bind(query1, q);
            return query1.map(Rows.TASK).map(this::task).list();
        });
    }

    @Override
    public long todoCount(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT COUNT(*) FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN'")
                .bind("t", actor.tenantId()).bind("u", actor.userId()).mapTo(Long.class).one());
    }

    @Override
    public List<Task> done(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS
                    + " FROM oa_wf_task WHERE tenant_id = :t AND acted_by = :u AND status = 'DONE'");
            filters(sql, q);
            dueFilter(sql, q);
            sql.append(" ORDER BY completed_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id DESC LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId());
            bind(query1, q);
            return query1.map(Rows.TASK).map(this::task).list();
        });
    }

    private static void filters(StringBuilder sql, TodoQuery q) {
        if (q.processKey() != null) {
            sql.append(" AND def_key = :key");
        }
        if (q.initiatorId() != null) {
            sql.append(" AND initiator_id = :init");
        }
        if (q.from() != null) {
            sql.append(" AND created_at >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND created_at < :to");
        }
    }

    /** Issue 4: open tasks by their state against the deadline, as of the clock's now. */
    private void dueFilter(StringBuilder sql, TodoQuery q) {
        if (q.due() == null) {
            return;
        }
        sql.append(switch (q.due()) {
            case NONE -> " AND due_at IS NULL";
            case OVERDUE -> " AND due_at <= :dueNow";
            case DUE_SOON -> " AND due_at > :dueNow AND due_at <= :dueSoon";
            case ON_TIME -> " AND due_at > :dueSoon";
        });
    }

    private void bind(Query query, TodoQuery q) {
        if (q.due() != null && q.due() != dev.oakit.workflow.DueState.NONE) {
            Instant now = clock.instant();
            query.bind("dueNow", Rows.db(now)).bind("dueSoon", Rows.db(now.plus(config.dueSoon())));
        }
        query.bind("limit", q.size()).bind("offset", q.page() * q.size());
        if (q.processKey() != null) {
            query.bind("key", q.processKey());
        }
        if (q.initiatorId() != null) {
            query.bind("init", q.initiatorId());
        }
        if (q.from() != null) {
            query.bind("from", Rows.db(q.from()));
        }
        if (q.to() != null) {
            query.bind("to", Rows.db(q.to()));
        }
    }

    @Override
    public List<ProcessInstance> startedBy(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.INSTANCE_COLUMNS + " FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u");
            if (q.processKey() != null) {
                sql.append(" AND def_key = :key");
            }
            sql.append(" ORDER BY started_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id DESC LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId())
                    .bind("limit", q.size()).bind("offset", q.page() * q.size());
            if (q.processKey() != null) {
                query1.bind("key", q.processKey());
            }
            return query1.map(Rows.INSTANCE).list().stream().map(r -> engine.view(h, actor, r)).toList();
        });
    }

    @Override
    public InstanceDetail detail(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> {
            String[] inline = new String[1];
            Rows.InstanceRow row = engine.instanceRow(h, actor, instanceId, inline);
            ProcessInstance instance = engine.view(h, actor, row);
            if (!actor.isAdmin() && !WorkflowEngine.participates(h, actor.tenantId(), instanceId, instance.initiatorId(), actor.userId())
                    && !successorOf(h, actor, instance.initiatorId())) {
                throw new NotFoundException("OA-WF/INSTANCE_NOT_FOUND", "process instance " + instanceId
                        + " does not exist in tenant '" + actor.tenantId() + "' or user '" + actor.userId() + "' does not take part in it");
            }
            List<Task> tasks = h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE instance_id = :i ORDER BY id")
                    .bind("i", instanceId).map(Rows.TASK).map(this::task).list();
            // the inline timeline first, then what went to oa_wf_history (older instances, long timelines)
            List<HistoryEntry> timeline = new java.util.ArrayList<>(Timeline.parse(json, inline[0]));
            if (Timeline.mayHaveRowsInHistoryTable(json, row.state())) {
                timeline.addAll(h.createQuery("SELECT * FROM oa_wf_history WHERE instance_id = :i ORDER BY id")
                        .bind("i", instanceId)
                        .map((rs, c) -> new HistoryEntry(Rows.instant(rs, "at"), rs.getString("action"), rs.getString("actor_id"),
                                rs.getString("on_behalf_of"), rs.getString("node_id"), (Long) rs.getObject("task_id", Long.class),
                                rs.getString("comment"), rs.getString("detail")))
                        .list());
            }
            return new InstanceDetail(instance, tasks, timeline);
        });
    }

    /** Issue 4: a successor sees the instances of the user whose work was handed over to them. */
    private static boolean successorOf(org.jdbi.v3.core.Handle h, Actor actor, String initiatorId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_handover WHERE tenant_id = :t AND successor_id = :s AND user_id = :u")
                .bind("t", actor.tenantId()).bind("s", actor.userId()).bind("u", initiatorId).mapTo(Long.class).one() > 0;
    }

    // ------------------------------------------------------------------ cc'd to me

    @Override
    public List<CcItem> ccToMe(Actor actor, CcQuery query) {
        Checks.notNull("actor", actor);
        CcQuery q = query == null ? CcQuery.firstPage() : query;
        String read = switch (q.filter()) {
            case ALL -> "";
            case UNREAD -> " AND c.read_at IS NULL";
            case READ -> " AND c.read_at IS NOT NULL";
        };
        return commands.query(h -> h.createQuery("""
                        SELECT c.id, c.instance_id, i.title, i.def_key, c.node_id, i.initiator_id, c.created_at, c.read_at
                        FROM oa_wf_cc c JOIN oa_wf_instance i ON i.id = c.instance_id AND i.tenant_id = c.tenant_id
                        WHERE c.tenant_id = :t AND c.user_id = :u""" + read
                        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                .bind("t", actor.tenantId()).bind("u", actor.userId()).bind("limit", q.size()).bind("offset", q.page() * q.size())
                .map((rs, c) -> new CcItem(rs.getLong("id"), rs.getLong("instance_id"), rs.getString("title"), rs.getString("def_key"),
                        rs.getString("node_id"), rs.getString("initiator_id"), Rows.instant(rs, "created_at"), Rows.instant(rs, "read_at")))
                .list());
    }

    @Override
    public void markCcRead(Actor actor, long ccId) {
        Checks.notNull("actor", actor);
        commands.execute(CommandSpec.of(actor, "wf.cc.read").withTarget("cc", Long.toString(ccId)), Void.class, ctx -> {
            var h = ctx.handle();
            Map<String, Object> cc = h.createQuery("SELECT user_id, instance_id, read_at FROM oa_wf_cc WHERE id = :id AND tenant_id = :t")
                    .bind("id", ccId).bind("t", actor.tenantId())
                    .map((rs, c) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("user", rs.getString("user_id"));
                        m.put("instance", rs.getLong("instance_id"));
                        m.put("readAt", Rows.instant(rs, "read_at"));
                        return m;
                    })
                    .findOne().orElseThrow(() -> new NotFoundException("OA-WF/CC_NOT_FOUND", "cc item " + ccId
                            + " does not exist in tenant '" + actor.tenantId() + "'"));
            if (!actor.userId().equals(cc.get("user"))) {
                throw new ForbiddenException("OA-WF/NOT_CC_RECIPIENT", "user '" + actor.userId() + "' may not mark cc item " + ccId
                        + " read; only its recipient '" + cc.get("user") + "' may");
            }
            if (cc.get("readAt") != null) {
                ctx.summary("cc item " + ccId + " of instance " + cc.get("instance") + " was already read at " + cc.get("readAt"));
                return null;
            }
            h.createUpdate("UPDATE oa_wf_cc SET read_at = :now WHERE id = :id AND read_at IS NULL")
                    .bind("now", Rows.db(ctx.now())).bind("id", ccId).execute();
            ctx.summary("read cc item " + ccId + " of instance " + cc.get("instance"));
            return null;
        });
    }

    @Override
    public long unreadCcCount(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT COUNT(*) FROM oa_wf_cc WHERE tenant_id = :t AND user_id = :u AND read_at IS NULL")
                .bind("t", actor.tenantId()).bind("u", actor.userId()).mapTo(Long.class).one());
    }

    // ------------------------------------------------------------------ workbench and monitor

    @Override
    public Workbench workbench(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("""
                SELECT (SELECT COUNT(*) FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN') AS todo,
                       (SELECT COUNT(*) FROM oa_wf_cc WHERE tenant_id = :t AND user_id = :u AND read_at IS NULL) AS cc_unread,
                       (SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u
                            AND status IN ('RUNNING', 'SUSPENDED')) AS started,
                       (SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u AND status = 'RETURNED') AS returned""")
                .bind("t", actor.tenantId()).bind("u", actor.userId())
                .map((rs, c) -> new Workbench(rs.getLong("todo"), rs.getLong("cc_unread"), rs.getLong("started"), rs.getLong("returned")))
                .one());
    }

    @Override
    public Monitor monitor(Actor admin) {
        Checks.notNull("admin", admin);
        if (!admin.isAdmin()) {
            throw new ForbiddenException("OA-WF/MONITOR", "user '" + admin.userId() + "' of tenant '" + admin.tenantId()
                    + "' may not see the process monitor; only administrators (role " + Actor.ADMIN_ROLE + ") may");
        }
        return commands.query(h -> {
            Map<String, Long> running = new TreeMap<>();
            Map<String, Map<String, Long>> waiting = new TreeMap<>();
            // the active nodes live in the instance state: one pass over the running instances, streamed
            h.createQuery("SELECT def_key, state FROM oa_wf_instance WHERE tenant_id = :t AND status = 'RUNNING'")
                    .bind("t", admin.tenantId())
                    .map((rs, c) -> new String[]{rs.getString("def_key"), rs.getString("state")})
                    .useStream(rows -> rows.forEach(r -> {
                        running.merge(r[0], 1L, Long::sum);
                        for (String node : activeNodes(r[1])) {
                            waiting.computeIfAbsent(r[0], k -> new TreeMap<>()).merge(node, 1L, Long::sum);
                        }
                    }));
            long suspended = h.createQuery("SELECT COUNT(*) FROM oa_wf_instance WHERE tenant_id = :t AND status = 'SUSPENDED'")
                    .bind("t", admin.tenantId()).mapTo(Long.class).one();
            return new Monitor(
                    running.entrySet().stream().map(e -> new Monitor.ProcessCount(e.getKey(), e.getValue())).toList(),
                    waiting.entrySet().stream().flatMap(p -> p.getValue().entrySet().stream()
                            .map(n -> new Monitor.NodeCount(p.getKey(), n.getKey(), n.getValue()))).toList(),
                    suspended, incidents(h, admin.tenantId()));
        });
    }

    private List<String> activeNodes(String state) {
        try {
            JsonNode active = json.readTree(state).path("active");
            List<String> out = new ArrayList<>();
            active.forEach(n -> out.add(n.asText()));
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private record DeadJob(long id, long instanceId, String node, String error, Instant at) {
    }

    private List<Monitor.Incident> incidents(org.jdbi.v3.core.Handle h, String tenant) {
        List<DeadJob> dead = new ArrayList<>();
        h.createQuery("""
                SELECT id, payload, last_error, updated_at FROM oa_core_job
                WHERE tenant_id = :t AND type = :type AND status = 'DEAD' ORDER BY updated_at DESC, id DESC""")
                .bind("t", tenant).bind("type", WorkflowEngine.SERVICE_JOB).setMaxRows(Monitor.MAX_INCIDENTS * 2)
                .map((rs, c) -> {
                    try {
                        JsonNode p = json.readTree(rs.getString("payload"));
                        return new DeadJob(rs.getLong("id"), p.path("instanceId").asLong(), p.path("node").asText(null),
                                rs.getString("last_error"), Rows.instant(rs, "updated_at"));
                    } catch (Exception e) {
                        return null;
                    }
                })
                .forEach(d -> {
                    if (d != null) {
                        dead.add(d);
                    }
                });
        if (dead.isEmpty()) {
            return List.of();
        }
        // a dead job is an incident while its instance has not ended and still waits at the node
        // (not after a cancel, or a jump past the service node)
        Map<Long, String[]> instances = new LinkedHashMap<>();
        Map<Long, List<String>> active = new LinkedHashMap<>();
        h.createQuery("SELECT id, def_key, title, state FROM oa_wf_instance WHERE tenant_id = :t"
                        + " AND status IN ('RUNNING', 'SUSPENDED') AND id IN (<ids>)")
                .bind("t", tenant).bindList("ids", dead.stream().map(DeadJob::instanceId).distinct().toList())
                .map((rs, c) -> {
                    active.put(rs.getLong("id"), activeNodes(rs.getString("state")));
                    return Map.entry(rs.getLong("id"), new String[]{rs.getString("def_key"), rs.getString("title")});
                })
                .forEach(e -> instances.put(e.getKey(), e.getValue()));
        return dead.stream().filter(d -> instances.containsKey(d.instanceId()) && active.get(d.instanceId()).contains(d.node()))
                .limit(Monitor.MAX_INCIDENTS)
                .map(d -> new Monitor.Incident(d.id(), d.instanceId(), instances.get(d.instanceId())[0],
                        instances.get(d.instanceId())[1], d.node(), d.error(), d.at()))
                .toList();
    }

    // ------------------------------------------------------------------ route preview

    @Override
    public RoutePreview preview(Actor initiator, StartRequest request) {
        Checks.notNull("initiator", initiator);
        Checks.notNull("request", request);
        return previewer.preview(initiator, request);
    }
}

package dev.oakit.workflow.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.statement.Query;

import java.util.List;

/** Todo, done, started-by-me and instance detail queries. */
@Singleton
public final class WorkflowQueries implements ApprovalQueries {
    private final Commands commands;
    private final WorkflowEngine engine;

    @Inject
    public WorkflowQueries(Commands commands, WorkflowEngine engine) {
        this.commands = commands;
        this.engine = engine;
    }

    static Task task(Rows.TaskRow t) {
        return new Task(t.id(), t.instanceId(), t.nodeId(), t.nodeName(), t.assigneeId(), t.ownerId(), t.status(), t.outcome(),
                t.key(), t.title(), t.initiatorId(), t.createdAt(), t.completedAt());
    }

    @Override
    public List<Task> todo(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.TASK_COLUMNS
                    + " FROM oa_wf_task WHERE tenant_id = :t AND assignee_id = :u AND status = 'OPEN'");
            filters(sql, q);
            sql.append(" ORDER BY created_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id ").append(q.newestFirst() ? "DESC" : "ASC");
            sql.append(" LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId());
            bind(query1, q);
            return query1.map(Rows.TASK).map(WorkflowQueries::task).list();
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
            sql.append(" ORDER BY completed_at ").append(q.newestFirst() ? "DESC" : "ASC").append(", id DESC LIMIT :limit OFFSET :offset");
            Query query1 = h.createQuery(sql.toString()).bind("t", actor.tenantId()).bind("u", actor.userId());
            bind(query1, q);
            return query1.map(Rows.TASK).map(WorkflowQueries::task).list();
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

    private static void bind(Query query, TodoQuery q) {
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
            StringBuilder sql = new StringBuilder("SELECT * FROM oa_wf_instance WHERE tenant_id = :t AND initiator_id = :u");
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
            ProcessInstance instance = engine.view(h, actor, instanceId);
            if (!actor.isAdmin() && !WorkflowEngine.participates(h, actor.tenantId(), instanceId, instance.initiatorId(), actor.userId())) {
                throw new NotFoundException("OA-WF/INSTANCE_NOT_FOUND", "process instance " + instanceId
                        + " does not exist in tenant '" + actor.tenantId() + "' or user '" + actor.userId() + "' does not take part in it");
            }
            List<Task> tasks = h.createQuery("SELECT " + Rows.TASK_COLUMNS + " FROM oa_wf_task WHERE instance_id = :i ORDER BY id")
                    .bind("i", instanceId).map(Rows.TASK).map(WorkflowQueries::task).list();
            List<HistoryEntry> timeline = h.createQuery("SELECT * FROM oa_wf_history WHERE instance_id = :i ORDER BY id")
                    .bind("i", instanceId)
                    .map((rs, c) -> new HistoryEntry(Rows.instant(rs, "at"), rs.getString("action"), rs.getString("actor_id"),
                            rs.getString("on_behalf_of"), rs.getString("node_id"), (Long) rs.getObject("task_id", Long.class),
                            rs.getString("comment"), rs.getString("detail")))
                    .list();
            return new InstanceDetail(instance, tasks, timeline);
        });
    }
}

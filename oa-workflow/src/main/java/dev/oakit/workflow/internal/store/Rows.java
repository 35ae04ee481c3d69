package dev.oakit.workflow.internal.store;

import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.TaskStatus;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Rows of the workflow tables and their mappers. */
public final class Rows {
    private Rows() {
    }

    /** An instance row. */
    public record InstanceRow(long id, String tenantId, long definitionId, String key, int version, String title,
                              String businessKey, String initiatorId, InstanceStatus status, String priority, String form,
                              String state, Long parentId, String parentNode, Instant startedAt, Instant endedAt) {
    }

    /** A task row. */
    public record TaskRow(long id, long instanceId, String nodeId, String nodeName, int round, int seq, String kind,
                          Long waitingFor, String assigneeId, String ownerId, TaskStatus status, String outcome,
                          String key, String title, String initiatorId, String actedBy, Instant createdAt, Instant completedAt,
                          Instant dueAt, String proxyFor, String comment) {
        /** @return this task with another id (a task inserted after the decision that opened it) */
        public TaskRow withId(long newId) {
            return new TaskRow(newId, instanceId, nodeId, nodeName, round, seq, kind, waitingFor, assigneeId, ownerId, status, outcome,
                    key, title, initiatorId, actedBy, createdAt, completedAt, dueAt, proxyFor, comment);
        }

        /** @return this task with another deadline */
        public TaskRow withDue(Instant due) {
            return new TaskRow(id, instanceId, nodeId, nodeName, round, seq, kind, waitingFor, assigneeId, ownerId, status, outcome,
                    key, title, initiatorId, actedBy, createdAt, completedAt, due, proxyFor, comment);
        }

        /** @return this task with another assignee, owner, status and proxied approver */
        public TaskRow with(String assignee, String owner, TaskStatus s, String proxy) {
            return new TaskRow(id, instanceId, nodeId, nodeName, round, seq, kind, waitingFor, assignee, owner, s, outcome, key,
                    title, initiatorId, actedBy, createdAt, completedAt, dueAt, proxy, comment);
        }
    }

    public static Instant instant(ResultSet rs, String col) throws SQLException {
        LocalDateTime t = rs.getObject(col, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime db(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public static final RowMapper<InstanceRow> INSTANCE = (rs, ctx) -> new InstanceRow(rs.getLong("id"), rs.getString("tenant_id"),
            rs.getLong("definition_id"), rs.getString("def_key"), rs.getInt("def_version"), rs.getString("title"),
            rs.getString("business_key"), rs.getString("initiator_id"), InstanceStatus.valueOf(rs.getString("status")),
            rs.getString("priority"), rs.getString("form"), rs.getString("state"),
            rs.getObject("parent_id", Long.class), rs.getString("parent_node"), instant(rs, "started_at"), instant(rs, "ended_at"));

    public static final RowMapper<TaskRow> TASK = (rs, ctx) -> new TaskRow(rs.getLong("id"), rs.getLong("instance_id"),
            rs.getString("node_id"), rs.getString("node_name"), rs.getInt("round"), rs.getInt("seq"), rs.getString("kind"),
            rs.getObject("waiting_for", Long.class), rs.getString("assignee_id"), rs.getString("owner_id"),
            TaskStatus.valueOf(rs.getString("status")), rs.getString("outcome"), rs.getString("def_key"), rs.getString("title"),
            rs.getString("initiator_id"), rs.getString("acted_by"), instant(rs, "created_at"), instant(rs, "completed_at"),
            instant(rs, "due_at"), rs.getString("proxy_for"), rs.getString("comment"));

    /** The instance columns {@link #INSTANCE} reads: all but the timeline, which only the detail query reads. */
    public static final String INSTANCE_COLUMNS = "id, tenant_id, definition_id, def_key, def_version, title, business_key,"
            + " initiator_id, status, priority, form, state, parent_id, parent_node, row_version, started_at, ended_at, updated_at";

    public static final String TASK_COLUMNS = "id, instance_id, node_id, node_name, round, seq, kind, waiting_for, assignee_id, owner_id,"
            + " status, outcome, def_key, title, initiator_id, acted_by, created_at, completed_at, due_at, proxy_for, comment";
}

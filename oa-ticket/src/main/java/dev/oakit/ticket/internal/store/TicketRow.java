package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.form.AttachmentRef;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket row ({@code oa_tk_ticket}) as a command changes it: read by {@link TicketRepository}, changed in memory by
 * the command's decision, written back in one version-checked UPDATE. Its fields are open to the command package;
 * it is an implementation detail, not thread-safe.
 */
public final class TicketRow {
    static final String COLUMNS = "id, tenant_id, number, type_key, title, description, category_key, priority, channel, requester_id,"
            + " contact_name, contact_email, customer_ref, queue_key, assignee_id, state, state_kind, overdue, parent_id, merged_into,"
            + " sla_policy, due_at, fields, tags, attachments, resolutions, row_version, created_by, created_at, updated_at,"
            + " resolved_at, closed_at";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<AttachmentRef>> ATTACHMENTS = new TypeReference<>() { };

    public long id;
    public String tenantId;
    public String number;
    public String type;
    public String title;
    public String description;
    public String category;
    public Priority priority;
    public String channel;
    public Requester requester;
    public String queue;
    public String assignee;
    public String state;
    public StateKind kind;
    public boolean overdue;
    public Long parentId;
    public Long mergedInto;
    public String slaPolicy;
    public Instant dueAt;
    public Map<String, Object> fields;
    public List<String> tags;
    public List<AttachmentRef> attachments;
    public int resolutions;
    public int version;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant resolvedAt;
    public Instant closedAt;

    static TicketRow map(ResultSet rs, ObjectMapper json) throws SQLException {
        TicketRow r = new TicketRow();
        r.id = rs.getLong("id");
        r.tenantId = rs.getString("tenant_id");
        r.number = rs.getString("number");
        r.type = rs.getString("type_key");
        r.title = rs.getString("title");
        r.description = rs.getString("description");
        r.category = rs.getString("category_key");
        r.priority = Priority.valueOf(rs.getString("priority"));
        r.channel = rs.getString("channel");
        String requesterId = rs.getString("requester_id");
        r.requester = new Requester(requesterId, rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("customer_ref"));
        r.queue = rs.getString("queue_key");
        r.assignee = rs.getString("assignee_id");
        r.state = rs.getString("state");
        r.kind = StateKind.valueOf(rs.getString("state_kind"));
        r.overdue = rs.getBoolean("overdue");
        r.parentId = rs.getObject("parent_id", Long.class);
        r.mergedInto = rs.getObject("merged_into", Long.class);
        r.slaPolicy = rs.getString("sla_policy");
        r.dueAt = Columns.instant(rs, "due_at");
        try {
            r.fields = json.readValue(rs.getString("fields"), MAP);
            r.tags = json.readValue(rs.getString("tags"), STRINGS);
            r.attachments = json.readValue(rs.getString("attachments"), ATTACHMENTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ticket " + r.id + " has unreadable JSON columns", e);
        }
        r.resolutions = rs.getInt("resolutions");
        r.version = rs.getInt("row_version");
        r.createdBy = rs.getString("created_by");
        r.createdAt = Columns.instant(rs, "created_at");
        r.updatedAt = Columns.instant(rs, "updated_at");
        r.resolvedAt = Columns.instant(rs, "resolved_at");
        r.closedAt = Columns.instant(rs, "closed_at");
        return r;
    }

    /** @return the ticket as the API shows it */
    public Ticket toTicket() {
        return new Ticket(id, number, type, title, description, category, priority, channel, requester, queue, assignee, state, kind,
                overdue, parentId, mergedInto, slaPolicy, dueAt, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)), List.copyOf(tags), List.copyOf(attachments),
                resolutions, createdBy, createdAt, updatedAt, resolvedAt, closedAt);
    }

    /** @return whether the user is the requester (never for an external contact) */
    public boolean requestedBy(String userId) {
        return userId.equals(requester.userId());
    }
}

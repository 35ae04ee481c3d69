package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.spi.HeldStatements;
import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketWorkbench;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every statement on {@code oa_tk_ticket} and its tag index {@code oa_tk_tag}: the row a command locks, changes and
 * writes back (version-checked), the ticket lists and workbench counts with the visibility condition in their SQL,
 * the open loads dispatch and assignment count, and the SLA columns. The visibility condition also reads
 * {@code oa_tk_queue_member} and {@code oa_tk_watcher} (in the list's and the counts' own statements). Past 500 lines
 * because it is the table's one owner: the row's writes, which every command runs, are plain JDBC bound by position
 * ({@link HeldStatements}), longer than Jdbi's chains but without Jdbi's set-up per statement.
 */
@Singleton
public final class TicketRepository {

    /** @return the gauge of this table: open tickets whose SLA is breached, over all tenants */
    public static java.util.List<dev.oakit.core.spi.OperationalGauge> gauges() {
        return java.util.List.of(
                dev.oakit.core.spi.OperationalGauge.of("oakit.ticket.sla.breached", "open tickets that missed an SLA target", "tickets",
                        (h, now) -> h.createQuery("SELECT COUNT(*) FROM oa_tk_ticket WHERE sla_breached = :b AND state_kind IN " + OPEN_KINDS)
                                .bind("b", true).mapTo(Long.class).one()));
    }
    static final String COLUMNS = "id, tenant_id, number, type_key, title, description, category_key, priority, channel, requester_id,"
            + " contact_name, contact_email, customer_ref, queue_key, assignee_id, state, state_kind, overdue, parent_id, merged_into,"
            + " sla_policy, due_at, fields, tags, attachments, resolutions, row_version, created_by, created_at, updated_at,"
            + " resolved_at, closed_at";
    private static final String OPEN_KINDS = "('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING')";
    /** The state kinds in which a ticket counts against its assignee's capacity (the one list of them). */
    static final String HELD_KINDS = "('ASSIGNED', 'IN_PROGRESS', 'WAITING')";
    /**
     * The condition of a held ticket as the index on assignee reads it: open ({@code done_flag} 0: the range of
     * {@code oa_tk_ticket_assignee} is the assignee's open tickets, not their history), in {@link #HELD_KINDS}.
     */
    static final String HELD = "done_flag = 0 AND state_kind IN " + HELD_KINDS;
    /**
     * A work list by urgency: open tickets ({@code done_flag} 0) first, by their due ({@code work_due}: the SLA's resolution
     * due, else the due set by hand, else {@link #NO_DUE}, so tickets without one come last), then priority
     * ({@code prio_rank} 0 for URGENT to 3 for LOW), then age. The indexes {@code oa_tk_ticket_queue_urgency} (tenant,
     * queue, ...) and {@code oa_tk_ticket_assignee_urgency} (tenant, assignee, ...) hold the tickets in this order; the
     * ORDER BY starts with the column the WHERE fixes, which changes nothing but lets H2 see the index's order too.
     */
    static final String URGENCY_ORDER = "t.done_flag, t.work_due, t.prio_rank, t.created_at, t.id";
    /** The sort value of "no due": after every real due. */
    static final LocalDateTime NO_DUE = LocalDateTime.of(9999, 12, 31, 0, 0);
    private static final String MY_QUEUES = "(SELECT queue_key FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u)";
    private static final String VISIBLE = " AND (t.requester_id = :u OR t.assignee_id = :u OR t.queue_key IN " + MY_QUEUES
            + " OR t.id IN (SELECT ticket_id FROM oa_tk_watcher WHERE tenant_id = :t AND user_id = :u))";

    private final ObjectMapper json;
    /** Reads a ticket's row, made once: a lock's call allocates no reader. */
    private final PlainJdbc.RowReader<TicketRow> ticketRow;

    @Inject
    public TicketRepository(ObjectMapper json) {
        this.json = json;
        this.ticketRow = rs -> TicketRow.map(rs, json);
    }

    /** A ticket's id and number: enough for a channel to thread a message. */
    public record Ref(long id, String number) {
    }

    // ------------------------------------------------------------------ the row

    /** @return the row, locked until the transaction ends ({@code SELECT ... FOR UPDATE}) */
    public Optional<TicketRow> lock(Handle h, String tenant, long id) {
        // every command on a ticket locks it: plain JDBC held per connection (HeldStatements; H2 never caches a FOR UPDATE's parse)
        return PlainJdbc.one(h, PlainJdbc.Prepared.HELD, LOCK, p -> {
            p.setLong(1, id);
            p.setString(2, tenant);
        }, ticketRow);
    }

    private static final String LOCK = "SELECT " + COLUMNS + " FROM oa_tk_ticket WHERE id = ? AND tenant_id = ? FOR UPDATE";

    /** @return the row, not locked */
    public Optional<TicketRow> find(Handle h, String tenant, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_tk_ticket WHERE id = :id AND tenant_id = :t")
                .bind("id", id).bind("t", tenant).map((rs, c) -> TicketRow.map(rs, json)).findOne();
    }

    /** @return the row with this number, not locked */
    public Optional<TicketRow> findByNumber(Handle h, String tenant, String number) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_tk_ticket WHERE number = :n AND tenant_id = :t")
                .bind("n", number).bind("t", tenant).map((rs, c) -> TicketRow.map(rs, json)).findOne();
    }

    /** @return the id and number of a ticket */
    public Optional<Ref> ref(Handle h, String tenant, long id) {
        return h.createQuery("SELECT id, number FROM oa_tk_ticket WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant).bind("id", id).map((rs, c) -> new Ref(rs.getLong(1), rs.getString(2))).findOne();
    }

    /** @return the id and number of the ticket with this number */
    public Optional<Ref> refByNumber(Handle h, String tenant, String number) {
        return h.createQuery("SELECT id, number FROM oa_tk_ticket WHERE tenant_id = :t AND number = :n")
                .bind("t", tenant).bind("n", number).map((rs, c) -> new Ref(rs.getLong(1), rs.getString(2))).findOne();
    }

    /**
     * Inserts a new ticket (row version 0, not overdue, no resolution) and its tags.
     *
     * @return the new id
     */
    public long insert(Handle h, TicketRow r) {
        Requester requester = r.requester;
        // every create's first write, by plain JDBC held per connection (HeldStatements), bound as Jdbi binds it
        long id = PlainJdbc.insert(h, PlainJdbc.Prepared.HELD, INSERT, "id", p -> {
            p.setString(1, r.tenantId);
            p.setString(2, r.number);
            p.setString(3, r.type);
            PlainJdbc.text(p, 4, r.title);
            PlainJdbc.text(p, 5, r.description);
            PlainJdbc.text(p, 6, r.category);
            p.setString(7, r.priority.name());
            PlainJdbc.text(p, 8, r.channel);
            PlainJdbc.text(p, 9, requester.userId());
            PlainJdbc.text(p, 10, requester.contactName());
            PlainJdbc.text(p, 11, requester.contactEmail());
            PlainJdbc.text(p, 12, requester.customerRef());
            PlainJdbc.text(p, 13, r.queue);
            PlainJdbc.text(p, 14, r.state);
            p.setString(15, r.kind.name());
            p.setBoolean(16, false);
            PlainJdbc.number(p, 17, r.parentId);
            PlainJdbc.text(p, 18, r.slaPolicy);
            PlainJdbc.text(p, 19, write(r.fields));
            PlainJdbc.text(p, 20, write(r.tags));
            PlainJdbc.text(p, 21, write(r.attachments));
            PlainJdbc.text(p, 22, r.createdBy);
            PlainJdbc.time(p, 23, r.createdAt);
            PlainJdbc.time(p, 24, r.createdAt);
            p.setInt(25, doneFlag(r));
            p.setObject(26, NO_DUE);
            p.setInt(27, rank(r.priority));
        });
        insertTags(h, r.tenantId, id, r.tags);
        return id;
    }

    private static final String INSERT = """
            INSERT INTO oa_tk_ticket (tenant_id, number, type_key, title, description, category_key, priority, channel, requester_id,
                contact_name, contact_email, customer_ref, queue_key, state, state_kind, overdue, parent_id, sla_policy, fields, tags,
                attachments, resolutions, row_version, created_by, created_at, updated_at, done_flag, work_due, prio_rank)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, 0, 0, ?, ?, ?, ?, ?, ?)""";

    /**
     * Writes a changed row back, if nobody changed it since it was read; on success the row's version and update time move on.
     *
     * @return false when the row's version moved (a concurrent change)
     */
    public boolean update(Handle h, TicketRow r, Instant now) {
        return update(h, r, now, null);
    }

    /**
     * Writes the row, version-checked, with its SLA columns when {@code sla} is not null (one statement for both).
     *
     * @return false when the row changed since it was loaded
     */
    public boolean update(Handle h, TicketRow r, Instant now, SlaDues sla) {
        // every command's write, by plain JDBC held per connection (HeldStatements), bound as Jdbi binds it
        int n = PlainJdbc.update(h, PlainJdbc.Prepared.HELD, sla == null ? UPDATE : UPDATE_WITH_SLA, p -> {
            PlainJdbc.text(p, 1, r.title);
            PlainJdbc.text(p, 2, r.description);
            PlainJdbc.text(p, 3, r.category);
            p.setString(4, r.priority.name());
            PlainJdbc.text(p, 5, r.queue);
            PlainJdbc.text(p, 6, r.assignee);
            PlainJdbc.text(p, 7, r.state);
            p.setString(8, r.kind.name());
            p.setBoolean(9, r.overdue);
            PlainJdbc.number(p, 10, r.parentId);
            PlainJdbc.number(p, 11, r.mergedInto);
            PlainJdbc.text(p, 12, r.slaPolicy);
            PlainJdbc.time(p, 13, r.dueAt);
            PlainJdbc.text(p, 14, write(r.fields));
            PlainJdbc.text(p, 15, write(r.tags));
            p.setInt(16, r.resolutions);
            PlainJdbc.time(p, 17, now);
            PlainJdbc.time(p, 18, r.resolvedAt);
            PlainJdbc.time(p, 19, r.closedAt);
            p.setInt(20, doneFlag(r));
            int i = 21;
            if (sla == null) {
                PlainJdbc.time(p, i++, r.dueAt);
                p.setObject(i++, NO_DUE);
            } else {
                PlainJdbc.time(p, i++, sla.firstResponseDue());
                PlainJdbc.time(p, i++, sla.resolutionDue());
                p.setBoolean(i++, sla.breached());
                PlainJdbc.text(p, i++, sla.timers());
                Instant workDue = sla.resolutionDue() != null ? sla.resolutionDue() : r.dueAt;
                if (workDue != null) {
                    PlainJdbc.time(p, i++, workDue);
                } else {
                    p.setObject(i++, NO_DUE);
                }
            }
            p.setInt(i++, rank(r.priority));
            p.setLong(i++, r.id);
            p.setString(i++, r.tenantId);
            p.setInt(i, r.version);
        });
        if (n == 0) {
            return false;
        }
        r.version++;
        r.updatedAt = now;
        return true;
    }

    private static String update(String slaSet) {
        return "UPDATE oa_tk_ticket SET title = ?, description = ?, category_key = ?, priority = ?, queue_key = ?,"
                + " assignee_id = ?, state = ?, state_kind = ?, overdue = ?, parent_id = ?, merged_into = ?, sla_policy = ?,"
                + " due_at = ?, fields = ?, tags = ?, resolutions = ?, row_version = row_version + 1, updated_at = ?,"
                + " resolved_at = ?, closed_at = ?, done_flag = ?, " + slaSet + ", prio_rank = ?"
                + " WHERE id = ? AND tenant_id = ? AND row_version = ?";
    }

    /** The row's update: the due of a work list from the SLA columns as they are, else the due set by hand. */
    private static final String UPDATE = update("work_due = COALESCE(sla_resolution_due, ?, ?)");
    /** The row's update with the SLA clock's columns. */
    private static final String UPDATE_WITH_SLA = update("sla_first_response_due = ?, sla_resolution_due = ?, sla_breached = ?,"
            + " sla_timers = ?, work_due = ?");

    /** Replaces the tag index of a ticket (the row's own tags column is written with the row). */
    public void replaceTags(Handle h, String tenant, long id, List<String> tags) {
        h.createUpdate("DELETE FROM oa_tk_tag WHERE ticket_id = :id AND tenant_id = :t").bind("id", id).bind("t", tenant).execute();
        insertTags(h, tenant, id, tags);
    }

    private static void insertTags(Handle h, String tenant, long id, List<String> tags) {
        for (String tag : tags) {
            h.createUpdate("INSERT INTO oa_tk_tag (tenant_id, ticket_id, tag) VALUES (:t, :id, :tag)")
                    .bind("t", tenant).bind("id", id).bind("tag", tag).execute();
        }
    }

    private String write(Object value) {
        return JsonText.write(json, value);
    }

    // ------------------------------------------------------------------ parents and children

    /** @return the parent of a ticket, or null */
    public Long parentOf(Handle h, String tenant, long id) {
        return h.createQuery("SELECT parent_id FROM oa_tk_ticket WHERE id = :id AND tenant_id = :t").bind("id", id).bind("t", tenant)
                .mapTo(Long.class).findOne().orElse(null);
    }

    /** @return the numbers of the children that are neither resolved nor closed, by id */
    public List<String> openChildren(Handle h, String tenant, long id) {
        return h.createQuery("SELECT number FROM oa_tk_ticket WHERE tenant_id = :t AND parent_id = :id AND state_kind NOT IN ('RESOLVED', 'CLOSED') ORDER BY id")
                .bind("t", tenant).bind("id", id).mapTo(String.class).list();
    }

    /** @return the ids of every child, by id */
    public List<Long> children(Handle h, String tenant, long id) {
        return h.createQuery("SELECT id FROM oa_tk_ticket WHERE tenant_id = :t AND parent_id = :id ORDER BY id")
                .bind("t", tenant).bind("id", id).mapTo(Long.class).list();
    }

    // ------------------------------------------------------------------ loads and dispatch

    /** @return the ids of the queue's new, unassigned tickets, oldest first */
    public List<Long> waitingInQueue(Handle h, String tenant, String queue) {
        return h.createQuery("""
                SELECT id FROM oa_tk_ticket WHERE tenant_id = :t AND queue_key = :q AND state_kind = :k AND assignee_id IS NULL
                ORDER BY created_at, id""")
                .bind("t", tenant).bind("q", queue).bind("k", StateKind.NEW.name()).mapTo(Long.class).list();
    }

    /** @return the ids of the tickets the user holds (assigned, in progress, waiting), oldest first */
    public List<Long> heldBy(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT id FROM oa_tk_ticket WHERE tenant_id = :t AND assignee_id = :u AND " + HELD
                        + " ORDER BY id")
                .bind("t", tenant).bind("u", userId).mapTo(Long.class).list();
    }

    /** @return the open tickets assigned to the user */
    public int openLoad(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_ticket WHERE tenant_id = :t AND assignee_id = :u AND " + HELD)
                .bind("t", tenant).bind("u", userId).mapTo(Integer.class).one();
    }

    /** @return the open tickets held by each member of the queue (any queue's tickets), by member */
    public Map<String, Integer> openLoadOfMembers(Handle h, String tenant, String queue) {
        Map<String, Integer> load = new HashMap<>();
        h.createQuery("""
                SELECT t.assignee_id, COUNT(*) FROM oa_tk_ticket t JOIN oa_tk_queue_member m
                  ON m.tenant_id = t.tenant_id AND m.user_id = t.assignee_id AND m.queue_key = :q
                WHERE t.tenant_id = :t AND t.done_flag = 0 AND t.state_kind IN\s""" + HELD_KINDS + " GROUP BY t.assignee_id")
                .bind("t", tenant).bind("q", queue).map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> load.put(e.getKey(), e.getValue()));
        return load;
    }

    /** @return the assignees of the requester's other tickets (by user id, or by the contact's address), newest first, at most 20 */
    public List<String> earlierAssignees(Handle h, String tenant, Requester r, long exceptId) {
        boolean byUser = r.userId() != null;
        // every routed create reads it: plain JDBC held per connection (HeldStatements)
        return PlainJdbc.query(h, PlainJdbc.Prepared.HELD, byUser ? EARLIER_BY_USER : EARLIER_BY_CONTACT, 0, p -> {
            p.setString(1, tenant);
            PlainJdbc.text(p, 2, byUser ? r.userId() : r.contactEmail());
            p.setLong(3, exceptId);
        }, rs -> rs.getString(1));
    }

    private static final String EARLIER_BY_USER = PlainJdbc.positional(earlierAssigneesSql(true));
    private static final String EARLIER_BY_CONTACT = PlainJdbc.positional(earlierAssigneesSql(false));

    /**
     * The requester's earlier agents ({@link #earlierAssignees}): the newest of their tickets first from
     * {@code oa_tk_ticket_requester_recent} (by user) or {@code oa_tk_ticket_contact_recent} (by contact address), which
     * hold the assignee too, so the read stops at the limit without visiting a row. Parameters {@code t}, {@code r}, {@code id}.
     */
    static String earlierAssigneesSql(boolean byUser) {
        String who = byUser ? "requester_id" : "contact_email";
        // the fixed columns lead the order too, so that H2 sees the index's order (its planner asks for a prefix)
        return "SELECT assignee_id FROM oa_tk_ticket WHERE tenant_id = :t AND " + who + " = :r AND assignee_id IS NOT NULL AND id <> :id"
                + " ORDER BY tenant_id, " + who + ", id DESC LIMIT 20";
    }

    /** @return the assignee of a ticket, empty when it has none */
    public Optional<String> assigneeOf(Handle h, String tenant, long id) {
        return h.createQuery("SELECT assignee_id FROM oa_tk_ticket WHERE tenant_id = :t AND id = :id").bind("t", tenant).bind("id", id)
                .mapTo(String.class).findOne();
    }

    // ------------------------------------------------------------------ SLA columns

    /** Stores the SLA clock's due times, breach flag and timers (JSON) on the ticket. */
    public void saveSla(Handle h, String tenant, long id, SlaDues sla) {
        saveSla(h, tenant, id, sla.firstResponseDue(), sla.resolutionDue(), sla.breached(), sla.timers());
    }

    /** Stores a ticket's SLA columns alone (a command that changed nothing else on the row, an SLA firing). */
    public void saveSla(Handle h, String tenant, long id, Instant firstResponseDue, Instant resolutionDue, boolean breached, String timers) {
        h.createUpdate("""
                UPDATE oa_tk_ticket SET sla_first_response_due = :f, sla_resolution_due = :r, sla_breached = :b, sla_timers = :j,
                    work_due = COALESCE(:r2, due_at, :never)
                WHERE id = :id AND tenant_id = :t""")
                .bind("f", Columns.db(firstResponseDue)).bind("r", Columns.db(resolutionDue)).bind("r2", Columns.db(resolutionDue))
                .bind("never", NO_DUE)
                .bind("b", breached).bind("j", timers).bind("id", id).bind("t", tenant).execute();
    }

    /** @return the SLA timers (JSON) of a ticket, or null */
    public String slaTimers(Handle h, String tenant, long id) {
        return h.createQuery("SELECT sla_timers FROM oa_tk_ticket WHERE id = :id AND tenant_id = :t").bind("id", id).bind("t", tenant)
                .mapTo(String.class).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Stores the SLA timers (JSON) of a ticket. */
    public void saveSlaTimers(Handle h, String tenant, long id, String timers) {
        h.createUpdate("UPDATE oa_tk_ticket SET sla_timers = :j WHERE id = :id AND tenant_id = :t")
                .bind("j", timers).bind("id", id).bind("t", tenant).execute();
    }

    // ------------------------------------------------------------------ lists and counts

    /**
     * A page of the tickets the actor may see (administrators: every ticket of the tenant), newest first, with the total.
     *
     * @param categories the query's category with its sub-categories, or null for no category filter
     */
    public TicketPage page(Handle h, Actor actor, TicketQuery q, List<String> categories) {
        StringBuilder where = new StringBuilder(" FROM oa_tk_ticket t WHERE t.tenant_id = :t");
        List<Consumer<Query>> binds = new ArrayList<>();
        // every scope but VISIBLE is one branch of the visibility condition, so it stands for the whole condition
        if (!actor.isAdmin() && q.scope() == TicketQuery.Scope.VISIBLE) {
            where.append(VISIBLE);
        }
        boolean oneQueue = q.queue() != null;
        switch (q.scope()) {
            case REQUESTED_BY_ME -> where.append(" AND t.requester_id = :u");
            case ASSIGNED_TO_ME -> where.append(" AND t.assignee_id = :u");
            case MY_QUEUES -> {
                // the actor's queues first, so that each is a range of a (tenant, queue, ...) index: a subquery or an OR
                // of queues would leave H2 reading and sorting every open ticket of them
                List<String> mine = h.createQuery(MY_QUEUES.substring(1, MY_QUEUES.length() - 1) + " ORDER BY queue_key")
                        .bind("t", actor.tenantId()).bind("u", actor.userId()).mapTo(String.class).list();
                if (mine.isEmpty()) {
                    return new TicketPage(List.of(), 0, q.offset(), q.limit());
                }
                if (mine.size() == 1) {
                    where.append(" AND t.queue_key = :mine");
                    binds.add(s -> s.bind("mine", mine.get(0)));
                    oneQueue = true;
                } else {
                    where.append(" AND t.queue_key IN (<mine>)");
                    binds.add(s -> s.bindList("mine", mine));
                }
            }
            case WATCHING -> where.append(" AND t.id IN (SELECT ticket_id FROM oa_tk_watcher WHERE tenant_id = :t AND user_id = :u)");
            case VISIBLE -> { }
        }
        if (q.openOnly()) {
            where.append(" AND t.done_flag = 0"); // the open tickets (state kinds NEW to WAITING), in the indexes' terms
        }
        filter(where, binds, "t.state = :state", "state", q.state());
        filter(where, binds, "t.state_kind = :kind", "kind", q.stateKind() == null ? null : q.stateKind().name());
        filter(where, binds, "t.queue_key = :queue", "queue", q.queue());
        filter(where, binds, "t.assignee_id = :assignee", "assignee", q.assignee());
        filter(where, binds, "t.type_key = :type", "type", q.type());
        filter(where, binds, "t.priority = :prio", "prio", q.priority() == null ? null : q.priority().name());
        filter(where, binds, "t.id IN (SELECT ticket_id FROM oa_tk_tag WHERE tenant_id = :t AND tag = :tag)", "tag", q.tag());
        filter(where, binds, "t.customer_ref = :customer", "customer", q.customerRef());
        filter(where, binds, "t.created_at >= :from", "from", Columns.db(q.createdFrom()));
        filter(where, binds, "t.created_at < :before", "before", Columns.db(q.createdBefore()));
        if (q.unassigned()) {
            where.append(" AND t.assignee_id IS NULL");
        }
        if (q.overdue()) {
            where.append(" AND (t.overdue = :od OR t.sla_breached = :od)");
            binds.add(s -> s.bind("od", true));
        }
        if (categories != null) {
            where.append(" AND t.category_key IN (<cats>)");
            binds.add(s -> s.bindList("cats", categories));
        }
        Query count = h.createQuery("SELECT COUNT(*)" + where);
        Query page = h.createQuery("SELECT t.*" + where + order(q, oneQueue) + " LIMIT :limit OFFSET :offset")
                .bind("limit", q.limit()).bind("offset", q.offset());
        for (Query s : List.of(count, page)) {
            s.bind("t", actor.tenantId());
            if (where.indexOf(":u") >= 0) {
                s.bind("u", actor.userId());
            }
            binds.forEach(b -> b.accept(s));
        }
        long total = count.mapTo(Long.class).one();
        List<Ticket> items = page.map((rs, c) -> TicketRow.map(rs, json).toTicket()).list();
        return new TicketPage(items, total, q.offset(), q.limit());
    }

    /** @return the ORDER BY of a page (see {@link #order(TicketQuery, boolean)}) */
    static String order(TicketQuery q) {
        return order(q, q.queue() != null);
    }

    /**
     * The ORDER BY of a page, led by the columns the query fixes (see {@link #URGENCY_ORDER}): a single queue's list is
     * one range of {@code oa_tk_ticket_queue_urgency} by urgency, of {@code oa_tk_ticket_queue_open} (V65) newest first.
     *
     * @param oneQueue the query fixes the queue (a queue filter, or the actor's only queue)
     */
    static String order(TicketQuery q, boolean oneQueue) {
        if (q.order() != TicketQuery.Order.URGENCY) {
            return oneQueue && q.openOnly() ? " ORDER BY t.tenant_id, t.queue_key, t.done_flag, t.created_at DESC, t.id DESC"
                    : " ORDER BY t.created_at DESC, t.id DESC";
        }
        if (oneQueue) {
            return " ORDER BY t.tenant_id, t.queue_key, " + URGENCY_ORDER;
        }
        if (q.assignee() != null || q.scope() == TicketQuery.Scope.ASSIGNED_TO_ME) {
            return " ORDER BY t.tenant_id, t.assignee_id, " + URGENCY_ORDER;
        }
        return " ORDER BY " + URGENCY_ORDER;
    }

    /** @return 1 for a resolved or closed ticket, 0 for an open one: open tickets come first in a work list */
    private static int doneFlag(TicketRow r) {
        return r.kind == StateKind.RESOLVED || r.kind == StateKind.CLOSED ? 1 : 0;
    }

    /** @return the sort rank of a priority: URGENT 0, HIGH 1, NORMAL 2, LOW 3 */
    private static int rank(dev.oakit.ticket.Priority p) {
        return switch (p) {
            case URGENT -> 0;
            case HIGH -> 1;
            case NORMAL -> 2;
            case LOW -> 3;
        };
    }

    private static void filter(StringBuilder where, List<Consumer<Query>> binds, String condition, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            binds.add(s -> s.bind(name, value));
        }
    }

    /** @return the actor's workbench counts (administrators count every queue) */
    public TicketWorkbench workbench(Handle h, Actor actor) {
        String mine = actor.isAdmin() ? "" : " AND queue_key IN " + MY_QUEUES;
        String open = " AND state_kind IN " + OPEN_KINDS;
        return new TicketWorkbench(
                count(h, actor, "assignee_id = :u" + open),
                count(h, actor, "1 = 1" + mine + open),
                count(h, actor, "assignee_id IS NULL" + mine + open),
                count(h, actor, "(overdue = :od OR sla_breached = :od)" + open + (actor.isAdmin() ? "" : " AND (assignee_id = :u OR queue_key IN " + MY_QUEUES + ")")),
                count(h, actor, "requester_id = :u AND state_kind = 'RESOLVED'"),
                count(h, actor, "state_kind = 'RESOLVED'" + mine));
    }

    private static long count(Handle h, Actor actor, String condition) {
        Query q = h.createQuery("SELECT COUNT(*) FROM oa_tk_ticket WHERE tenant_id = :t AND " + condition)
                .bind("t", actor.tenantId());
        if (condition.contains(":u")) {
            q.bind("u", actor.userId());
        }
        if (condition.contains(":od")) {
            q.bind("od", true);
        }
        return q.mapTo(Long.class).one();
    }
}

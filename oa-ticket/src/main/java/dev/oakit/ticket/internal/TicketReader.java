package dev.oakit.ticket.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.NotFoundException;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketView;
import dev.oakit.ticket.TicketWorkbench;
import dev.oakit.ticket.TimeEntry;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The read side: every query carries the tenant and, for non-administrators, the visibility
 * condition (requester, assignee, member of the queue, watcher) in its SQL.
 */
@Singleton
public final class TicketReader implements TicketQueries {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final String OPEN_KINDS = "('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING')";
    private static final String MY_QUEUES = "(SELECT queue_key FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u)";
    private static final String VISIBLE = " AND (t.requester_id = :u OR t.assignee_id = :u OR t.queue_key IN " + MY_QUEUES
            + " OR t.id IN (SELECT ticket_id FROM oa_tk_watcher WHERE tenant_id = :t AND user_id = :u))";

    private final Commands commands;
    private final ObjectMapper json;
    private final CatalogStore catalog;

    @Inject
    public TicketReader(Commands commands, ObjectMapper json, CatalogStore catalog) {
        this.commands = commands;
        this.json = json;
        this.catalog = catalog;
    }

    @Override
    public TicketDetail detail(Actor actor, long ticketId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> detail(h, actor, ticketId, h.createQuery("SELECT " + TicketRow.COLUMNS + " FROM oa_tk_ticket WHERE id = :id AND tenant_id = :t")
                .bind("id", ticketId).bind("t", actor.tenantId()).map((rs, c) -> TicketRow.map(rs, json)).findOne()
                .orElseThrow(() -> TicketEngine.notFound(actor.tenantId(), ticketId))));
    }

    @Override
    public TicketDetail detail(Actor actor, String number) {
        Checks.notNull("actor", actor);
        Checks.text("number", number, 40);
        return commands.query(h -> detail(h, actor, number, h.createQuery("SELECT " + TicketRow.COLUMNS + " FROM oa_tk_ticket WHERE number = :n AND tenant_id = :t")
                .bind("n", number).bind("t", actor.tenantId()).map((rs, c) -> TicketRow.map(rs, json)).findOne()
                .orElseThrow(() -> Access.notFound(actor.tenantId(), number))));
    }

    /** @param named the id or number the actor asked for */
    private TicketDetail detail(Handle h, Actor actor, Object named, TicketRow row) {
        Set<Party> parties = Access.parties(h, actor, row);
        if (parties.isEmpty() && !Access.watches(h, row.id, actor.userId())) {
            throw Access.notFound(actor.tenantId(), named);
        }
        boolean agent = Access.agentView(parties);
        List<TicketEvent> timeline = h.createQuery("SELECT * FROM oa_tk_event WHERE ticket_id = :id AND tenant_id = :t"
                        + (agent ? "" : " AND internal = :i") + " ORDER BY id")
                .bind("id", row.id).bind("t", actor.tenantId()).bindMap(agent ? Map.of() : Map.of("i", false))
                .map((rs, c) -> new TicketEvent(rs.getLong("id"), TicketEventKind.valueOf(rs.getString("kind")), rs.getString("actor_id"),
                        rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"), rs.getString("body"),
                        rs.getBoolean("internal"), readMap(rs.getString("detail")), TicketRow.instant(rs, "at"))).list();
        List<TicketLink> links = h.createQuery("SELECT from_id, kind, to_id, created_by, created_at FROM oa_tk_link"
                        + " WHERE tenant_id = :t AND (from_id = :id OR to_id = :id) ORDER BY id")
                .bind("t", actor.tenantId()).bind("id", row.id)
                .map((rs, c) -> new TicketLink(rs.getLong(1), LinkKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4),
                        TicketRow.instant(rs, "created_at"))).list();
        List<Long> children = h.createQuery("SELECT id FROM oa_tk_ticket WHERE tenant_id = :t AND parent_id = :id ORDER BY id")
                .bind("t", actor.tenantId()).bind("id", row.id).mapTo(Long.class).list();
        List<TimeEntry> time = !agent ? List.of() : h.createQuery("SELECT id, user_id, minutes, work_date, note, logged_at FROM oa_tk_time"
                        + " WHERE ticket_id = :id AND tenant_id = :t ORDER BY id")
                .bind("id", row.id).bind("t", actor.tenantId())
                .map((rs, c) -> new TimeEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, java.time.LocalDate.class),
                        rs.getString(5), TicketRow.instant(rs, "logged_at"))).list();
        List<Rating> ratings = h.createQuery("SELECT resolution, score, comment, rated_by, rated_at FROM oa_tk_rating"
                        + " WHERE ticket_id = :id AND tenant_id = :t ORDER BY resolution")
                .bind("id", row.id).bind("t", actor.tenantId())
                .map((rs, c) -> new Rating(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), TicketRow.instant(rs, "rated_at"))).list();
        Lifecycle lc = catalog.lifecycle(h, actor.tenantId(), row.type);
        List<String> actions = lc.from(row.state).stream()
                .filter(t -> !Collections.disjoint(parties, t.by()))
                .filter(t -> !(t.action().equals("claim") && row.assignee != null))
                .map(Lifecycle.Transition::action).distinct().toList();
        return new TicketDetail(row.toTicket(), agent ? TicketView.AGENT : TicketView.PUBLIC, timeline, Access.watchers(h, row.id), links,
                children, time, ratings, actions);
    }

    private Map<String, Object> readMap(String s) {
        if (s == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(json.readValue(s, MAP));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable ticket event detail", e);
        }
    }

    @Override
    public TicketPage list(Actor actor, TicketQuery q) {
        Checks.notNull("actor", actor);
        Checks.notNull("query", q);
        return commands.query(h -> {
            StringBuilder where = new StringBuilder(" FROM oa_tk_ticket t WHERE t.tenant_id = :t");
            List<Consumer<Query>> binds = new ArrayList<>();
            if (!actor.isAdmin()) {
                where.append(VISIBLE);
            }
            switch (q.scope()) {
                case REQUESTED_BY_ME -> where.append(" AND t.requester_id = :u");
                case ASSIGNED_TO_ME -> where.append(" AND t.assignee_id = :u");
                case MY_QUEUES -> where.append(" AND t.queue_key IN ").append(MY_QUEUES);
                case WATCHING -> where.append(" AND t.id IN (SELECT ticket_id FROM oa_tk_watcher WHERE tenant_id = :t AND user_id = :u)");
                case VISIBLE -> { }
            }
            if (q.openOnly()) {
                where.append(" AND t.state_kind IN ").append(OPEN_KINDS);
            }
            filter(where, binds, "t.state = :state", "state", q.state());
            filter(where, binds, "t.state_kind = :kind", "kind", q.stateKind() == null ? null : q.stateKind().name());
            filter(where, binds, "t.queue_key = :queue", "queue", q.queue());
            filter(where, binds, "t.assignee_id = :assignee", "assignee", q.assignee());
            filter(where, binds, "t.type_key = :type", "type", q.type());
            filter(where, binds, "t.priority = :prio", "prio", q.priority() == null ? null : q.priority().name());
            filter(where, binds, "t.id IN (SELECT ticket_id FROM oa_tk_tag WHERE tenant_id = :t AND tag = :tag)", "tag", q.tag());
            filter(where, binds, "t.created_at >= :from", "from", TicketRow.db(q.createdFrom()));
            filter(where, binds, "t.created_at < :before", "before", TicketRow.db(q.createdBefore()));
            if (q.unassigned()) {
                where.append(" AND t.assignee_id IS NULL");
            }
            if (q.overdue()) {
                where.append(" AND (t.overdue = :od OR t.sla_breached = :od)");
                binds.add(s -> s.bind("od", true));
            }
            if (q.category() != null) {
                List<String> cats = List.copyOf(CatalogStore.subTree(h, actor.tenantId(), q.category()));
                where.append(" AND t.category_key IN (<cats>)");
                binds.add(s -> s.bindList("cats", cats));
            }
            Query count = h.createQuery("SELECT COUNT(*)" + where);
            Query page = h.createQuery("SELECT t.*" + where + " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
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
        });
    }

    private static void filter(StringBuilder where, List<Consumer<Query>> binds, String condition, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            binds.add(s -> s.bind(name, value));
        }
    }

    @Override
    public TicketWorkbench workbench(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> {
            String mine = actor.isAdmin() ? "" : " AND queue_key IN " + MY_QUEUES;
            String open = " AND state_kind IN " + OPEN_KINDS;
            return new TicketWorkbench(
                    count(h, actor, "assignee_id = :u" + open),
                    count(h, actor, "1 = 1" + mine + open),
                    count(h, actor, "assignee_id IS NULL" + mine + open),
                    count(h, actor, "(overdue = :od OR sla_breached = :od)" + open + (actor.isAdmin() ? "" : " AND (assignee_id = :u OR queue_key IN " + MY_QUEUES + ")")),
                    count(h, actor, "requester_id = :u AND state_kind = 'RESOLVED'"),
                    count(h, actor, "state_kind = 'RESOLVED'" + mine));
        });
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

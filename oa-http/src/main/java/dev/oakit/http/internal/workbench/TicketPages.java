package dev.oakit.http.internal.workbench;

import dev.oakit.core.ValidationException;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.Queues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ticket pages: the queue (my queues' open tickets by urgency, filters, SLA marks), a new ticket, the ticket page
 * (fields, public replies and internal notes, history, the actions the engine allows) and a queue's dispatch board.
 */
public final class TicketPages implements PageGroup {
    /** Actions with a message of their own after they ran ({@code flash.ticket.<action>}); others say the ticket was updated. */
    static final java.util.Set<String> FLASHED = java.util.Set.of("reply", "note", "assign", "claim", "release", "start", "pend", "resume",
            "return", "resolve", "accept", "refuse", "close", "reopen", "withdraw", "cancel", "rate");

    private final TicketDesk desk;
    private final Tickets tickets;
    private final TicketQueries queries;
    private final TicketCatalog catalog;

    public TicketPages(Tickets tickets, TicketQueries queries, Queues queues, TicketCatalog catalog) {
        this.desk = new TicketDesk(tickets, queries, queues, catalog);
        this.tickets = tickets;
        this.queries = queries;
        this.catalog = catalog;
    }

    @Override
    public List<PageRoute> routes() {
        List<PageRoute> r = new ArrayList<>();
        r.add(PageRoute.get("/tickets", this::queue));
        r.add(PageRoute.get("/tickets/new", this::newTicket));
        r.add(PageRoute.post("/tickets/new", this::create));
        r.add(PageRoute.get("/tickets/board", this::board));
        r.add(PageRoute.post("/tickets/board/assign", this::assignFromBoard));
        r.add(PageRoute.get("/tickets/{id}", this::ticket));
        r.add(PageRoute.post("/tickets/{id}/{action}", this::act));
        return r;
    }

    @Override
    public List<NavItem> nav() {
        return List.of(new NavItem("nav.tickets", "/tickets", a -> {
            var w = queries.workbench(a);
            return w.myOpen() + w.unassigned();
        }), NavItem.of("nav.newTicket", "/tickets/new"),
                // the board is a queue member's (the engine refuses a queue's board to others): no link for those in no queue
                NavItem.shownTo("nav.board", "/tickets/board", a -> a.isAdmin() || !desk.myQueues(a).isEmpty()));
    }

    /** A fresh request id for a form: submitting the same form twice changes the ticket once. */
    static String requestId() {
        return "wb-" + UUID.randomUUID();
    }

    private View queue(PageCall c) {
        TicketDesk.QueueFilter f = TicketDesk.QueueFilter.from(c::param);
        return View.page("tickets/queue.jte", "v", desk.queue(c.actor(), f, Instant.now()));
    }

    private View newTicket(PageCall c) {
        return View.page("tickets/new.jte", "types", catalog.types(c.actor()), "categories", catalog.categories(c.actor()), "rid", requestId());
    }

    private View create(PageCall c) {
        String type = c.param("type");
        if (type == null) {
            throw ValidationException.of("type", "is required: pick the kind of request");
        }
        NewTicket.Builder n = NewTicket.builder(type, c.param("title")).description(c.param("description")).category(c.param("category"))
                .priority(c.paramEnum("priority", Priority.class)).channel("web").requestId(c.param("requestId"));
        Map<String, String> fields = c.paramsStartingWith("f.");
        if (!fields.isEmpty()) {
            n.fields(fields);
        }
        Ticket t = tickets.create(c.actor(), n.build());
        return View.redirect("/tickets/" + t.id() + "?msg=ticketCreated");
    }

    private View ticket(PageCall c) {
        return View.page("tickets/ticket.jte", "v", desk.ticket(c.actor(), c.pathLong("id"), Instant.now()), "rid", requestId());
    }

    private View act(PageCall c) {
        long id = c.pathLong("id");
        String action = c.path("action");
        Map<String, String> form = new HashMap<>();
        for (String k : List.of("body", "comment", "assigneeId", "score")) {
            if (c.param(k) != null) {
                form.put(k, c.param(k));
            }
        }
        desk.act(c.actor(), id, action, form, c.param("requestId"));
        return View.redirect("/tickets/" + id + "?msg=" + (FLASHED.contains(action) ? "ticket." + action : "ticketUpdated"));
    }

    private View board(PageCall c) {
        List<Queue> mine = desk.myQueues(c.actor());
        String queue = c.param("queue");
        if (queue == null) {
            if (mine.isEmpty()) {
                return View.page("tickets/board.jte", "b", null, "queues", mine, "rid", requestId());
            }
            queue = mine.get(0).key();
        }
        return View.page("tickets/board.jte", "b", desk.board(c.actor(), queue, c.paramInt("page", 0), Instant.now()), "queues", mine,
                "rid", requestId());
    }

    private View assignFromBoard(PageCall c) {
        long id;
        try {
            id = Long.parseLong(String.valueOf(c.param("ticketId")));
        } catch (NumberFormatException e) {
            throw ValidationException.of("ticketId", "must be a ticket id, was '" + c.param("ticketId") + "'");
        }
        desk.act(c.actor(), id, "assign", c.param("assigneeId") == null ? Map.of() : Map.of("assigneeId", c.param("assigneeId")), c.param("requestId"));
        return View.redirect("/tickets/board?queue=" + java.net.URLEncoder.encode(String.valueOf(c.param("queue")),
                java.nio.charset.StandardCharsets.UTF_8) + "&msg=ticket.assign");
    }
}

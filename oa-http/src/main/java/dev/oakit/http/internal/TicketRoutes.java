package dev.oakit.http.internal;

import dev.oakit.core.ValidationException;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketWorkbench;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.TimeEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ticket endpoints over {@link Tickets} and {@link TicketQueries}; every permission check is the engine's. */
public final class TicketRoutes {
    private static final String TAG = "tickets";

    private final Tickets tickets;
    private final TicketQueries queries;
    private final Queues queues;

    public TicketRoutes(Tickets tickets, TicketQueries queries, Queues queues) {
        this.tickets = tickets;
        this.queries = queries;
        this.queues = queues;
    }

    /** The queues, named for OpenAPI. */
    public record QueueList(List<Queue> items) {
    }

    /** A queue's dispatch board (派单台): its agents with their open tickets and availability, and the open tickets nobody has yet. */
    public record DispatchBoard(String queue, List<Board> agents, TicketPage unassigned) {
    }

    /** One agent on the board. */
    public record Board(String userId, boolean dispatcher, boolean available, int openTickets) {
    }

    /** Creates a ticket: its type, title and the optional rest; the caller is the requester. */
    public record NewTicketBody(String type, String title, String description, String category, Priority priority, String queue,
                                Map<String, Object> fields, List<String> tags) {
    }

    /** The body of a ticket action; each reads what it needs: {@code comment}, {@code body} (reply), {@code assigneeId}, {@code score}. */
    public record TicketActionBody(String comment, String body, String assigneeId, Integer score) {
    }

    /** Adds or removes a watcher: {@code userId} (default the caller), {@code watching} (default true). */
    public record WatchBody(String userId, Boolean watching) {
    }

    /** Links the ticket to another: {@code kind} (RELATED, DUPLICATE_OF, BLOCKS, SPLIT_FROM) and {@code toId}. */
    public record LinkBody(LinkKind kind, Long toId) {
    }

    /** Merges the ticket into {@code survivorId}, with an optional comment. */
    public record MergeBody(Long survivorId, String comment) {
    }

    /** Logs work time on the ticket: {@code minutes}, the day worked ({@code workDate}, default today) and a note. */
    public record TimeBody(Integer minutes, LocalDate workDate, String note) {
    }

    /** @return the ticket routes */
    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/tickets", "tickets", TAG, "Tickets the caller may see, newest first", null, TicketPage.class, 200,
                Map.of("scope", "VISIBLE, REQUESTED_BY_ME, ASSIGNED_TO_ME, MY_QUEUES or WATCHING (default VISIBLE)",
                        "open", "true for open tickets only", "queue", "only this queue", "offset", "from 0", "limit", "1..500 (default 20)"),
                c -> {
                    TicketQuery.Builder q = TicketQuery.builder().scope(c.queryEnum("scope", TicketQuery.Scope.class))
                            .page(c.queryInt("offset", 0), c.queryInt("limit", 20));
                    if ("true".equals(c.query("open"))) {
                        q.openOnly();
                    }
                    if (c.query("queue") != null) {
                        q.queue(c.query("queue"));
                    }
                    return queries.list(c.actor(), q.build());
                }));
        r.add(new Route("GET", "/tickets/queues", "queues", TAG, "The queues, by key", null, QueueList.class, 200, Map.of(),
                c -> new QueueList(queues.queues(c.actor()))));
        r.add(new Route("GET", "/tickets/queues/{queue}/board", "dispatchBoard", TAG,
                "A queue's dispatch board: agents with their load, and unassigned open tickets (queue members and administrators)", null,
                DispatchBoard.class, 200, Map.of("offset", "of the unassigned tickets, from 0", "limit", "1..500 (default 50)"), c -> {
                    String q = c.path("queue");
                    List<Board> agents = queues.agents(c.actor(), q).stream()
                            .map(a -> new Board(a.agent().userId(), a.dispatcher(), a.available(), a.openTickets())).toList();
                    TicketPage open = queries.list(c.actor(), TicketQuery.builder().queue(q).unassigned().openOnly()
                            .page(c.queryInt("offset", 0), c.queryInt("limit", 50)).build());
                    return new DispatchBoard(q, agents, open);
                }));
        r.add(new Route("GET", "/tickets/workbench", "ticketWorkbench", TAG, "The counts of the caller's ticket workbench", null,
                TicketWorkbench.class, 200, Map.of(), c -> queries.workbench(c.actor())));
        r.add(new Route("POST", "/tickets", "createTicket", TAG, "Creates a ticket (Idempotency-Key → request id)", NewTicketBody.class,
                Ticket.class, 201, Map.of(), c -> {
                    NewTicketBody b = c.body(NewTicketBody.class);
                    NewTicket.Builder n = NewTicket.builder(b.type(), b.title()).description(b.description()).category(b.category())
                            .priority(b.priority()).queue(b.queue()).requestId(c.idempotencyKey());
                    if (b.fields() != null) {
                        n.fields(b.fields());
                    }
                    if (b.tags() != null) {
                        n.tags(b.tags().toArray(String[]::new));
                    }
                    Ticket t = tickets.create(c.actor(), n.build());
                    return Reply.created(t, "tickets/" + t.id());
                }));
        r.add(new Route("GET", "/tickets/{ticketId}", "ticket", TAG, "A ticket with its timeline and the caller's actions", null,
                TicketDetail.class, 200, Map.of(), c -> queries.detail(c.actor(), c.pathLong("ticketId"))));
        action(r, "reply", "Replies to the requester (回复): body", (c, id, b) -> tickets.reply(c.actor(), id, b.body(), List.of(), c.idempotencyKey()));
        action(r, "assign", "Assigns the ticket (派单): assigneeId", (c, id, b) -> tickets.assign(c.actor(), id, b.assigneeId(), c.idempotencyKey()));
        action(r, "start", "Starts work (处理中)", (c, id, b) -> tickets.start(c.actor(), id, c.idempotencyKey()));
        action(r, "resolve", "Resolves the ticket (已解决): comment", (c, id, b) -> tickets.resolve(c.actor(), id, b.comment(), c.idempotencyKey()));
        action(r, "accept", "The requester accepts the solution (验收)", (c, id, b) -> tickets.accept(c.actor(), id, b.comment(), c.idempotencyKey()));
        action(r, "refuse", "The requester refuses the solution: comment says why",
                (c, id, b) -> tickets.refuse(c.actor(), id, b.comment(), c.idempotencyKey()));
        action(r, "note", "Adds an internal note, seen by agents only (内部备注): body",
                (c, id, b) -> tickets.note(c.actor(), id, b.body(), c.idempotencyKey()));
        r.add(new Route("POST", "/tickets/{ticketId}/update", "updateTicket", TAG,
                "Changes fields (null members stay as they are): title, description, category, priority, fields, tags, slaPolicy, dueAt"
                        + " (Idempotency-Key → request id)", TicketChanges.class, Ticket.class, 200, Map.of(),
                c -> tickets.update(c.actor(), c.pathLong("ticketId"), c.body(TicketChanges.class), c.idempotencyKey())));
        r.add(new Route("POST", "/tickets/{ticketId}/watch", "watchTicket", TAG,
                "Starts or stops watching (关注): userId (default the caller), watching (default true)", WatchBody.class, Ticket.class, 200,
                Map.of(), c -> {
                    WatchBody b = c.body(WatchBody.class);
                    return tickets.watch(c.actor(), c.pathLong("ticketId"), b.userId() == null ? c.actor().userId() : b.userId(),
                            b.watching() == null || b.watching(), c.idempotencyKey());
                }));
        r.add(new Route("POST", "/tickets/{ticketId}/links", "linkTicket", TAG, "Links the ticket to another: kind, toId", LinkBody.class,
                TicketLink.class, 201, Map.of(), c -> {
                    LinkBody b = c.body(LinkBody.class);
                    if (b.kind() == null || b.toId() == null) {
                        throw ValidationException.of(b.kind() == null ? "kind" : "toId",
                                "is required: kind one of " + List.of(LinkKind.values()) + " and toId the other ticket's id");
                    }
                    return tickets.link(c.actor(), c.pathLong("ticketId"), b.kind(), b.toId(), c.idempotencyKey());
                }));
        r.add(new Route("POST", "/tickets/{ticketId}/merge", "mergeTicket", TAG,
                "Merges the ticket into survivorId (合并): it closes, its requester and watchers follow the survivor", MergeBody.class,
                Ticket.class, 200, Map.of(), c -> {
                    MergeBody b = c.body(MergeBody.class);
                    if (b.survivorId() == null) {
                        throw ValidationException.of("survivorId", "is required: the id of the ticket that stays");
                    }
                    return tickets.merge(c.actor(), c.pathLong("ticketId"), b.survivorId(), b.comment(), c.idempotencyKey());
                }));
        r.add(new Route("POST", "/tickets/{ticketId}/time", "logTicketTime", TAG, "Logs work time (工时): minutes, workDate, note",
                TimeBody.class, TimeEntry.class, 201, Map.of(), c -> {
                    TimeBody b = c.body(TimeBody.class);
                    if (b.minutes() == null) {
                        throw ValidationException.of("minutes", "is required: the minutes worked, more than 0");
                    }
                    return tickets.logTime(c.actor(), c.pathLong("ticketId"), b.minutes(), b.workDate(), b.note(), c.idempotencyKey());
                }));
        r.add(new Route("POST", "/tickets/{ticketId}/rate", "rateTicket", TAG, "Rates the service (评价): score, comment", TicketActionBody.class,
                Rating.class, 200, Map.of(), c -> {
                    TicketActionBody b = c.body(TicketActionBody.class);
                    if (b.score() == null) {
                        throw ValidationException.of("score", "is required: 1 to 5");
                    }
                    return tickets.rate(c.actor(), c.pathLong("ticketId"), b.score(), b.comment(), c.idempotencyKey());
                }));
        return r;
    }

    @FunctionalInterface
    private interface Command {
        Ticket run(Call call, long ticketId, TicketActionBody body);
    }

    private void action(List<Route> r, String name, String summary, Command command) {
        r.add(new Route("POST", "/tickets/{ticketId}/" + name, name + "Ticket", TAG, summary + " (Idempotency-Key → request id)",
                TicketActionBody.class, Ticket.class, 200, Map.of(), c -> command.run(c, c.pathLong("ticketId"), c.body(TicketActionBody.class))));
    }
}

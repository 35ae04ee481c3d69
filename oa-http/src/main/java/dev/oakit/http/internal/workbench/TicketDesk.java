package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueAgent;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketView;
import dev.oakit.ticket.TicketWorkbench;
import dev.oakit.ticket.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the ticket pages of the workbench show and do, over the public services of oa-ticket. Every permission is the
 * engine's: a page only offers what {@link TicketDetail#actions()} and the reader's view allow, and whatever a request
 * asks is asked of the engine, which refuses what the actor may not do.
 */
public final class TicketDesk {
    /** Tickets per page of a list. */
    public static final int PAGE_SIZE = 20;
    /** A due time closer than this is marked "due soon". */
    static final Duration DUE_SOON = Duration.ofHours(4);

    private final Tickets tickets;
    private final TicketQueries queries;
    private final Queues queues;
    private final TicketCatalog catalog;

    public TicketDesk(Tickets tickets, TicketQueries queries, Queues queues, TicketCatalog catalog) {
        this.tickets = tickets;
        this.queries = queries;
        this.queues = queues;
        this.catalog = catalog;
    }

    /** The SLA mark of a ticket in a list. */
    public enum SlaMark { NONE, DUE_SOON, BREACHED, OVERDUE }

    /** @return how urgent a ticket looks at {@code now}: overdue (not started in time) before a breached due, before a due soon */
    public static SlaMark mark(Ticket t, Instant now) {
        boolean open = t.stateKind() != StateKind.RESOLVED && t.stateKind() != StateKind.CLOSED;
        if (!open) {
            return SlaMark.NONE;
        }
        if (t.overdue()) {
            return SlaMark.OVERDUE;
        }
        if (t.dueAt() != null && !t.dueAt().isAfter(now)) {
            return SlaMark.BREACHED;
        }
        if (t.dueAt() != null && t.dueAt().isBefore(now.plus(DUE_SOON))) {
            return SlaMark.DUE_SOON;
        }
        return SlaMark.NONE;
    }

    /**
     * The filters of the ticket queue page, read from the query string; blank values mean "any".
     *
     * @param scope MY_QUEUES (the default), ASSIGNED_TO_ME, REQUESTED_BY_ME, WATCHING or VISIBLE
     */
    public record QueueFilter(TicketQuery.Scope scope, String queue, StateKind stateKind, Priority priority, boolean overdue,
                              boolean unassigned, boolean includeClosed, int page) {
        /** @return the filter from the page's query parameters; a bad value names the parameter */
        public static QueueFilter from(Function<String, String> param) {
            return new QueueFilter(enumOf(param, "scope", TicketQuery.Scope.class, TicketQuery.Scope.MY_QUEUES), blank(param.apply("queue")),
                    enumOf(param, "state", StateKind.class, null), enumOf(param, "priority", Priority.class, null),
                    "true".equals(param.apply("overdue")), "true".equals(param.apply("unassigned")), "true".equals(param.apply("closed")),
                    pageOf(param.apply("page")));
        }

        /** @return the query string of this filter on another page */
        public String queryFor(int otherPage) {
            StringBuilder b = new StringBuilder("?scope=").append(scope);
            append(b, "queue", queue);
            append(b, "state", stateKind == null ? null : stateKind.name());
            append(b, "priority", priority == null ? null : priority.name());
            append(b, "overdue", overdue ? "true" : null);
            append(b, "unassigned", unassigned ? "true" : null);
            append(b, "closed", includeClosed ? "true" : null);
            return b.append("&page=").append(otherPage).toString();
        }

        private static void append(StringBuilder b, String name, String value) {
            if (value != null) {
                b.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        TicketQuery query() {
            TicketQuery.Builder q = TicketQuery.builder().scope(scope).byUrgency().page(page * PAGE_SIZE, PAGE_SIZE);
            if (!includeClosed) {
                q.openOnly();
            }
            if (queue != null) {
                q.queue(queue);
            }
            if (stateKind != null) {
                q.stateKind(stateKind);
            }
            if (priority != null) {
                q.priority(priority);
            }
            if (overdue) {
                q.overdue();
            }
            if (unassigned) {
                q.unassigned();
            }
            return q.build();
        }
    }

    /** The ticket queue page: the reader's queues for the filter, one page of tickets by urgency, and the workbench counts. */
    public record QueueView(QueueFilter filter, List<Queue> myQueues, TicketPage page, TicketWorkbench counts, Instant now) {
        /** @return the number of pages, at least 1 */
        public int pages() {
            return (int) Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    /** @return the ticket queue page for the reader */
    public QueueView queue(Actor actor, QueueFilter filter, Instant now) {
        return new QueueView(filter, myQueues(actor), queries.list(actor, filter.query()), queries.workbench(actor), now);
    }

    /** @return the queues the actor works in (every queue for administrators) */
    public List<Queue> myQueues(Actor actor) {
        List<Queue> mine = new ArrayList<>();
        for (Queue q : queues.queues(actor)) {
            if (actor.isAdmin() || isMember(actor, q.key())) {
                mine.add(q);
            }
        }
        return mine;
    }

    private boolean isMember(Actor actor, String queue) {
        try {
            return queues.agents(actor, queue).stream().anyMatch(a -> a.agent().userId().equals(actor.userId()));
        } catch (ForbiddenException e) {
            return false;
        }
    }

    /** A queue's dispatch board: agents with their load, the open tickets nobody has, and whether the reader may assign. */
    public record Board(Queue queue, List<QueueAgent> agents, TicketPage unassigned, boolean mayAssign, int page, Instant now) {
        /** @return the largest open load on the board, at least 1 (the scale of the load bars) */
        public int maxLoad() {
            return Math.max(1, agents.stream().mapToInt(QueueAgent::openTickets).max().orElse(1));
        }

        /** @return the number of pages of unassigned tickets, at least 1 */
        public int pages() {
            return (int) Math.max(1, (unassigned.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    /** @return the board of a queue; members of the queue and administrators (the engine refuses others) */
    public Board board(Actor actor, String queue, int page, Instant now) {
        List<QueueAgent> agents = queues.agents(actor, queue);
        Queue q = queues.queues(actor).stream().filter(x -> x.key().equals(queue)).findFirst().orElseThrow();
        boolean dispatcher = actor.isAdmin() || agents.stream().anyMatch(a -> a.dispatcher() && a.agent().userId().equals(actor.userId()));
        TicketPage open = queries.list(actor, TicketQuery.builder().queue(queue).unassigned().openOnly().byUrgency()
                .page(page * PAGE_SIZE, PAGE_SIZE).build());
        return new Board(q, agents, open, dispatcher, page, now);
    }

    /**
     * The ticket page: the detail and the forms the reader gets.
     *
     * @param typeName the display name of the ticket's type (from the catalog)
     * @param needReason the lifecycle actions of the ticket's type that require a reason (the form then requires a comment)
     */
    public record TicketPageView(TicketDetail detail, String typeName, boolean agentView, List<String> lifecycleActions, java.util.Set<String> needReason,
                                 boolean mayReply, boolean mayNote, boolean mayRate, List<QueueAgent> assignees, Instant now) {
    }

    /** @return the ticket page for the reader; a ticket they may not see is not found */
    public TicketPageView ticket(Actor actor, long id, Instant now) {
        TicketDetail d = queries.detail(actor, id);
        boolean agent = d.view() == TicketView.AGENT;
        Ticket t = d.ticket();
        boolean requester = t.requester() != null && actor.userId().equals(t.requester().userId());
        boolean rated = d.ratings().stream().anyMatch(r -> r.resolution() == t.resolutions());
        boolean mayRate = requester && (t.stateKind() == StateKind.RESOLVED || t.stateKind() == StateKind.CLOSED) && t.resolutions() > 0 && !rated
                && !actor.userId().equals(t.assignee());
        List<QueueAgent> assignees = d.actions().contains("assign") && t.queue() != null ? queues.agents(actor, t.queue()) : List.of();
        List<String> lifecycle = d.actions().stream().filter(a -> !a.equals("assign")).toList();
        dev.oakit.ticket.TicketType type = catalog.type(actor, t.type());
        java.util.Set<String> needReason = type.lifecycle().transitions().stream()
                .filter(dev.oakit.ticket.Lifecycle.Transition::reasonRequired).map(dev.oakit.ticket.Lifecycle.Transition::action)
                .collect(java.util.stream.Collectors.toSet());
        boolean open = t.stateKind() != StateKind.CLOSED;
        return new TicketPageView(d, type.name(), agent, lifecycle, needReason, open, agent && open,
                mayRate, assignees, now);
    }

    /**
     * Runs one action of the ticket page with the form's fields: {@code reply} and {@code note} (body), {@code assign}
     * (assigneeId), {@code rate} (score, comment), {@code claim}, {@code release}, or any lifecycle action (comment).
     *
     * @param requestId the form's request id: a second submit of the same form changes nothing
     */
    public void act(Actor actor, long id, String action, Map<String, String> form, String requestId) {
        String comment = blank(form.get("comment"));
        switch (action) {
            case "reply" -> tickets.reply(actor, id, required(form, "body"), List.of(), requestId);
            case "note" -> tickets.note(actor, id, required(form, "body"), requestId);
            case "assign" -> tickets.assign(actor, id, required(form, "assigneeId"), requestId);
            case "claim" -> tickets.claim(actor, id, requestId);
            case "release" -> tickets.release(actor, id, requestId);
            case "rate" -> {
                String score = required(form, "score");
                if (!score.matches("[1-5]")) {
                    throw ValidationException.of("score", "must be 1 to 5, was '" + score + "'");
                }
                tickets.rate(actor, id, Integer.parseInt(score), comment, requestId);
            }
            default -> {
                if (!action.matches("[a-z][a-z0-9_-]{0,39}")) {
                    throw ValidationException.of("action", "is not an action of a ticket: '" + action + "'");
                }
                tickets.act(actor, id, action, comment, requestId);
            }
        }
    }

    private static String required(Map<String, String> form, String field) {
        String v = blank(form.get(field));
        if (v == null) {
            throw ValidationException.of(field, "is required");
        }
        return v;
    }

    static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static <E extends Enum<E>> E enumOf(Function<String, String> param, String name, Class<E> type, E dflt) {
        String v = blank(param.apply(name));
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + v + "'");
        }
    }

    private static int pageOf(String v) {
        if (blank(v) == null) {
            return 0;
        }
        if (!v.strip().matches("\\d{1,6}")) {
            throw ValidationException.of("page", "must be a page number from 0, was '" + v + "'");
        }
        return Integer.parseInt(v.strip());
    }
}

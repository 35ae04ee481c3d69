package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.form.AttachmentRef;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketLink;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.TimeEntry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.CounterRepository;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.LinkRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.TimeRepository;
import dev.oakit.ticket.internal.store.WatcherRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ticket commands. Every command locks the ticket row ({@code SELECT ... FOR UPDATE}),
 * computes the actor's parties on it, checks the lifecycle and the parties, changes the row in
 * memory, and writes it back with the history entries, outbox events, timers and notifications
 * in the command's transaction. See docs/tickets.md.
 */
@Singleton
public final class TicketEngine implements Tickets {
    static final String OVERDUE_JOB = "tk.overdue";
    static final String ACCEPT_JOB = "tk.accept";
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");

    private final Commands commands;
    private final ObjectMapper json;
    private final CatalogRepository catalog;
    private final QueueRepository queues;
    final TicketRepository tickets;
    private final EventRepository eventRows;
    final WatcherRepository watchers;
    final LinkRepository links;
    private final TimeRepository times;
    private final RatingRepository ratings;
    private final TicketConfig config;
    private final BusinessCalendars calendars;
    private final Directory directory;
    private final DispatchHook dispatch;
    private final SlaHook sla;
    private final TicketNotifier notifier;
    private final Numbers numbers;
    private final TicketRelations relations;
    final RequestIds requestIds;
    @Inject
    private TicketMetrics metrics; // the report figures (TicketReports); injected into the field to keep the constructor as it is

    @Inject
    public TicketEngine(Commands commands, ObjectMapper json, CatalogRepository catalog, QueueRepository queues, TicketConfig config,
                        BusinessCalendars calendars, Directory directory, DispatchHook dispatch, SlaHook sla, TicketNotifier notifier,
                        TicketRepository tickets, EventRepository eventRows, WatcherRepository watchers, LinkRepository links,
                        TimeRepository times, RatingRepository ratings, CounterRepository counters) {
        this.commands = commands;
        this.json = json;
        this.catalog = catalog;
        this.queues = queues;
        this.config = config;
        this.calendars = calendars;
        this.directory = directory;
        this.dispatch = dispatch;
        this.sla = sla;
        this.notifier = notifier;
        this.tickets = tickets;
        this.eventRows = eventRows;
        this.watchers = watchers;
        this.links = links;
        this.times = times;
        this.ratings = ratings;
        this.numbers = new Numbers(commands, counters);
        this.requestIds = new RequestIds(commands, json);
        this.relations = new TicketRelations(this);
    }

    /** One command on one ticket. */
    final class Op {
        final CommandContext ctx;
        final Handle h;
        final Actor actor;
        final Instant now;
        TicketRow row;
        Lifecycle lc;
        Set<Party> parties;
        boolean dirty;
        final List<Pending> events = new ArrayList<>();

        Op(CommandContext ctx) {
            this.ctx = ctx;
            this.h = ctx.handle();
            this.actor = ctx.actor();
            this.now = ctx.now();
        }

        String tenant() {
            return actor.tenantId();
        }

        boolean agentView() {
            return Access.agentView(parties);
        }

        void event(TicketEventKind kind, String action, String from, String to, String body, boolean internal, Map<String, Object> detail) {
            events.add(new Pending(kind, action, from, to, body, internal, detail == null ? Map.of() : detail));
        }
    }

    /** A history entry not yet written. */
    record Pending(TicketEventKind kind, String action, String from, String to, String body, boolean internal, Map<String, Object> detail) {
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Runs a command on one ticket (see {@link RequestIds} for the request id).
     *
     * @param arguments what the command does besides its action and ticket, for the request id's fingerprint
     */
    <T> T onTicket(Actor actor, long ticketId, String action, String requestId, Class<T> type, List<?> arguments, Function<Op, T> body) {
        Checks.notNull("actor", actor);
        CommandSpec spec = CommandSpec.of(actor, "tk.ticket." + action).withTarget("ticket", Long.toString(ticketId)).withRequestId(requestId);
        return requestIds.execute(spec, type, arguments, ctx -> {
            Op op = load(ctx, ticketId);
            T r = body.apply(op);
            save(op);
            return r;
        });
    }

    /**
     * Loads and locks the ticket and checks that the actor may see it; a ticket the actor may not
     * see answers as not found, exactly like an id that does not exist, so that ids cannot be probed.
     */
    Op load(CommandContext ctx, long ticketId) {
        Op op = new Op(ctx);
        op.row = lock(op.h, op.tenant(), ticketId);
        op.lc = catalog.lifecycle(op.h, op.tenant(), op.row.type);
        op.parties = Access.parties(op.actor, op.row, queues.membership(op.h, op.tenant(), op.row.queue, op.actor.userId()));
        if (op.parties.isEmpty() && !watchers.watches(op.h, op.row.id, op.actor.userId())) {
            throw notFound(op.tenant(), ticketId);
        }
        return op;
    }

    TicketRow lock(Handle h, String tenant, long ticketId) {
        return tickets.lock(h, tenant, ticketId).orElseThrow(() -> notFound(tenant, ticketId));
    }

    static NotFoundException notFound(String tenant, long ticketId) {
        return Access.notFound(tenant, ticketId);
    }

    /** Writes the changed row (version-checked) and the history entries. */
    void save(Op op) {
        TicketRow r = op.row;
        if (op.dirty) {
            if (!tickets.update(op.h, r, op.now)) {
                throw new ConflictException("OA-TK/STALE", "ticket " + r.number + " changed while this command ran; reload it and retry");
            }
            op.dirty = false;
        }
        flush(op);
    }

    private void flush(Op op) {
        if (op.events.isEmpty()) {
            return;
        }
        List<EventRepository.NewEvent> drafts = op.events.stream().map(p -> new EventRepository.NewEvent(p.kind(), p.action(), p.from(),
                p.to(), p.body(), p.internal(), p.detail())).toList();
        List<TicketEvent> written = eventRows.append(op.h, op.tenant(), op.row.id, op.actor.userId(), drafts, op.now);
        for (int i = 0; i < op.events.size(); i++) {
            Pending p = op.events.get(i);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("number", op.row.number);
            payload.put("kind", p.kind().name());
            payload.put("action", p.action());
            payload.put("fromState", p.from());
            payload.put("toState", p.to());
            payload.put("internal", p.internal());
            payload.put("state", op.row.state);
            payload.put("queue", op.row.queue);
            payload.put("assignee", op.row.assignee);
            op.ctx.publish("tk.ticket." + p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), "ticket",
                    Long.toString(op.row.id), payload);
        }
        op.events.clear();
        metrics.recorded(op.h, op.row, written);
        sla.recorded(op.ctx, op.row.toTicket(), List.copyOf(written));
    }

    // ------------------------------------------------------------------ create

    @Override
    public Ticket create(Actor actor, NewTicket request) {
        Checks.notNull("actor", actor);
        Checks.notNull("ticket", request);
        return requestIds.execute(CommandSpec.of(actor, "tk.ticket.create").withRequestId(request.requestId()), Ticket.class,
                RequestIds.args(request), ctx -> {
                    Op op = createIn(ctx, request, true);
                    save(op);
                    return op.row.toTicket();
                });
    }

    /** @param parentChosen whether the actor names the parent (checked as {@link TicketRelations#lockParent}), or it is inherited (split) */
    Op createIn(CommandContext ctx, NewTicket req, boolean parentChosen) {
        Op op = new Op(ctx);
        Handle h = op.h;
        String tenant = op.tenant();
        TicketType type = catalog.type(h, tenant, req.type());
        Requester requester = req.requester() == null ? Requester.user(op.actor.userId()) : req.requester();
        if (!op.actor.userId().equals(requester.userId()) && !op.actor.isAdmin() && !queues.isAgentAnywhere(h, tenant, op.actor.userId())) {
            throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may create tickets only for themselves;"
                    + " agents of a queue and administrators may create them for other requesters and external contacts");
        }
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (req.category() != null) {
            checkCategory(h, tenant, req.category(), problems);
        }
        String channel = req.channel() == null ? "api" : req.channel();
        if (!CHANNEL.matcher(channel).matches()) {
            problems.add(new ValidationException.Problem("channel", "must be a lower-case name such as web, email, phone, api, im or crm; was '" + channel + "'"));
        }
        List<String> tags = tags(req.tags(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("OA-CORE/VALIDATION", "ticket", problems);
        }
        Map<String, Object> fields = fields(type, Map.of(), req.fields());
        DispatchHook.Route route = dispatch.route(ctx, type, req, channel, fields);
        String queueKey = req.queue() != null ? req.queue() : route.queue();
        queueKey = queueKey != null ? queueKey : type.defaultQueue();
        if (queueKey == null) {
            throw ValidationException.of("queue", "ticket type '" + type.key() + "' has no default queue; name a queue or give the type a default queue");
        }
        Queue queue = queues.requireQueue(h, tenant, queueKey, "queue");
        if (!queue.active()) {
            throw ValidationException.of("queue", "queue '" + queue.key() + "' is inactive; choose an active queue");
        }
        if (req.parentId() != null && parentChosen) {
            relations.lockParent(ctx, req.parentId());
        } else if (req.parentId() != null) {
            TicketRelations.requireOpenParent(lock(h, tenant, req.parentId()));
        }
        for (int i = 0; i < req.watchers().size(); i++) {
            requireUser(tenant, "watchers[" + i + "]", Checks.id("watchers[" + i + "]", req.watchers().get(i)));
        }
        Lifecycle lc = type.lifecycle();
        int year = op.now.atZone(calendar(queue).zone()).getYear();
        TicketRow r = new TicketRow();
        r.tenantId = tenant;
        r.number = numbers.next(ctx, config.numberPrefix(), year);
        r.type = type.key();
        r.title = req.title();
        r.description = req.description();
        r.category = req.category();
        r.priority = route.priority() != null ? route.priority() : req.priority() == null ? type.defaultPriority() : req.priority();
        r.slaPolicy = route.slaPolicy();
        r.channel = channel;
        r.requester = requester;
        r.queue = queue.key();
        r.state = lc.initial();
        r.kind = lc.kindOf(r.state);
        r.parentId = req.parentId();
        r.fields = fields;
        r.tags = tags;
        r.attachments = req.attachments();
        r.createdBy = op.actor.userId();
        r.createdAt = op.now;
        r.updatedAt = op.now;
        r.id = tickets.insert(h, r);
        Set<String> watchers = new TreeSet<>(req.watchers());
        this.watchers.add(h, tenant, r.id, watchers);
        op.row = r;
        op.lc = lc;
        // nothing after the creation checks the creator's parties (automatic assignment is the system's decision)
        op.parties = EnumSet.noneOf(Party.class);
        ctx.target("ticket", Long.toString(r.id));
        ctx.summary("created ticket " + r.number + " '" + r.title + "' in queue '" + r.queue + "'");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("number", r.number);
        detail.put("type", r.type);
        detail.put("queue", r.queue);
        detail.put("priority", r.priority.name());
        detail.put("channel", channel);
        if (r.slaPolicy != null) {
            detail.put("slaPolicy", r.slaPolicy);
        }
        if (!r.attachments.isEmpty()) {
            detail.put("attachments", r.attachments.size());
        }
        op.event(TicketEventKind.CREATED, "create", null, r.state, null, false, detail);
        if (!r.kind.started()) {
            scheduleOverdue(op);
        }
        notifier.send(op.actor, TicketNotifier.CREATED, queues.dispatchers(h, tenant, r.queue), vars(op, Map.of("queue", r.queue,
                "priority", r.priority.name())));
        dispatched(op, dispatch.assigneeFor(ctx, r.toTicket(), route));
        return op;
    }

    /** Records a dispatch decision in the history and assigns its agent to a waiting ticket. */
    void dispatched(Op op, DispatchHook.Assignment decision) {
        if (decision == null) {
            return;
        }
        if (decision.explanation() != null) {
            op.event(TicketEventKind.DISPATCHED, "dispatch", null, null, decision.explanation(), true, decision.detail());
        }
        if (decision.agentId() != null && op.row.kind == StateKind.NEW && op.row.assignee == null) {
            assignIn(op, decision.agentId(), "assign");
        }
    }

    private BusinessCalendar calendar(Queue queue) {
        return calendars.get(queue != null && queue.calendar() != null ? queue.calendar() : config.calendar());
    }

    private void checkCategory(Handle h, String tenant, String key, List<ValidationException.Problem> problems) {
        Category c = catalog.category(h, tenant, key).orElse(null);
        if (c == null) {
            problems.add(new ValidationException.Problem("category", "category '" + key + "' does not exist; an administrator saves it with TicketCatalog.saveCategory"));
        } else if (!c.active()) {
            problems.add(new ValidationException.Problem("category", "category '" + key + "' is inactive; choose an active category"));
        }
    }

    private static List<String> tags(List<String> given, List<ValidationException.Problem> problems) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            String t = given.get(i).strip();
            if (t.isEmpty() || t.length() > 64) {
                problems.add(new ValidationException.Problem("tags[" + i + "]", "must be 1 to 64 characters"));
            } else {
                out.add(t);
            }
        }
        if (out.size() > 20) {
            problems.add(new ValidationException.Problem("tags", "at most 20 tags, got " + out.size()));
        }
        return List.copyOf(out);
    }

    /** Merges changes into the current custom fields and validates them against the type's form. */
    private static Map<String, Object> fields(TicketType type, Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(changes);
        if (type.form() == null) {
            if (!merged.isEmpty()) {
                throw ValidationException.of("fields", "ticket type '" + type.key() + "' has no form, so it takes no custom fields; got "
                        + merged.keySet());
            }
            return Map.of();
        }
        return type.form().normalize(merged);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public Ticket act(Actor actor, long ticketId, String action, String comment, String requestId) {
        Checks.id("action", action);
        Checks.optionalText("comment", comment, 2000);
        if (action.equals("assign") || action.equals("claim")) {
            throw ValidationException.of("action", "'" + action + "' sets the assignee; use Tickets." + action + " instead");
        }
        return onTicket(actor, ticketId, action, requestId, Ticket.class, RequestIds.args(comment), op -> {
            Lifecycle.Transition t = require(op, action);
            checkParties(op, t);
            take(op, t, comment);
            return op.row.toTicket();
        });
    }

    Lifecycle.Transition require(Op op, String action) {
        return op.lc.transition(op.row.state, action).orElseThrow(() -> illegal(op, action));
    }

    static ConflictException illegal(Op op, String action) {
        List<String> allowed = op.lc.from(op.row.state).stream().map(Lifecycle.Transition::action).distinct().toList();
        return new ConflictException("OA-TK/ILLEGAL_TRANSITION", "ticket " + op.row.number + " is '" + op.row.state + "'; '" + action
                + "' is not allowed there. Allowed from '" + op.row.state + "': "
                + (allowed.isEmpty() ? "none (the state is final)" : String.join(", ", allowed)));
    }

    void checkParties(Op op, Lifecycle.Transition t) {
        if (Collections.disjoint(op.parties, t.by())) {
            throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not '" + t.action() + "' ticket "
                    + op.row.number + "; " + Access.describe(t.by(), op.row) + " may");
        }
    }

    private void take(Op op, Lifecycle.Transition t, String comment) {
        if (t.reasonRequired() && (comment == null || comment.isBlank())) {
            throw ValidationException.of("comment", "'" + t.action() + "' on ticket " + op.row.number + " needs a reason; write one in the comment");
        }
        move(op, t.action(), t.to(), comment);
    }

    /** Moves the ticket to a state with the kind's consequences; who may and whether the move is declared was checked before. */
    void move(Op op, String action, String to, String comment) {
        TicketRow r = op.row;
        String from = r.state;
        StateKind fk = r.kind;
        StateKind tk = op.lc.kindOf(to);
        if (tk == StateKind.NEW && r.assignee != null) {
            op.event(TicketEventKind.ASSIGNED, action, null, null, null, false, detail("from", r.assignee, "to", null, "queue", r.queue));
            r.assignee = null;
        }
        if ((tk == StateKind.ASSIGNED || tk == StateKind.IN_PROGRESS || tk == StateKind.WAITING) && r.assignee == null) {
            throw new ConflictException("OA-TK/UNASSIGNED", "ticket " + r.number + " has nobody assigned; assign or claim it before '" + action + "'");
        }
        if (tk == StateKind.RESOLVED && config.parentWaitsForChildren()) {
            List<String> open = tickets.openChildren(op.h, op.tenant(), r.id);
            if (!open.isEmpty()) {
                throw new ConflictException("OA-TK/OPEN_CHILDREN", "ticket " + r.number + " cannot be resolved while its child ticket(s) "
                        + open + " are open; resolve or close them first");
            }
        }
        r.state = to;
        r.kind = tk;
        op.dirty = true;
        if (tk.started() && !fk.started()) {
            op.ctx.cancelJobs(OVERDUE_JOB + ":" + r.id);
            r.overdue = false;
        }
        if (tk == StateKind.NEW && fk != StateKind.NEW) {
            scheduleOverdue(op);
        }
        if (fk == StateKind.RESOLVED && tk != StateKind.RESOLVED) {
            op.ctx.cancelJobs(ACCEPT_JOB + ":" + r.id);
        }
        if (tk == StateKind.RESOLVED) {
            r.resolutions++;
            r.resolvedAt = op.now;
            scheduleAcceptance(op);
        }
        if (tk == StateKind.CLOSED) {
            r.closedAt = op.now;
            op.ctx.cancelJobs(OVERDUE_JOB + ":" + r.id);
            op.ctx.cancelJobs(ACCEPT_JOB + ":" + r.id);
        } else {
            r.closedAt = null;
        }
        TicketEventKind kind;
        if (tk == StateKind.RESOLVED) {
            kind = TicketEventKind.RESOLVED;
        } else if (tk == StateKind.CLOSED) {
            kind = TicketEventKind.CLOSED;
        } else if (fk == StateKind.RESOLVED || fk == StateKind.CLOSED) {
            kind = TicketEventKind.REOPENED;
        } else {
            kind = TicketEventKind.STATE_CHANGED;
        }
        op.event(kind, action, from, to, comment, false, detail("fromKind", fk.name(), "toKind", tk.name()));
        op.ctx.summary("ticket " + r.number + ": " + action + " (" + from + " -> " + to + ")");
        Set<String> recipients = new java.util.LinkedHashSet<>();
        recipients.add(r.requester.userId());
        recipients.add(r.assignee);
        recipients.addAll(watchers.watchers(op.h, r.id));
        notifier.send(op.actor, TicketNotifier.STATUS, recipients, vars(op, Map.of("from", from, "to", to, "action", action,
                "comment", comment == null ? "" : comment)));
    }

    private void scheduleOverdue(Op op) {
        if (!config.startWithin().isZero()) {
            op.ctx.schedule(JobRequest.of(OVERDUE_JOB, Map.of("ticketId", op.row.id)).at(op.now.plus(config.startWithin()))
                    .dedupe(OVERDUE_JOB + ":" + op.row.id));
        }
    }

    private void scheduleAcceptance(Op op) {
        boolean acceptable = op.lc.transition(op.row.state, "accept").or(() -> op.lc.transition(op.row.state, "close")).isPresent();
        if (config.acceptanceDays() > 0 && acceptable) {
            Queue q = queues.queue(op.h, op.tenant(), op.row.queue).orElse(null);
            Instant due = calendar(q).addWorkingDays(op.now, config.acceptanceDays());
            op.ctx.schedule(JobRequest.of(ACCEPT_JOB, Map.of("ticketId", op.row.id, "resolution", op.row.resolutions)).at(due)
                    .dedupe(ACCEPT_JOB + ":" + op.row.id));
        }
    }

    static Map<String, Object> detail(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> vars(Op op, Map<String, Object> more) {
        Map<String, Object> v = new LinkedHashMap<>(more);
        v.put("number", op.row.number);
        v.put("title", op.row.title);
        v.put("by", op.actor.userId());
        return v;
    }

    // ------------------------------------------------------------------ assignment

    @Override
    public Ticket assign(Actor actor, long ticketId, String assigneeId, String requestId) {
        Checks.id("assigneeId", assigneeId);
        return onTicket(actor, ticketId, "assign", requestId, Ticket.class, RequestIds.args(assigneeId), op -> {
            requireOpen(op, "assign");
            if (op.row.kind == StateKind.NEW) {
                checkParties(op, require(op, "assign"));
            } else {
                requireAny(op, EnumSet.of(Party.DISPATCHER, Party.ADMIN), "assign");
            }
            if (!assigneeId.equals(op.row.assignee)) {
                assignIn(op, assigneeId, "assign");
            }
            return op.row.toTicket();
        });
    }

    @Override
    public Ticket claim(Actor actor, long ticketId, String requestId) {
        return onTicket(actor, ticketId, "claim", requestId, Ticket.class, RequestIds.args(), op -> {
            if (op.row.assignee != null) {
                throw new ConflictException("OA-TK/ALREADY_ASSIGNED", "ticket " + op.row.number + " is already assigned to '"
                        + op.row.assignee + "'; only unassigned tickets can be claimed");
            }
            checkParties(op, require(op, "claim"));
            assignIn(op, op.actor.userId(), "claim");
            return op.row.toTicket();
        });
    }

    @Override
    public Ticket release(Actor actor, long ticketId, String requestId) {
        return onTicket(actor, ticketId, "release", requestId, Ticket.class, RequestIds.args(), op -> {
            Lifecycle.Transition t = require(op, "release");
            checkParties(op, t);
            take(op, t, null);
            return op.row.toTicket();
        });
    }

    @Override
    public Ticket reassign(Actor actor, long ticketId, String queue, String assigneeId, String reason, String requestId) {
        Checks.optionalText("queue", queue, 64);
        Checks.optionalText("assigneeId", assigneeId, 64);
        Checks.optionalText("reason", reason, 2000);
        if (queue == null && assigneeId == null) {
            throw ValidationException.of("assigneeId", "name a new queue, a new assignee, or both");
        }
        return onTicket(actor, ticketId, "reassign", requestId, Ticket.class, RequestIds.args(queue, assigneeId, reason), op -> {
            requireOpen(op, "reassign");
            requireAny(op, EnumSet.of(Party.ASSIGNEE, Party.DISPATCHER, Party.ADMIN), "reassign");
            TicketRow r = op.row;
            String fromQueue = r.queue;
            if (queue != null && !queue.equals(r.queue)) {
                Queue q = queues.requireQueue(op.h, op.tenant(), queue, "queue");
                if (!q.active()) {
                    throw ValidationException.of("queue", "queue '" + queue + "' is inactive; choose an active queue");
                }
                r.queue = q.key();
                op.dirty = true;
            }
            if (assigneeId != null) {
                if (!assigneeId.equals(r.assignee) || !fromQueue.equals(r.queue)) {
                    assignIn(op, assigneeId, "assign");
                }
            } else if (r.assignee != null) {
                String to = op.lc.state(op.lc.initial()).filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name)
                        .or(() -> op.lc.states().stream().filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name).findFirst())
                        .orElseThrow(() -> new ConflictException("OA-TK/NO_NEW_STATE", "the lifecycle of type '" + r.type
                                + "' has no state of kind NEW to leave an unassigned ticket in; name an assignee"));
                move(op, "reassign", to, reason);
            }
            op.event(TicketEventKind.ASSIGNED, "reassign", null, null, reason, false, detail("fromQueue", fromQueue, "queue", r.queue,
                    "to", r.assignee));
            return r.toTicket();
        });
    }

    /** Sets the assignee (a member of the ticket's queue, active, under capacity) and takes the assign transition from a NEW state. */
    void assignIn(Op op, String assigneeId, String action) {
        TicketRow r = op.row;
        boolean self = assigneeId.equals(op.actor.userId()) && op.parties.contains(Party.AGENT);
        if (!self && queues.membership(op.h, op.tenant(), r.queue, assigneeId).isEmpty()) {
            throw ValidationException.of("assigneeId", "user '" + assigneeId + "' is not a member of queue '" + r.queue
                    + "'; add them with Queues.setMembers or choose a member");
        }
        if (!directory.findUser(Actor.system(op.tenant()), assigneeId).map(User::active).orElse(false)) {
            throw ValidationException.of("assigneeId", "user '" + assigneeId + "' is unknown or inactive in the directory; choose an active agent");
        }
        Agent profile = queues.agent(op.h, op.tenant(), assigneeId).orElse(Agent.of(assigneeId));
        if (profile.capacity() > 0) {
            int load = tickets.openLoad(op.h, op.tenant(), assigneeId);
            if (load >= profile.capacity()) {
                throw new ConflictException("OA-TK/AT_CAPACITY", "agent '" + assigneeId + "' holds " + load + " open ticket(s), the capacity is "
                        + profile.capacity() + "; choose another agent or raise the capacity");
            }
        }
        String before = r.assignee;
        r.assignee = assigneeId;
        op.dirty = true;
        op.event(TicketEventKind.ASSIGNED, action, null, null, null, false, detail("from", before, "to", assigneeId, "queue", r.queue));
        notifier.send(op.actor, TicketNotifier.ASSIGNED, List.of(assigneeId), vars(op, Map.of("queue", r.queue)));
        if (r.kind == StateKind.NEW) {
            Lifecycle.Transition t = op.lc.transition(r.state, action).orElseThrow(() -> illegal(op, action));
            move(op, action, t.to(), null);
        }
    }

    static void requireOpen(Op op, String action) {
        if (!op.row.kind.open()) {
            throw new ConflictException("OA-TK/NOT_OPEN", "ticket " + op.row.number + " is '" + op.row.state + "' (" + op.row.kind
                    + "); '" + action + "' needs an open ticket. Allowed from '" + op.row.state + "': "
                    + op.lc.from(op.row.state).stream().map(Lifecycle.Transition::action).distinct().collect(Collectors.joining(", ")));
        }
    }

    private static void requireAny(Op op, Set<Party> who, String action) {
        if (Collections.disjoint(op.parties, who)) {
            throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not '" + action + "' ticket "
                    + op.row.number + "; " + Access.describe(who, op.row) + " may");
        }
    }

    static void requireAgent(Op op, String what) {
        if (!op.agentView()) {
            throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not " + what + " ticket "
                    + op.row.number + "; " + Access.describe(Access.AGENT_VIEW, op.row) + " may");
        }
    }

    // ------------------------------------------------------------------ conversation and fields

    @Override
    public Ticket reply(Actor actor, long ticketId, String body, List<AttachmentRef> attachments, String requestId) {
        Checks.text("body", body, 20_000);
        List<AttachmentRef> files = attachments == null ? List.of() : List.copyOf(Checks.elements("attachments", attachments));
        return onTicket(actor, ticketId, "reply", requestId, Ticket.class, RequestIds.args(body, files), op -> {
            boolean requester = op.parties.contains(Party.REQUESTER);
            if (!requester && !op.agentView()) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not reply on ticket " + op.row.number
                        + "; its requester, " + Access.describe(Access.AGENT_VIEW, op.row) + " may");
            }
            if (op.row.kind == StateKind.CLOSED) {
                throw new ConflictException("OA-TK/CLOSED", "ticket " + op.row.number + " is closed ('" + op.row.state + "'); reopen it before replying");
            }
            op.event(requester ? TicketEventKind.REQUESTER_REPLY : TicketEventKind.AGENT_REPLY, "reply", null, null, body, false,
                    files.isEmpty() ? null : Map.of("attachments", files));
            if (requester && op.row.kind == StateKind.WAITING) {
                op.lc.transition(op.row.state, "resume").ifPresent(t -> move(op, "resume", t.to(), null));
            }
            return op.row.toTicket();
        });
    }

    @Override
    public Ticket note(Actor actor, long ticketId, String body, String requestId) {
        Checks.text("body", body, 20_000);
        return onTicket(actor, ticketId, "note", requestId, Ticket.class, RequestIds.args(body), op -> {
            requireAgent(op, "add internal notes to");
            op.event(TicketEventKind.INTERNAL_NOTE, "note", null, null, body, true, null);
            return op.row.toTicket();
        });
    }

    @Override
    public Ticket update(Actor actor, long ticketId, TicketChanges changes, String requestId) {
        Checks.notNull("changes", changes);
        return onTicket(actor, ticketId, "update", requestId, Ticket.class, RequestIds.args(changes), op -> {
            TicketRow r = op.row;
            boolean agent = op.agentView();
            if (!agent && !(op.parties.contains(Party.REQUESTER) && r.kind == StateKind.NEW)) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not change ticket " + r.number + "; "
                        + Access.describe(Access.AGENT_VIEW, r) + " may, and its requester while it is new");
            }
            if (!agent && (changes.priority() != null || changes.slaPolicy() != null || changes.dueAt() != null)) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not change the priority, SLA policy or due time of ticket "
                        + r.number + "; " + Access.describe(Access.AGENT_VIEW, r) + " may");
            }
            if (r.kind == StateKind.CLOSED) {
                throw new ConflictException("OA-TK/CLOSED", "ticket " + r.number + " is closed ('" + r.state + "'); reopen it before changing it");
            }
            List<String> changed = new ArrayList<>();
            List<ValidationException.Problem> problems = new ArrayList<>();
            if (changes.category() != null && !changes.category().equals(r.category)) {
                checkCategory(op.h, op.tenant(), changes.category(), problems);
                r.category = changes.category();
                changed.add("category");
            }
            List<String> tags = changes.tags() == null ? null : tags(changes.tags(), problems);
            if (!problems.isEmpty()) {
                throw new ValidationException("OA-CORE/VALIDATION", "ticket changes", problems);
            }
            if (changes.title() != null && !changes.title().equals(r.title)) {
                r.title = changes.title();
                changed.add("title");
            }
            if (changes.description() != null && !changes.description().equals(r.description)) {
                r.description = changes.description();
                changed.add("description");
            }
            if (changes.fields() != null) {
                TicketType type = catalog.type(op.h, op.tenant(), r.type);
                r.fields = fields(type, r.fields, changes.fields());
                changed.add("fields");
            }
            if (tags != null && !tags.equals(r.tags)) {
                r.tags = tags;
                tickets.replaceTags(op.h, op.tenant(), r.id, tags);
                changed.add("tags");
            }
            if (!changed.isEmpty()) {
                op.event(TicketEventKind.UPDATED, "update", null, null, null, false, Map.of("fields", changed));
            }
            if (changes.priority() != null && changes.priority() != r.priority) {
                op.event(TicketEventKind.PRIORITY_CHANGED, "update", null, null, null, false, detail("from", r.priority.name(), "to",
                        changes.priority().name()));
                r.priority = changes.priority();
                changed.add("priority");
            }
            if (changes.slaPolicy() != null && !changes.slaPolicy().equals(r.slaPolicy)) {
                op.event(TicketEventKind.POLICY_CHANGED, "update", null, null, null, true, detail("from", r.slaPolicy, "to", changes.slaPolicy()));
                r.slaPolicy = changes.slaPolicy();
                changed.add("slaPolicy");
            }
            if (changes.dueAt() != null && !changes.dueAt().equals(r.dueAt)) {
                op.event(TicketEventKind.DUE_OVERRIDDEN, "update", null, null, null, true, detail("dueAt", changes.dueAt().toString()));
                r.dueAt = changes.dueAt();
                changed.add("dueAt");
            }
            op.dirty |= !changed.isEmpty();
            op.ctx.summary("ticket " + r.number + ": changed " + changed);
            return r.toTicket();
        });
    }

    @Override
    public TimeEntry logTime(Actor actor, long ticketId, int minutes, LocalDate workDate, String note, String requestId) {
        if (minutes < 1 || minutes > 1440) {
            throw ValidationException.of("minutes", "must be 1 to 1440 (one day), was " + minutes);
        }
        Checks.optionalText("note", note, 2000);
        return onTicket(actor, ticketId, "time", requestId, TimeEntry.class, RequestIds.args(minutes, workDate, note), op -> {
            requireAgent(op, "log time on");
            LocalDate day = workDate != null ? workDate
                    : op.now.atZone(calendar(queues.queue(op.h, op.tenant(), op.row.queue).orElse(null)).zone()).toLocalDate();
            long id = times.insert(op.h, op.tenant(), op.row.id, op.actor.userId(), minutes, day, note, op.now);
            op.event(TicketEventKind.TIME_LOGGED, "time", null, null, note, true, detail("minutes", minutes, "workDate", day.toString()));
            op.ctx.summary("logged " + minutes + " min on ticket " + op.row.number);
            return new TimeEntry(id, op.actor.userId(), minutes, day, note, op.now);
        });
    }

    @Override
    public Ticket watch(Actor actor, long ticketId, String userId, boolean watching, String requestId) {
        Checks.id("userId", userId);
        return onTicket(actor, ticketId, "watch", requestId, Ticket.class, RequestIds.args(userId, watching), op -> {
            if (!userId.equals(op.actor.userId()) && !op.agentView()) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may change only their own watching of ticket "
                        + op.row.number + "; " + Access.describe(Access.AGENT_VIEW, op.row) + " may add others");
            }
            if (watching) {
                requireUser(op.tenant(), "userId", userId);
            }
            boolean now = watchers.watchers(op.h, op.row.id).contains(userId);
            if (now == watching) {
                return op.row.toTicket();
            }
            if (watching) {
                watchers.add(op.h, op.tenant(), op.row.id, List.of(userId));
            } else {
                watchers.remove(op.h, op.tenant(), op.row.id, userId);
            }
            op.event(TicketEventKind.WATCHERS_CHANGED, "watch", null, null, null, false, detail("user", userId, "watching", watching));
            return op.row.toTicket();
        });
    }

    private void requireUser(String tenant, String field, String userId) {
        if (directory.findUser(Actor.system(tenant), userId).isEmpty()) {
            throw ValidationException.of(field, "user '" + userId + "' is not in the directory of tenant '" + tenant + "'");
        }
    }

    // ------------------------------------------------------------------ acceptance and rating

    @Override
    public Rating rate(Actor actor, long ticketId, int score, String comment, String requestId) {
        if (score < 1 || score > 5) {
            throw ValidationException.of("score", "must be 1 to 5, was " + score);
        }
        Checks.optionalText("comment", comment, 2000);
        return onTicket(actor, ticketId, "rate", requestId, Rating.class, RequestIds.args(score, comment), op -> {
            TicketRow r = op.row;
            if (!op.parties.contains(Party.REQUESTER)) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + op.actor.userId() + "' may not rate ticket " + r.number
                        + "; only its requester ('" + (r.requester.userId() == null ? "an external contact" : r.requester.userId()) + "') may");
            }
            if (op.actor.userId().equals(r.assignee)) {
                throw new ForbiddenException("OA-TK/OWN_TICKET", "user '" + op.actor.userId() + "' handled ticket " + r.number
                        + " and may not rate it; agents never rate their own tickets");
            }
            if (r.resolutions == 0 || r.kind.open()) {
                throw new ConflictException("OA-TK/NOT_RESOLVED", "ticket " + r.number + " is '" + r.state + "'; rate it once it is resolved");
            }
            boolean rated = ratings.rated(op.h, op.tenant(), r.id, r.resolutions);
            if (rated) {
                throw new ConflictException("OA-TK/ALREADY_RATED", "resolution " + r.resolutions + " of ticket " + r.number
                        + " was rated already; one rating per resolution");
            }
            Rating rating = new Rating(r.resolutions, score, comment, op.actor.userId(), op.now);
            ratings.insert(op.h, op.tenant(), r.id, rating);
            op.event(TicketEventKind.RATED, "rate", null, null, comment, false, detail("score", score, "resolution", r.resolutions));
            op.ctx.summary("rated resolution " + r.resolutions + " of ticket " + r.number + ": " + score);
            return rating;
        });
    }

    /** Marks a ticket overdue (not started in time); run by the overdue job as the system. */
    void markOverdue(CommandContext ctx, long ticketId) {
        Op op = load(ctx, ticketId);
        if (op.row.kind.started() || op.row.overdue) {
            return;
        }
        op.row.overdue = true;
        op.dirty = true;
        op.event(TicketEventKind.OVERDUE, "overdue", null, null, null, false, detail("startWithin", config.startWithin().toString()));
        ctx.summary("ticket " + op.row.number + " not started within " + config.startWithin());
        List<String> to = op.row.assignee != null ? List.of(op.row.assignee) : queues.dispatchers(op.h, op.tenant(), op.row.queue);
        notifier.send(op.actor, TicketNotifier.OVERDUE, to, vars(op, Map.of("minutes", config.startWithin().toMinutes())));
        save(op);
    }

    /** Accepts a resolution nobody answered; run by the acceptance job as the system. */
    void acceptAutomatically(CommandContext ctx, long ticketId, int resolution) {
        Op op = load(ctx, ticketId);
        if (op.row.kind != StateKind.RESOLVED || op.row.resolutions != resolution) {
            return;
        }
        var t = op.lc.transition(op.row.state, "accept").or(() -> op.lc.transition(op.row.state, "close"));
        if (t.isPresent()) {
            move(op, t.get().action(), t.get().to(), "accepted automatically: no answer within " + config.acceptanceDays() + " working day(s)");
            save(op);
        }
    }

    // ------------------------------------------------------------------ relations (TicketRelations)

    @Override
    public TicketLink link(Actor actor, long fromId, LinkKind kind, long toId, String requestId) {
        return relations.link(actor, fromId, kind, toId, requestId);
    }

    @Override
    public Ticket setParent(Actor actor, long childId, Long parentId, String requestId) {
        return relations.setParent(actor, childId, parentId, requestId);
    }

    @Override
    public Ticket merge(Actor actor, long sourceId, long survivorId, String comment, String requestId) {
        return relations.merge(actor, sourceId, survivorId, comment, requestId);
    }

    @Override
    public Ticket split(Actor actor, long sourceId, String title, String description, String requestId) {
        return relations.split(actor, sourceId, title, description, requestId);
    }
}

package dev.oakit.ticket.internal.command;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketTemplates;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A new ticket, in the steps the create command takes: {@link #check} (type, requester, category, channel, tags, custom
 * fields: every field problem at once), then the route dispatch gives, {@link #queue}, then the parent's check
 * ({@link Relations}), {@link #open} (watchers, number, the row), and once the row is stored {@link #created} (history,
 * the "not started" timer, the dispatchers' notification). Also the rules a change of tags and fields follows later.
 */
@Singleton
public final class Creation {
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");

    private final Transitions transitions;
    private final QueueCalendar calendars;

    @Inject
    public Creation(Transitions transitions, QueueCalendar calendars) {
        this.transitions = transitions;
        this.calendars = calendars;
    }

    /** What the first checks of a new ticket settled. */
    public record Draft(TicketType type, Requester requester, String channel, List<String> tags, Map<String, Object> fields) {
    }

    /** Checks a new ticket before dispatch is asked for its route. */
    public Draft check(Actor actor, NewTicket req, TicketReads reads) {
        TicketType type = reads.type(req.type());
        Requester requester = req.requester() == null ? Requester.user(actor.userId()) : req.requester();
        if (!actor.userId().equals(requester.userId()) && !actor.isAdmin() && !reads.agentAnywhere(actor.userId())) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + actor.userId() + "' may create tickets only for themselves;"
                    + " agents of a queue and administrators may create them for other requesters and external contacts");
        }
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (req.category() != null) {
            checkCategory(req.category(), reads, problems);
        }
        String channel = req.channel() == null ? "api" : req.channel();
        if (!CHANNEL.matcher(channel).matches()) {
            problems.add(new ValidationException.Problem("channel", "must be a lower-case name such as web, email, phone, api, im or crm; was '" + channel + "'"));
        }
        List<String> tags = tags(req.tags(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "ticket", problems);
        }
        return new Draft(type, requester, channel, tags, fields(type, Map.of(), req.fields()));
    }

    /** @return the new ticket's queue: the request's, else the route's, else the type's default; it must exist and be active */
    public Queue queue(Draft d, NewTicket req, DispatchHook.Route route, TicketReads reads) {
        String queueKey = req.queue() != null ? req.queue() : route.queue();
        queueKey = queueKey != null ? queueKey : d.type().defaultQueue();
        if (queueKey == null) {
            throw ValidationException.of("queue", "ticket type '" + d.type().key() + "' has no default queue; name a queue or give the type a default queue");
        }
        Queue queue = reads.requireQueue(queueKey, "queue");
        if (!queue.active()) {
            throw ValidationException.of("queue", "queue '" + queue.key() + "' is inactive; choose an active queue");
        }
        return queue;
    }

    /**
     * The new ticket's SLA policy: the one the request names, else the route's. Choosing one is the right of the
     * agents of the ticket's queue and of administrators (who may change it later, {@link Editing}); the name must be
     * a saved policy.
     */
    public String slaPolicy(Actor actor, NewTicket req, DispatchHook.Route route, Queue queue, TicketReads reads) {
        if (req.slaPolicy() == null) {
            return route.slaPolicy();
        }
        if (!actor.isAdmin() && reads.membership(queue.key(), actor.userId()).isEmpty()) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + actor.userId() + "' may not choose the SLA policy (slaPolicy)"
                    + " of a new ticket in queue '" + queue.key() + "'; agents of queue '" + queue.key() + "' and administrators"
                    + " may; leave slaPolicy unset to take the one dispatch gives");
        }
        List<String> names = reads.slaPolicyNames();
        if (!names.contains(req.slaPolicy())) {
            throw ValidationException.of("slaPolicy", "no SLA policy is named '" + req.slaPolicy() + "'; save it with"
                    + " TicketRouting.saveSlaPolicy or choose one of " + names);
        }
        return req.slaPolicy();
    }

    /**
     * The new ticket's row, not stored yet (id 0), with its watchers to store with it.
     *
     * @param numbers gives the next ticket number of a year (the one thing a new ticket takes from a counter)
     */
    public TicketChange open(Actor actor, Instant now, Draft d, NewTicket req, DispatchHook.Route route, Queue queue,
                             IntFunction<String> numbers, TicketReads reads) {
        String slaPolicy = slaPolicy(actor, req, route, queue, reads);
        for (int i = 0; i < req.watchers().size(); i++) {
            String field = "watchers[" + i + "]";
            String user = Checks.id(field, req.watchers().get(i));
            if (reads.user(user).isEmpty()) {
                throw ValidationException.of(field, "user '" + user + "' is not in the directory of tenant '" + actor.tenantId() + "'");
            }
        }
        TicketType type = d.type();
        Lifecycle lc = type.lifecycle();
        TicketRow r = new TicketRow();
        r.tenantId = actor.tenantId();
        r.number = numbers.apply(now.atZone(calendars.of(queue).zone()).getYear());
        r.type = type.key();
        r.title = req.title();
        r.description = req.description();
        r.category = req.category();
        r.priority = route.priority() != null ? route.priority() : req.priority() == null ? type.defaultPriority() : req.priority();
        r.slaPolicy = slaPolicy;
        r.channel = d.channel();
        r.requester = d.requester();
        r.queue = queue.key();
        r.state = lc.initial();
        r.kind = lc.kindOf(r.state);
        r.parentId = req.parentId();
        r.fields = d.fields();
        r.tags = d.tags();
        r.attachments = req.attachments();
        r.createdBy = actor.userId();
        r.createdAt = now;
        r.updatedAt = now;
        // nothing after the creation checks the creator's parties (automatic assignment is the system's decision)
        TicketChange c = new TicketChange(actor, now, r, lc, EnumSet.noneOf(Party.class));
        c.newWatchers = List.copyOf(new TreeSet<>(req.watchers()));
        if (!req.watchers().isEmpty()) {
            c.effects.add(new Effect.AddWatchers(List.copyOf(new TreeSet<>(req.watchers()))));
        }
        return c;
    }

    /** What a new ticket records once its row is stored (it has its id): history, timer, notification. */
    public void created(TicketChange c, TicketReads reads) {
        TicketRow r = c.row;
        c.effects.add(new Effect.Target("ticket", Long.toString(r.id)));
        c.summary("created ticket " + r.number + " '" + r.title + "' in queue '" + r.queue + "'");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("number", r.number);
        detail.put("type", r.type);
        detail.put("queue", r.queue);
        detail.put("priority", r.priority.name());
        detail.put("channel", r.channel);
        if (r.slaPolicy != null) {
            detail.put("slaPolicy", r.slaPolicy);
        }
        if (!r.attachments.isEmpty()) {
            detail.put("attachments", r.attachments.size());
        }
        c.event(TicketEventKind.CREATED, "create", null, r.state, null, false, detail);
        if (!r.kind.started()) {
            transitions.scheduleOverdue(c);
        }
        c.notify(TicketTemplates.CREATED, reads.dispatchers(r.queue), c.vars(Map.of("queue", r.queue, "priority", r.priority.name())));
    }

    /** A category must exist and be active. */
    static void checkCategory(String key, TicketReads reads, List<ValidationException.Problem> problems) {
        Category c = reads.category(key).orElse(null);
        if (c == null) {
            problems.add(new ValidationException.Problem("category", "category '" + key + "' does not exist; an administrator saves it with TicketCatalog.saveCategory"));
        } else if (!c.active()) {
            problems.add(new ValidationException.Problem("category", "category '" + key + "' is inactive; choose an active category"));
        }
    }

    /** @return the tags stripped, sorted and without repeats: each 1 to 64 characters, at most 20 */
    static List<String> tags(List<String> given, List<ValidationException.Problem> problems) {
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
    static Map<String, Object> fields(TicketType type, Map<String, Object> current, Map<String, Object> changes) {
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
}

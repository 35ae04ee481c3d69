package dev.oakit.ticket.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.sla.SlaClock;
import dev.oakit.ticket.sla.SlaEvent;
import dev.oakit.ticket.sla.SlaFiring;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaStatus;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.JsonText;
import dev.oakit.ticket.internal.store.RoutingRepository;
import dev.oakit.ticket.internal.store.SlaDues;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.spi.SlaHook;
import dev.oakit.ticket.internal.report.TicketMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SLA hook of the ticket service: after every command on a ticket with an SLA policy it
 * replays the ticket's whole history with {@link SlaClock}, stores the due times and the breach
 * flag on the ticket row, and keeps one durable job per pending firing (warning, breach,
 * escalation step), rescheduled when its instant moves and cancelled when it no longer applies.
 * The jobs run {@link SlaJob}. See docs/ticket-routing.md.
 */
@Singleton
public final class SlaTimers implements SlaHook, SlaDues.Deferred {
    /** The job type of SLA firings. */
    static final String JOB = dev.oakit.ticket.internal.command.Transitions.SLA_JOB;
    private static final Set<String> REPLAYED = Set.of("CREATED", "STATE_CHANGED", "AGENT_REPLY", "REQUESTER_REPLY", "PRIORITY_CHANGED",
            "POLICY_CHANGED", "DUE_OVERRIDDEN", "RESOLVED", "REOPENED", "CLOSED");

    private final RoutingRepository store;
    private final TicketRepository tickets;
    private final EventRepository events;
    private final BusinessCalendars calendars;
    private final ObjectMapper json;

    @Inject
    private TicketMetrics metrics; // SLA outcomes for the reports (TicketReports)

    @Inject
    public SlaTimers(RoutingRepository store, BusinessCalendars calendars, ObjectMapper json, TicketRepository tickets, EventRepository events) {
        this.store = store;
        this.tickets = tickets;
        this.events = events;
        this.calendars = calendars;
        this.json = json;
    }

    /** The clock's answer for one ticket at one instant. */
    record Evaluation(SlaStatus status, List<SlaFiring> firings) {
        SlaFiring firing(String key) {
            return firings.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        }
    }

    /** The jobs scheduled for a ticket (key → instant) and the firings that ran. */
    record Timers(Map<String, Instant> scheduled, Set<String> fired) {
    }

    @Override
    public void recorded(CommandContext ctx, Ticket ticket, List<TicketEvent> events) {
        SlaDues dues = recordedDeferred(ctx, ticket, events);
        if (dues != null) {
            tickets.saveSla(ctx.handle(), ctx.tenantId(), ticket.id(), dues);
        }
    }

    @Override
    public SlaDues recordedDeferred(CommandContext ctx, Ticket ticket, List<TicketEvent> events) {
        boolean policyChanged = false;
        for (TicketEvent e : events) {
            if (e.kind() == TicketEventKind.POLICY_CHANGED) {
                policyChanged = true;
                Object to = e.detail().get("to");
                if (to != null && store.policies(ctx.handle(), ctx.tenantId(), List.of(to.toString())).isEmpty()) {
                    throw ValidationException.of("slaPolicy", "no SLA policy is named '" + to + "'; save it with TicketRouting.saveSlaPolicy"
                            + " or choose one of " + store.policies(ctx.handle(), ctx.tenantId()).stream().map(SlaPolicy::name).toList());
                }
            }
        }
        if (ticket.slaPolicy() == null && !policyChanged) {
            return null; // a ticket without SLA costs nothing more (a removed policy was cleaned up by the command that removed it)
        }
        if (events.get(0).kind() == TicketEventKind.CREATED) {
            // the create command wrote the whole history: no need to read it, nor timers
            List<SlaEvent> history = new ArrayList<>();
            for (TicketEvent e : events) {
                if (REPLAYED.contains(e.kind().name())) {
                    Map<String, Object> detail = e.detail(); // read as it is, not through a JSON tree
                    map(e.kind(), e.toState(), field -> text(detail, field), e.at(), history);
                }
            }
            return plan(ctx, ticket.id(), evaluate(ctx.handle(), ctx.tenantId(), ticket.id(), history, ctx.now()),
                    new Timers(new TreeMap<>(), new TreeSet<>()));
        }
        return plan(ctx, ticket.id(), evaluate(ctx.handle(), ctx.tenantId(), ticket.id(), ctx.now()),
                timers(ctx.handle(), ctx.tenantId(), ticket.id()));
    }

    /** Replays the ticket, stores dues and breach flag, and (re)schedules or cancels its firing jobs. */
    Evaluation refresh(CommandContext ctx, long ticketId) {
        Evaluation ev = evaluate(ctx.handle(), ctx.tenantId(), ticketId, ctx.now());
        tickets.saveSla(ctx.handle(), ctx.tenantId(), ticketId, plan(ctx, ticketId, ev, timers(ctx.handle(), ctx.tenantId(), ticketId)));
        return ev;
    }

    /** (Re)schedules or cancels the firing jobs and counts targets met now; @return the columns to store */
    private SlaDues plan(CommandContext ctx, long ticketId, Evaluation ev, Timers timers) {
        Handle h = ctx.handle();
        String tenant = ctx.tenantId();
        Map<String, Instant> want = new TreeMap<>();
        for (SlaFiring f : ev.firings()) {
            if (!timers.fired().contains(f.key())) {
                want.put(f.key(), f.at());
            }
        }
        for (Map.Entry<String, Instant> old : timers.scheduled().entrySet()) {
            if (!Objects.equals(want.get(old.getKey()), old.getValue())) {
                ctx.cancelJobs(dedupe(ticketId, old.getKey()));
            }
        }
        List<JobRequest> jobs = new ArrayList<>();
        for (Map.Entry<String, Instant> w : want.entrySet()) {
            if (!Objects.equals(timers.scheduled().get(w.getKey()), w.getValue())) {
                jobs.add(JobRequest.of(JOB, Map.of("ticketId", ticketId, "key", w.getKey())).at(w.getValue())
                        .dedupe(dedupe(ticketId, w.getKey())));
            }
        }
        ctx.scheduleAll(jobs); // one look-up and one batch however many firings the policy's ladder has
        SlaStatus s = ev.status();
        for (SlaTarget target : SlaTarget.values()) {
            // a target met by this very command is final: the reports count it as met or breached
            dev.oakit.ticket.sla.TargetStatus ts = s.targets().get(target);
            if (ts != null && ts.state() == dev.oakit.ticket.sla.TargetState.MET && ctx.now().equals(ts.metAt())) {
                metrics.outcome(h, tenant, ticketId, target, ts.dueAt(), ts.breached(),
                        ts.metAt());
            }
        }
        return new SlaDues(s.target(SlaTarget.FIRST_RESPONSE).dueAt(), s.target(SlaTarget.RESOLUTION).dueAt(), s.breached(),
                JsonText.write(json, Map.of("scheduled", want, "fired", timers.fired())));
    }

    static String dedupe(long ticketId, String key) {
        return JOB + ":" + ticketId + ":" + key;
    }

    /** The ticket's SLA status and firings at {@code now}, replayed from its history. */
    Evaluation evaluate(Handle h, String tenant, long ticketId, Instant now) {
        return evaluate(h, tenant, ticketId, history(h, tenant, ticketId), now);
    }

    private Evaluation evaluate(Handle h, String tenant, long ticketId, List<SlaEvent> history, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        for (SlaEvent e : history) {
            if (e instanceof SlaEvent.Created c && c.policy() != null) {
                names.add(c.policy());
            } else if (e instanceof SlaEvent.PolicyChanged c && c.policy() != null) {
                names.add(c.policy());
            }
        }
        Map<String, SlaPolicy> policies = store.policies(h, tenant, names);
        if (!policies.keySet().containsAll(names)) {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(policies.keySet());
            throw new IllegalStateException("ticket " + ticketId + " names SLA policies " + missing + " that are not saved in tenant '" + tenant + "'");
        }
        SlaClock clock = SlaClock.of(calendars, policies.values());
        return new Evaluation(clock.status(history, now), clock.firings(history, now));
    }

    /** The ticket's history as SLA events, oldest first. */
    List<SlaEvent> history(Handle h, String tenant, long ticketId) {
        List<SlaEvent> out = new ArrayList<>();
        for (EventRepository.Replayed e : events.replayable(h, tenant, ticketId, REPLAYED)) {
            JsonNode detail = e.detail();
            map(e.kind(), e.toState(), field -> text(detail, field), e.at(), out);
        }
        return out;
    }

    /** @param text a field of the event's detail as text, null when absent or null */
    private static void map(TicketEventKind kind, String toState, java.util.function.Function<String, String> text, Instant at,
                            List<SlaEvent> out) {
        switch (kind) {
            case CREATED -> out.add(SlaEvent.created(at, text.apply("priority"), text.apply("slaPolicy")));
            case STATE_CHANGED -> out.add(SlaEvent.stateChanged(at, toState));
            case AGENT_REPLY -> out.add(SlaEvent.agentReplied(at));
            case REQUESTER_REPLY -> out.add(SlaEvent.requesterReplied(at));
            case PRIORITY_CHANGED -> out.add(SlaEvent.priorityChanged(at, text.apply("to")));
            case POLICY_CHANGED -> out.add(SlaEvent.policyChanged(at, text.apply("to")));
            case DUE_OVERRIDDEN -> {
                String due = text.apply("dueAt");
                out.add(SlaEvent.dueOverridden(at, SlaTarget.RESOLUTION, due == null ? null : Instant.parse(due)));
            }
            case RESOLVED -> out.add(SlaEvent.resolved(at));
            case REOPENED -> {
                out.add(SlaEvent.reopened(at));
                out.add(SlaEvent.stateChanged(at, toState));
            }
            case CLOSED -> out.add(SlaEvent.closed(at));
            default -> {
                // not replayed
            }
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket event has unreadable detail", e);
        }
    }

    /** A field of a detail the command holds: text as the stored JSON's would read ({@link #text(JsonNode, String)}). */
    private String text(Map<String, Object> detail, String field) {
        Object v = detail.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        JsonNode node = json.valueToTree(Map.of(field, v));
        return text(node, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    Timers timers(Handle h, String tenant, long ticketId) {
        String text = tickets.slaTimers(h, tenant, ticketId);
        Map<String, Instant> scheduled = new TreeMap<>();
        Set<String> fired = new TreeSet<>();
        JsonNode node = read(text);
        if (node != null) {
            node.path("scheduled").properties().forEach(e -> scheduled.put(e.getKey(), Instant.parse(e.getValue().asText())));
            node.path("fired").forEach(n -> fired.add(n.asText()));
        }
        return new Timers(scheduled, fired);
    }

    /** Marks a firing as run, before its consequences are saved (their replay then skips it). */
    void markFired(Handle h, String tenant, long ticketId, String key) {
        Timers t = timers(h, tenant, ticketId);
        t.fired().add(key);
        t.scheduled().remove(key);
        tickets.saveSlaTimers(h, tenant, ticketId, JsonText.write(json, Map.of("scheduled", t.scheduled(), "fired", t.fired())));
    }
}

package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.SlaFiring;
import dev.oakit.ticket.sla.TargetStatus;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one SLA firing of one ticket as a command of the system: recomputes the clock, and when
 * the firing is still due and has not run, records it in the history and acts — notify for
 * warnings, breaches and NOTIFY steps, raise the priority, or move the ticket to another queue
 * and dispatch it there. The firing is marked as run in the same transaction, so it acts once.
 */
public final class SlaJob extends TicketJobs {
    /** Notification of an SLA warning (a share of the target is used). */
    public static final String WARNING = "tk.sla.warning";
    /** Notification of an SLA breach. */
    public static final String BREACHED = "tk.sla.breached";
    /** Notification of an escalation step. */
    public static final String ESCALATED = "tk.sla.escalated";

    private final TicketEngine engine;
    private final SlaTimers timers;
    private final DispatchHook dispatch;
    private final TicketNotifier notifier;
    private final QueueRepository queues;

    @Inject
    public SlaJob(Commands commands, TicketEngine engine, SlaTimers timers, DispatchHook dispatch, TicketNotifier notifier, QueueRepository queues) {
        super(commands, SlaTimers.JOB, "tk.ticket.sla");
        this.engine = engine;
        this.timers = timers;
        this.dispatch = dispatch;
        this.notifier = notifier;
        this.queues = queues;
    }

    @Override
    void run(CommandContext ctx, long ticketId, JsonNode payload) {
        String key = payload.get("key").asText();
        TicketEngine.Op op = engine.load(ctx, ticketId);
        if (timers.timers(op.h, op.tenant(), ticketId).fired().contains(key)) {
            return;
        }
        SlaTimers.Evaluation ev = timers.evaluate(op.h, op.tenant(), ticketId, op.now);
        SlaFiring f = ev.firing(key);
        if (f == null) {
            return; // met, paused or stopped since it was scheduled; the command that changed it cancelled the job
        }
        if (f.at().isAfter(op.now)) {
            timers.refresh(ctx, ticketId); // moved later: keep the job in step
            return;
        }
        timers.markFired(op.h, op.tenant(), ticketId, key);
        TargetStatus target = ev.status().target(f.target());
        String reason = describe(f) + ": " + target.explain();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("firing", f.key());
        detail.put("target", f.target().name());
        detail.put("kind", f.kind().name());
        detail.put("policy", ev.status().policy());
        if (f.step() != null) {
            detail.put("action", f.step().action().name());
        }
        op.event(TicketEventKind.SLA_FIRED, "sla", null, null, reason, true, detail);
        ctx.summary("ticket " + op.row.number + ": " + describe(f));
        Map<String, Object> vars = vars(op, f, target);
        if (f.kind() == SlaFiring.Kind.WARNING) {
            notifier.send(op.actor, WARNING, people(op), vars);
        } else if (f.kind() == SlaFiring.Kind.BREACH) {
            notifier.send(op.actor, BREACHED, people(op), vars);
        } else {
            escalate(ctx, op, f.step(), reason, vars);
        }
        engine.save(op);
    }

    private void escalate(CommandContext ctx, TicketEngine.Op op, EscalationStep step, String reason, Map<String, Object> vars) {
        switch (step.action()) {
            case NOTIFY -> notifier.send(op.actor, ESCALATED, people(op), vars);
            case RAISE_PRIORITY -> {
                Priority p = op.row.priority;
                if (p.ordinal() < Priority.values().length - 1) {
                    Priority to = Priority.values()[p.ordinal() + 1];
                    op.event(TicketEventKind.PRIORITY_CHANGED, "escalate", null, null, reason, false, Map.of("from", p.name(), "to", to.name()));
                    op.row.priority = to;
                    op.dirty = true;
                }
                notifier.send(op.actor, ESCALATED, people(op), vars);
            }
            case REASSIGN_QUEUE -> moveTo(ctx, op, step.queue(), reason);
        }
    }

    private void moveTo(CommandContext ctx, TicketEngine.Op op, String queueKey, String reason) {
        TicketRow r = op.row;
        Queue q = queues.queue(op.h, op.tenant(), queueKey).orElse(null);
        if (q == null || !q.active() || queueKey.equals(r.queue)) {
            String why = q == null ? "queue '" + queueKey + "' does not exist" : !q.active() ? "queue '" + queueKey + "' is inactive"
                    : "the ticket is in queue '" + queueKey + "' already";
            op.event(TicketEventKind.SLA_FIRED, "sla", null, null, "not moved: " + why, true, Map.of("queue", queueKey));
            return;
        }
        String fromQueue = r.queue;
        r.queue = q.key();
        op.dirty = true;
        if (r.assignee != null) {
            String to = op.lc.state(op.lc.initial()).filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name)
                    .or(() -> op.lc.states().stream().filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name).findFirst())
                    .orElse(null);
            if (to != null) {
                engine.move(op, "escalate", to, reason);
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fromQueue", fromQueue);
        detail.put("queue", r.queue);
        detail.put("to", r.assignee);
        op.event(TicketEventKind.ASSIGNED, "escalate", null, null, reason, false, detail);
        if (r.assignee == null && r.kind == StateKind.NEW) {
            engine.dispatched(op, dispatch.assigneeFor(ctx, r.toTicket(), null));
        }
        List<String> to = new ArrayList<>(dispatchers(op));
        notifier.send(op.actor, ESCALATED, to, vars(op, null, null));
    }

    private static String describe(SlaFiring f) {
        String target = f.target().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (f.kind()) {
            case WARNING -> "SLA warning: " + target + " is close to its due";
            case BREACH -> "SLA breached: " + target + " is past its due";
            case ESCALATION -> "SLA escalation: " + f.step().action().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (f.step().queue() == null ? "" : " to '" + f.step().queue() + "'") + " (" + target + ", offset " + f.step().offset() + ")";
        };
    }

    private static Map<String, Object> vars(TicketEngine.Op op, SlaFiring f, TargetStatus target) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", op.row.number);
        v.put("title", op.row.title);
        v.put("queue", op.row.queue);
        v.put("priority", op.row.priority.name());
        v.put("reason", f == null ? "" : describe(f));
        v.put("due", target == null || target.dueAt() == null ? "" : target.dueAt().toString());
        v.put("explanation", target == null ? "" : target.explain());
        return v;
    }

    /** The assignee and the queue's dispatchers. */
    private List<String> people(TicketEngine.Op op) {
        List<String> to = new ArrayList<>();
        if (op.row.assignee != null) {
            to.add(op.row.assignee);
        }
        to.addAll(dispatchers(op));
        return to;
    }

    private List<String> dispatchers(TicketEngine.Op op) {
        return queues.dispatchers(op.h, op.tenant(), op.row.queue);
    }
}

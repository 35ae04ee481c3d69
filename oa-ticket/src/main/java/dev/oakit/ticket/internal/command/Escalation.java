package dev.oakit.ticket.internal.command;

import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketTemplates;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.SlaFiring;
import dev.oakit.ticket.sla.TargetStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a due SLA firing does to its ticket (docs/ticket-sla.md): it is recorded in the history; a warning or a breach
 * notifies the assignee and the queue's dispatchers; an escalation step notifies them, raises the priority one
 * level, or moves the ticket to another queue (back to a NEW state without assignee) and has dispatch try it there.
 * Whether the firing is due and has not run is the SLA clock's answer, asked before.
 */
@Singleton
public final class Escalation {
    private final Transitions transitions;
    private final Assignment assignment;

    @Inject
    public Escalation(Transitions transitions, Assignment assignment) {
        this.transitions = transitions;
        this.assignment = assignment;
    }

    /**
     * @param policy the ticket's SLA policy
     * @param dispatch asks automatic dispatch for an agent of the ticket's (new) queue
     */
    public void fired(TicketChange c, SlaFiring f, TargetStatus target, String policy, Function<Ticket, DispatchHook.Assignment> dispatch,
                      TicketReads reads) {
        String explained = f.explain() + "; " + target.explain();
        // an escalation step's entry is public: the requester reads what happened, in words, without the policy's
        // explanation or a queue key; agents read both in warnings, breaches and the audit record
        String reason = f.kind() == SlaFiring.Kind.ESCALATION ? publicReason(f, reads) : explained;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("firing", f.key());
        detail.put("target", f.target().name());
        detail.put("kind", f.kind().name());
        detail.put("policy", policy);
        if (f.step() != null) {
            detail.put("action", f.step().action().name());
        }
        // an escalation step shows in the public history, in words: the requester sees why the ticket moved on;
        // warnings and breaches stay with the agents
        c.event(TicketEventKind.SLA_FIRED, "sla", null, null, reason, f.kind() != SlaFiring.Kind.ESCALATION, detail);
        String summary = "ticket " + c.row.number + ": " + explained;
        c.summary(summary.length() <= 1000 ? summary : summary.substring(0, 999) + "…"); // an audit summary's limit
        Map<String, Object> vars = vars(c, f, target);
        if (f.kind() == SlaFiring.Kind.WARNING) {
            c.notify(TicketTemplates.SLA_WARNING, people(c, reads), vars);
        } else if (f.kind() == SlaFiring.Kind.BREACH) {
            c.notify(TicketTemplates.SLA_BREACHED, people(c, reads), vars);
        } else {
            escalate(c, f.step(), reason, vars, dispatch, reads);
        }
    }

    /** @return the firing in words, a queue named by its display name ("another queue" when it is gone) */
    static String publicReason(SlaFiring f, TicketReads reads) {
        String text = f.explain();
        if (f.step() == null || f.step().action() != dev.oakit.ticket.sla.EscalationAction.REASSIGN_QUEUE) {
            return text;
        }
        String named = reads.queue(f.step().queue()).map(q -> "queue '" + q.name() + "'").orElse("another queue");
        return text.replace("queue '" + f.step().queue() + "'", named);
    }

    private void escalate(TicketChange c, EscalationStep step, String reason, Map<String, Object> vars,
                          Function<Ticket, DispatchHook.Assignment> dispatch, TicketReads reads) {
        switch (step.action()) {
            case NOTIFY -> c.notify(TicketTemplates.SLA_ESCALATED, people(c, reads), vars);
            case RAISE_PRIORITY -> {
                Priority p = c.row.priority;
                if (p.ordinal() < Priority.values().length - 1) {
                    Priority to = Priority.values()[p.ordinal() + 1];
                    c.event(TicketEventKind.PRIORITY_CHANGED, "escalate", null, null, reason, false, Map.of("from", p.name(), "to", to.name()));
                    c.row.priority = to;
                    c.dirty = true;
                }
                c.notify(TicketTemplates.SLA_ESCALATED, people(c, reads), vars);
            }
            case REASSIGN_QUEUE -> moveTo(c, step.queue(), reason, dispatch, reads);
        }
    }

    private void moveTo(TicketChange c, String queueKey, String reason, Function<Ticket, DispatchHook.Assignment> dispatch, TicketReads reads) {
        TicketRow r = c.row;
        Queue q = reads.queue(queueKey).orElse(null);
        if (q == null || !q.active() || queueKey.equals(r.queue)) {
            String why = q == null ? "queue '" + queueKey + "' does not exist" : !q.active() ? "queue '" + queueKey + "' is inactive"
                    : "the ticket is in queue '" + queueKey + "' already";
            c.event(TicketEventKind.SLA_FIRED, "sla", null, null, "not moved: " + why, true, Map.of("queue", queueKey));
            return;
        }
        String fromQueue = r.queue;
        r.queue = q.key();
        c.dirty = true;
        if (r.assignee != null) {
            Transitions.newState(c.lc).ifPresent(to -> transitions.move(c, "escalate", to, reason, reads));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fromQueue", fromQueue);
        detail.put("queue", r.queue);
        detail.put("to", r.assignee);
        c.event(TicketEventKind.ASSIGNED, "escalate", null, null, reason, false, detail);
        if (r.assignee == null && r.kind == StateKind.NEW) {
            assignment.dispatched(c, dispatch.apply(r.toTicket()), reads);
        }
        c.notify(TicketTemplates.SLA_ESCALATED, new ArrayList<>(reads.dispatchers(r.queue)), vars(c, null, null));
    }

    private static Map<String, Object> vars(TicketChange c, SlaFiring f, TargetStatus target) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", c.row.number);
        v.put("title", c.row.title);
        v.put("queue", c.row.queue);
        v.put("priority", c.row.priority.name());
        v.put("reason", f == null ? "" : f.explain());
        v.put("due", target == null || target.dueAt() == null ? "" : target.dueAt().toString());
        v.put("explanation", target == null ? "" : target.explain());
        return v;
    }

    /** The assignee and the queue's dispatchers. */
    private static List<String> people(TicketChange c, TicketReads reads) {
        List<String> to = new ArrayList<>();
        if (c.row.assignee != null) {
            to.add(c.row.assignee);
        }
        to.addAll(reads.dispatchers(c.row.queue));
        return to;
    }
}

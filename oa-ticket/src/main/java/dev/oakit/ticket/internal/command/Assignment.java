package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.User;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketTemplates;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Who works on a ticket: assign (a dispatcher's choice; on an assigned ticket it reassigns), claim (抢单: an agent of
 * the queue takes an unassigned ticket), reassign (转派: another queue, another assignee, or both), and automatic
 * dispatch's decision. The one rule for every new assignee lives in {@link #assignTo}: a member of the ticket's queue,
 * active in the directory, under their capacity.
 */
@Singleton
public final class Assignment {
    private final Transitions transitions;

    @Inject
    public Assignment(Transitions transitions) {
        this.transitions = transitions;
    }

    public void assign(TicketChange c, String assigneeId, TicketReads reads) {
        Guards.requireOpen(c, "assign");
        if (c.row.kind == StateKind.NEW) {
            Guards.checkParties(c, Guards.transition(c, "assign"));
        } else {
            Guards.requireAny(c, EnumSet.of(Party.DISPATCHER, Party.ADMIN), "assign");
        }
        if (!assigneeId.equals(c.row.assignee)) {
            assignTo(c, assigneeId, "assign", reads);
        }
    }

    public void claim(TicketChange c, TicketReads reads) {
        if (c.row.assignee != null) {
            throw new ConflictException(TicketErrors.ALREADY_ASSIGNED, "ticket " + c.row.number + " is already assigned to '"
                    + c.row.assignee + "'; only unassigned tickets can be claimed");
        }
        Guards.checkParties(c, Guards.transition(c, "claim"));
        assignTo(c, c.actor.userId(), "claim", reads);
    }

    /** @param queue the new queue or null; @param assigneeId the new assignee or null (not both null) */
    public void reassign(TicketChange c, String queue, String assigneeId, String reason, TicketReads reads) {
        Guards.requireOpen(c, "reassign");
        Guards.requireAny(c, EnumSet.of(Party.ASSIGNEE, Party.DISPATCHER, Party.ADMIN), "reassign");
        TicketRow r = c.row;
        String fromQueue = r.queue;
        if (queue != null && !queue.equals(r.queue)) {
            Queue q = reads.requireQueue(queue, "queue");
            if (!q.active()) {
                throw ValidationException.of("queue", "queue '" + queue + "' is inactive; choose an active queue");
            }
            r.queue = q.key();
            c.dirty = true;
        }
        if (assigneeId != null) {
            if (!assigneeId.equals(r.assignee) || !fromQueue.equals(r.queue)) {
                assignTo(c, assigneeId, "assign", reads);
            }
        } else if (r.assignee != null) {
            String to = Transitions.newState(c.lc).orElseThrow(() -> new ConflictException(TicketErrors.NO_NEW_STATE, "the lifecycle of type '"
                    + r.type + "' has no state of kind NEW to leave an unassigned ticket in; name an assignee"));
            transitions.move(c, "reassign", to, reason, reads);
        }
        c.event(TicketEventKind.ASSIGNED, "reassign", null, null, reason, false, TicketChange.detail("fromQueue", fromQueue, "queue", r.queue,
                "to", r.assignee));
    }

    /** The last decision the built-in dispatch checked on this thread (by identity: a hook cannot claim it). */
    private static final ThreadLocal<DispatchHook.Assignment> CHECKED = new ThreadLocal<>();

    /**
     * Marks a decision of the built-in dispatch ({@code RuleDispatch}) whose agent it checked, in the command's
     * transaction and under its dispatch lock, to be an active member of the queue under capacity: applying it
     * does not read those facts again. Contributed dispatch hooks cannot mark theirs; they are always checked.
     */
    public static DispatchHook.Assignment checked(DispatchHook.Assignment decision) {
        CHECKED.set(decision);
        return decision;
    }

    private static boolean wasChecked(DispatchHook.Assignment decision) {
        boolean checked = CHECKED.get() == decision;
        CHECKED.remove();
        return checked;
    }

    /** Records a dispatch decision (null: none) in the history and assigns its agent to a waiting ticket, both as the system's. */
    public void dispatched(TicketChange c, DispatchHook.Assignment decision, TicketReads reads) {
        if (decision == null) {
            return;
        }
        c.asSystem(() -> {
            if (decision.explanation() != null) {
                c.event(TicketEventKind.DISPATCHED, "dispatch", null, null, decision.explanation(), true, decision.detail());
            }
            if (decision.agentId() != null && c.row.kind == StateKind.NEW && c.row.assignee == null) {
                c.checkedAssignee = wasChecked(decision) ? decision.agentId() : null;
                assignTo(c, decision.agentId(), "assign", reads);
            }
        });
    }

    /**
     * Dispatch tries again for a ticket waiting in a queue (redispatch): only a NEW, unassigned ticket still in that queue;
     * when dispatch chooses nobody again, nothing is recorded (the history keeps the first explanation).
     *
     * @param dispatch asks automatic dispatch for an agent
     * @return whether the ticket got an assignee
     */
    public boolean redispatch(TicketChange c, String queue, Function<Ticket, DispatchHook.Assignment> dispatch, TicketReads reads) {
        TicketRow r = c.row;
        if (r.assignee != null || r.kind != StateKind.NEW || !queue.equals(r.queue)) {
            return false;
        }
        DispatchHook.Assignment a = dispatch.apply(r.toTicket());
        if (a == null || a.agentId() == null) {
            return false;
        }
        dispatched(c, a, reads);
        c.summary("redispatched ticket " + r.number + " to " + a.agentId());
        return true;
    }

    /**
     * The assignee left (deactivated in the directory): a ticket they hold goes back to its queue, unassigned, in its
     * lifecycle's NEW state, with {@code reason} in its history, for dispatch to choose again.
     *
     * @return whether the ticket went back; false when {@code leaver} does not hold it (any more) or its lifecycle has
     *         no NEW state to wait in (then it stays, for a dispatcher to reassign)
     */
    public boolean returnToQueue(TicketChange c, String leaver, String reason, TicketReads reads) {
        TicketRow r = c.row;
        if (!leaver.equals(r.assignee) || !(r.kind == StateKind.ASSIGNED || r.kind == StateKind.IN_PROGRESS
                || r.kind == StateKind.WAITING)) {
            return false;
        }
        java.util.Optional<String> waiting = Transitions.newState(c.lc);
        if (waiting.isEmpty()) {
            return false;
        }
        transitions.move(c, "return-to-queue", waiting.get(), reason, reads);
        c.summary("ticket " + r.number + " back to queue " + r.queue + ": " + reason);
        return true;
    }

    /** Sets the assignee (a member of the ticket's queue, active, under capacity) and takes the action's transition from a NEW state. */
    void assignTo(TicketChange c, String assigneeId, String action, TicketReads reads) {
        TicketRow r = c.row;
        boolean self = assigneeId.equals(c.actor.userId()) && c.parties.contains(Party.AGENT);
        if (!assigneeId.equals(c.checkedAssignee)) {
            check(c, assigneeId, self, reads);
        }
        String before = r.assignee;
        r.assignee = assigneeId;
        c.dirty = true;
        c.event(TicketEventKind.ASSIGNED, action, null, null, null, false, TicketChange.detail("from", before, "to", assigneeId, "queue", r.queue));
        c.notify(TicketTemplates.ASSIGNED, List.of(assigneeId), c.vars(Map.of("queue", r.queue)));
        if (r.kind == StateKind.NEW) {
            Lifecycle.Transition t = c.lc.transition(r.state, action).orElseThrow(() -> Guards.illegal(c, action));
            transitions.move(c, action, t.to(), null, reads);
        }
    }

    /** The assignee must be a member of the ticket's queue (or the agent themself), active in the directory and under capacity. */
    private static void check(TicketChange c, String assigneeId, boolean self, TicketReads reads) {
        TicketRow r = c.row;
        if (!self && reads.membership(r.queue, assigneeId).isEmpty()) {
            throw ValidationException.of("assigneeId", "user '" + assigneeId + "' is not a member of queue '" + r.queue
                    + "'; add them with Queues.setMembers or choose a member");
        }
        if (!reads.user(assigneeId).map(User::active).orElse(false)) {
            throw ValidationException.of("assigneeId", "user '" + assigneeId + "' is unknown or inactive in the directory; choose an active agent");
        }
        Agent profile = reads.agent(assigneeId).orElse(Agent.of(assigneeId));
        if (profile.capacity() > 0) {
            int load = reads.openLoad(assigneeId);
            if (load >= profile.capacity()) {
                throw new ConflictException(TicketErrors.AT_CAPACITY, "agent '" + assigneeId + "' holds " + load + " open ticket(s), the capacity is "
                        + profile.capacity() + "; choose another agent or raise the capacity");
            }
        }
    }
}

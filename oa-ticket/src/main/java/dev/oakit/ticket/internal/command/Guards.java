package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.TicketErrors;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks every command applies to the ticket it acts on: who may (parties, with a message naming who may), and
 * whether the lifecycle allows the action from the current state (with a message naming what is allowed).
 */
public final class Guards {
    private Guards() {
    }

    /** @return the lifecycle's transition for the action from the current state; {@code OA-TK/ILLEGAL_TRANSITION} when none */
    public static Lifecycle.Transition transition(TicketChange c, String action) {
        return c.lc.transition(c.row.state, action).orElseThrow(() -> illegal(c, action));
    }

    public static ConflictException illegal(TicketChange c, String action) {
        List<String> allowed = c.lc.from(c.row.state).stream().map(Lifecycle.Transition::action).distinct().toList();
        return new ConflictException(TicketErrors.ILLEGAL_TRANSITION, "ticket " + c.row.number + " is '" + c.row.state + "'; '" + action
                + "' is not allowed there. Allowed from '" + c.row.state + "': "
                + (allowed.isEmpty() ? "none (the state is final)" : String.join(", ", allowed)));
    }

    /** The actor must be one of the parties the transition names. */
    public static void checkParties(TicketChange c, Lifecycle.Transition t) {
        if (Collections.disjoint(c.parties, t.by())) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not '" + t.action() + "' ticket "
                    + c.row.number + "; " + Access.describe(t.by(), c.row) + " may");
        }
    }

    /** The actor must be one of these parties. */
    public static void requireAny(TicketChange c, Set<Party> who, String action) {
        if (Collections.disjoint(c.parties, who)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not '" + action + "' ticket "
                    + c.row.number + "; " + Access.describe(who, c.row) + " may");
        }
    }

    /** The actor must get the agent view (agent of the queue, assignee, dispatcher, administrator). */
    public static void requireAgent(TicketChange c, String what) {
        if (!c.agentView()) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not " + what + " ticket "
                    + c.row.number + "; " + Access.describe(Access.AGENT_VIEW, c.row) + " may");
        }
    }

    /** The ticket must be open (not resolved or closed). */
    public static void requireOpen(TicketChange c, String action) {
        if (!c.row.kind.open()) {
            throw new ConflictException(TicketErrors.NOT_OPEN, "ticket " + c.row.number + " is '" + c.row.state + "' (" + c.row.kind
                    + "); '" + action + "' needs an open ticket. Allowed from '" + c.row.state + "': "
                    + c.lc.from(c.row.state).stream().map(Lifecycle.Transition::action).distinct().collect(Collectors.joining(", ")));
        }
    }
}

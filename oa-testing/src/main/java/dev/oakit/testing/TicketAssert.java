package dev.oakit.testing;

import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.sla.SlaStatus;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.sla.TargetStatus;
import org.apiguardian.api.API;

import java.util.Objects;

/**
 * Checks on one ticket. Each check reads the ticket (and its SLA clocks at the clock's time) afresh as the
 * kit's administrator; a failure says what was expected and what OAKit holds.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketAssert {
    private final OaTestKit kit;
    private final long ticketId;

    TicketAssert(OaTestKit kit, long ticketId) {
        this.kit = kit;
        this.ticketId = ticketId;
    }

    private Ticket ticket() {
        return kit.service(TicketQueries.class).detail(kit.admin(), ticketId).ticket();
    }

    private AssertionError failure(String expected, Ticket t, String more) {
        return new AssertionError("expected ticket " + t.number() + " (id " + ticketId + ") " + expected + ", but OAKit holds: state "
                + t.state() + ", queue " + t.queue() + ", assignee " + t.assignee() + ", overdue " + t.overdue()
                + ", SLA policy " + t.slaPolicy() + (more == null ? "" : ", " + more));
    }

    public TicketAssert isAssignedTo(String userId) {
        Ticket t = ticket();
        if (!Objects.equals(t.assignee(), userId)) {
            throw failure("to be assigned to " + userId, t, null);
        }
        return this;
    }

    public TicketAssert isUnassigned() {
        Ticket t = ticket();
        if (t.assignee() != null) {
            throw failure("to be unassigned", t, null);
        }
        return this;
    }

    /** The ticket's lifecycle state (e.g. {@code new}, {@code in_progress}, {@code resolved}). */
    public TicketAssert isInState(String state) {
        Ticket t = ticket();
        if (!t.state().equals(state)) {
            throw failure("to be in state " + state, t, null);
        }
        return this;
    }

    public TicketAssert isInQueue(String queue) {
        Ticket t = ticket();
        if (!Objects.equals(t.queue(), queue)) {
            throw failure("to be in queue " + queue, t, null);
        }
        return this;
    }

    /** The SLA target's due passed before it was met (at the clock's time). */
    public TicketAssert hasBreachedSla(SlaTarget target) {
        return breach(target, true);
    }

    /** The SLA target has not been breached (at the clock's time). */
    public TicketAssert hasNotBreachedSla(SlaTarget target) {
        return breach(target, false);
    }

    private TicketAssert breach(SlaTarget target, boolean expected) {
        SlaStatus sla = kit.service(TicketRouting.class).sla(kit.admin(), ticketId);
        TargetStatus s = sla.targets().get(target);
        if (s == null || s.breached() != expected) {
            throw failure((expected ? "to have breached its " : "not to have breached its ") + target + " SLA at " + kit.clock().instant(),
                    ticket(), target + ": " + (s == null ? "no such target in the policy" : s.explain()));
        }
        return this;
    }
}

package dev.oakit.crm;

import dev.oakit.ticket.Ticket;
import dev.oakit.workflow.ProcessInstance;
import org.apiguardian.api.API;

import java.util.List;

/**
 * One customer seen from OAKit: tickets and deal approvals, each list holding only what the asking user
 * may see in oa-ticket and oa-workflow. Immutable.
 *
 * @param key whom it is of
 * @param customerRefs the customer references its tickets carry (the CRM account id and the local id the ID map links to it)
 * @param openTickets tickets not resolved or closed, newest first
 * @param recentTickets the newest tickets that are resolved or closed
 * @param slaBreaches tickets not started in time or with a breached SLA, newest first
 * @param approvalsInFlight deal approvals being decided or written
 * @param approvalsDecided deal approvals that are closed (written, withdrawn, re-evaluated, flagged, refused), newest first
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CustomerView(CustomerKey key, List<String> customerRefs, List<Ticket> openTickets, List<Ticket> recentTickets,
                           List<Ticket> slaBreaches, List<Approval> approvalsInFlight, List<Approval> approvalsDecided) {
    /** Copies the lists. */
    public CustomerView {
        customerRefs = List.copyOf(customerRefs);
        openTickets = List.copyOf(openTickets);
        recentTickets = List.copyOf(recentTickets);
        slaBreaches = List.copyOf(slaBreaches);
        approvalsInFlight = List.copyOf(approvalsInFlight);
        approvalsDecided = List.copyOf(approvalsDecided);
    }

    /**
     * A deal approval of the customer: its round and its process instance.
     *
     * @param request the round
     * @param instance the instance as the asking user sees it
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Approval(DealRequest request, ProcessInstance instance) {
    }
}

package dev.oakit.crm;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

/**
 * The customer view ({@code oa.service(Customer360.class)}): one query for a customer's open and recent
 * tickets, its SLA breaches and its deal approvals in flight and decided. It reads through the public
 * queries of oa-ticket and oa-workflow with the asking user, so it shows exactly what that user may see
 * there (a user who sees none of a customer's tickets gets empty lists, not an error). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Customer360 {
    /** How many tickets of each list, and deal approvals, the view holds at most. */
    int LIMIT = 50;

    /**
     * @param actor who asks; the lists hold what they may see
     * @param key a CRM account or OAKit's customer reference
     * @return the view; empty lists for a customer OAKit knows nothing of
     */
    CustomerView view(Actor actor, CustomerKey key);
}

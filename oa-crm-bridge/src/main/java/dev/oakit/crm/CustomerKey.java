package dev.oakit.crm;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * Whom a {@link Customer360} view is of: an account in a CRM, or OAKit's own customer reference (a
 * ticket requester's {@code customerRef}); the ID map links the two, so either finds both. Immutable.
 *
 * @param target the CRM connector's id, or null for OAKit's customer reference
 * @param id the CRM's account id, or OAKit's customer reference
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CustomerKey(String target, String id) {
    /** Checks the components. */
    public CustomerKey {
        if (target != null) {
            Checks.id("target", target);
        }
        Checks.text("id", id, 191);
        if (id.isBlank()) {
            throw ValidationException.of("id", "must name the customer, was blank");
        }
    }

    /** @return the key of a CRM account */
    public static CustomerKey crmAccount(String target, String accountId) {
        return new CustomerKey(Checks.text("target", target, 64), accountId);
    }

    /** @return the key of OAKit's customer reference */
    public static CustomerKey customer(String customerRef) {
        return new CustomerKey(null, customerRef);
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * Who asked for a ticket: an internal user of the tenant, or an external contact (a customer)
 * with an optional customer reference. External contacts cannot log in, so they see their
 * tickets only through channels the host builds (mail, portal).
 *
 * @param userId the internal user's id, or null for an external contact
 * @param contactName the external contact's name, or null
 * @param contactEmail the external contact's e-mail address, or null
 * @param customerRef the customer's id in the host or CRM, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Requester(String userId, String contactName, String contactEmail, String customerRef) {
    /** Validates: an internal user id, or an external contact with a name or an e-mail address. */
    public Requester {
        if (userId != null) {
            Checks.id("requester.userId", userId);
        } else if ((contactName == null || contactName.isBlank()) && (contactEmail == null || contactEmail.isBlank())) {
            throw ValidationException.of("requester", "give an internal user id, or an external contact's name or e-mail address");
        }
        Checks.optionalText("requester.contactName", contactName, 200);
        Checks.optionalText("requester.contactEmail", contactEmail, 254);
        Checks.optionalText("requester.customerRef", customerRef, 128);
    }

    /** @return an internal user as requester */
    public static Requester user(String userId) {
        return new Requester(userId, null, null, null);
    }

    /** @return an external contact as requester */
    public static Requester contact(String name, String email, String customerRef) {
        return new Requester(null, name, email, customerRef);
    }

    /** @return true for an internal user */
    public boolean internal() {
        return userId != null;
    }
}

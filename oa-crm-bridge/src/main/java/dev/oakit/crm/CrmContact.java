package dev.oakit.crm;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * A person at a customer, as the CRM holds it: a ticket's external requester, an approval's requester on
 * the customer's side. Read from the CRM's change feed, or sent to it: a contact OAKit creates (from an
 * e-mail ticket, say) is upserted by OAKit's {@link #key()}, so sending it twice leaves one contact.
 * Immutable.
 *
 * @param id the CRM's id, or null for a contact not yet in the CRM; at most 191 characters
 * @param key OAKit's key (the CRM's external-id field), or null for a contact the CRM created; at most 191 characters
 * @param accountId the CRM's id of its account, or null
 * @param firstName the first name, or null
 * @param lastName the last name (the CRM requires one)
 * @param email the e-mail address, or null
 * @param phone the phone, or null
 * @param version the record's version at the CRM (last modification as epoch milliseconds); 0 when not read from it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CrmContact(String id, String key, String accountId, String firstName, String lastName, String email, String phone,
                         long version) {
    /** Checks the components. */
    public CrmContact {
        Checks.optionalText("id", id, 191);
        Checks.optionalText("key", key, 191);
        if (id == null && key == null) {
            throw ValidationException.of("key", "is required for a contact the CRM has no id of yet; give OAKit's key");
        }
        Checks.optionalText("accountId", accountId, 191);
        Checks.optionalText("firstName", firstName, 40);
        Checks.text("lastName", lastName, 80);
        Checks.optionalText("email", email, 80);
        Checks.optionalText("phone", phone, 40);
    }

    /** @return a contact to upsert into the CRM by OAKit's key */
    public static CrmContact toUpsert(String key, String accountId, String firstName, String lastName, String email, String phone) {
        return new CrmContact(null, Checks.text("key", key, 191), accountId, firstName, lastName, email, phone, 0);
    }
}

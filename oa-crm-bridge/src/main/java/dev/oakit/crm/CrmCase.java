package dev.oakit.crm;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A customer's service request or complaint as the CRM holds it (Salesforce {@code Case}, an Odoo helpdesk
 * ticket or lead); it becomes one OAKit ticket. Immutable.
 *
 * @param id the CRM's id; at most 191 characters
 * @param number its number for people ({@code CaseNumber}), or null
 * @param accountId the CRM's id of the customer, or null
 * @param contactId the CRM's id of the person who raised it, or null
 * @param subject its subject
 * @param description its text, or null
 * @param type the CRM's type ({@code Problem}, {@code Question}, {@code Complaint}), or null; mapped to a ticket type
 * @param priority the CRM's priority ({@code High}, {@code Medium}, {@code Low}), or null
 * @param status the CRM's status ({@code New}, {@code Working}, {@code Escalated}, {@code Closed})
 * @param version the record's version at the CRM (last modification as epoch milliseconds)
 * @param escalated whether the CRM marks the case escalated (Salesforce {@code IsEscalated} or the status
 *     {@code Escalated}; Odoo a tag {@code Escalated})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CrmCase(String id, String number, String accountId, String contactId, String subject, String description, String type,
                      String priority, String status, long version, boolean escalated) {
    /** Checks the components. */
    public CrmCase {
        Checks.text("id", id, 191);
        Checks.optionalText("number", number, 64);
        Checks.optionalText("accountId", accountId, 191);
        Checks.optionalText("contactId", contactId, 191);
        Checks.text("subject", subject, 255);
        Checks.optionalText("type", type, 64);
        Checks.optionalText("priority", priority, 64);
        Checks.text("status", status, 64);
    }
}

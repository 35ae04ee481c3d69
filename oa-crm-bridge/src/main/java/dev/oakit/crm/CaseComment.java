package dev.oakit.crm;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A public comment on a CRM case, as the CRM holds it (an Odoo chatter message, a Salesforce case comment): it becomes
 * a reply on the case's ticket, once. OAKit's own replies coming back carry its key and are recognised as echoes.
 * Immutable.
 *
 * @param id the CRM's id of the comment; at most 191 characters
 * @param caseId the CRM's id of the case
 * @param body the text
 * @param authorName who wrote it, or null
 * @param authorEmail the author's e-mail address, or null; the requester's address makes it the requester's reply
 * @param version the comment's version at the CRM (last modification as epoch milliseconds)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CaseComment(String id, String caseId, String body, String authorName, String authorEmail, long version) {
    /** Checks the components. */
    public CaseComment {
        Checks.text("id", id, 191);
        Checks.text("caseId", caseId, 191);
        Checks.text("body", body, 20_000);
        Checks.optionalText("authorName", authorName, 255);
        Checks.optionalText("authorEmail", authorEmail, 254);
    }
}

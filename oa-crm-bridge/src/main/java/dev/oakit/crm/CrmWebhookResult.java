package dev.oakit.crm;

import org.apiguardian.api.API;

/**
 * What {@link CrmWebhooks#receive} did, with the HTTP status to answer. The sender does not retry (Odoo sends once and
 * forgets), so a refused webhook is caught by the next pull of the feed. Immutable.
 *
 * @param status the HTTP status: 202 taken, its records to be read ({@code notices} of them); 200 taken, nothing to read
 *     (a model no feed reads); 400 no webhook of this CRM; 401 no or a wrong token; 404 no such target or no tokens set
 *     for it; 413 the body is too large
 * @param notices how many feed reads the webhook scheduled (0 or more)
 * @param message a short reason, safe to return to the sender (it never contains a token)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CrmWebhookResult(int status, int notices, String message) {
}

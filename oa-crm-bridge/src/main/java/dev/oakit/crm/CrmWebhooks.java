package dev.oakit.crm;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * Webhooks from a CRM that name a changed record ({@code oa.service(CrmWebhooks.class)}): Odoo's automation rule with
 * the action "Send Webhook Notification". OAKit opens no port: the host mounts {@link #receive} in its own HTTP stack
 * (a servlet, a JDK {@code HttpServer}, a controller), hands over the target (usually from the path), the raw query,
 * the headers and the raw body, and answers with the result's status. See docs/crm-bridge.md, "Odoo webhooks".
 *
 * <p>Odoo signs nothing and lets you set only the URL, so a request is authenticated by a token in it:
 * {@code ?token=<token>} (or the header {@code X-OAKit-Token}, for a relay that can set headers), compared in constant
 * time with the target's tokens ({@link CrmBridgePlugin#webhookTokens}). The record is then read from the CRM by a job
 * a moment later ({@link dev.oakit.integration.pull.ChangeNotices#notice}; Odoo 17 posts before it commits, so it is read
 * again until it has the body's {@code write_date}), through the connector's feed, and accepted by the inbox as a pull
 * would accept it: a change brought by a webhook and by a pull is applied once, a late or repeated webhook changes
 * nothing, OAKit's own write coming back is an echo, and a webhook that never came is caught by the next pull.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CrmWebhooks {
    /** The query parameter that carries the token. */
    String TOKEN_PARAMETER = "token";
    /** The header that may carry the token instead. */
    String TOKEN_HEADER = "X-OAKit-Token";
    /** The largest body taken, in bytes (1 MiB); read at most one byte more from the request. */
    int MAX_BODY_BYTES = 1 << 20;

    /**
     * Authenticates one request and schedules the read of each record it names; reads nothing from the CRM itself, so it
     * answers at once. Never throws for a bad request: the result says what was wrong.
     *
     * @param actor the system actor (or an administrator) of the tenant the CRM's records belong to
     * @param target the CRM connector's id
     * @param rawQuery the request's query string as received (still URL-encoded), or null
     * @param headers the request headers, names in any case; may be empty
     * @param body the raw body
     * @return what happened and the HTTP status to answer with
     */
    CrmWebhookResult receive(Actor actor, String target, String rawQuery, Map<String, List<String>> headers, byte[] body);
}

package dev.oakit.ticket.webhook;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * Tickets from webhooks and IM bots. OAKit opens no port: the host mounts this in its own HTTP
 * stack (a servlet, a JDK {@code HttpServer}, a Spring controller) and hands over the source name
 * (usually from the path), the headers and the raw body; it turns the {@link WebhookResult} into
 * the HTTP response. See docs/ticket-channels.md.
 *
 * <p>A request must carry {@code X-OAKit-Timestamp} (epoch seconds, within the source's tolerance
 * of OAKit's clock) and {@code X-OAKit-Signature: sha256=<hex>} of HMAC-SHA256 with the source's
 * secret over {@code <timestamp>.<raw body>} (the scheme of {@link dev.oakit.core.event.WebhookSignature}),
 * compared in constant time. The JSON body is mapped by the source's {@link WebhookSource#mapping()};
 * the same (source, external id) twice creates one ticket or reply. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface WebhookIntake {
    /**
     * Verifies and takes one request. Never throws for bad requests: the result says what was wrong.
     *
     * @param source the configured source's name
     * @param headers request headers, names in any case
     * @param body the raw body, exactly as received
     * @return what happened and the HTTP status to answer with
     */
    WebhookResult receive(String source, Map<String, List<String>> headers, byte[] body);

    /** @return the configured source names */
    List<String> sources();
}

package dev.oakit.integration.inbox;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.Map;

/**
 * Inbound changes from remote systems: verify a webhook on its raw body, then accept the change
 * exactly once and in order. A host service ({@code oa.service(Inbox.class)}); thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Inbox {
    /**
     * Verifies a webhook: size, headers, timestamp (against OAKit's clock) and the signature, compared
     * in constant time against every secret of the spec. Reads nothing from the database.
     *
     * @param spec what the endpoint accepts; never null
     * @param headers the request headers, names in any case; never null
     * @param body the raw body exactly as received; never null
     * @return the verified webhook
     * @throws dev.oakit.core.ForbiddenException {@code OA-INT/WEBHOOK_HEADER}, {@code WEBHOOK_TIMESTAMP} or
     *     {@code WEBHOOK_SIGNATURE}, naming the header and the fix
     * @throws dev.oakit.core.ValidationException {@code OA-INT/WEBHOOK_TOO_LARGE} for a body over the limit
     */
    VerifiedWebhook verify(WebhookSpec spec, Map<String, String> headers, byte[] body);

    /**
     * Accepts an inbound event once: a delivery seen before is a {@code DUPLICATE}, an event older
     * than the entity's stored version is {@code STALE}; the first version of a document OAKit's own write
     * created is an {@code ECHO} (recorded, not applied); otherwise it is recorded, the entity's
     * version raised and {@code integration.inbox.accepted} published in one audited transaction.
     * Concurrent deliveries of the same event are accepted exactly once.
     *
     * @param actor who receives it (the integration's service user); its tenant owns the record
     * @param event the event; never null
     * @return what happened
     */
    InboxReceipt accept(Actor actor, InboundEvent event);
}

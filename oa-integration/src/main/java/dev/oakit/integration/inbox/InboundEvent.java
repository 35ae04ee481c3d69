package dev.oakit.integration.inbox;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * One change a remote system told us about (from a webhook, a queue or a pull), to be accepted
 * once. It is recognised as already seen by its delivery id when it has one, otherwise by
 * (system, entity type, entity id, remote version). Immutable.
 *
 * @param system the remote system, e.g. {@code erp}; an id
 * @param entityType the remote entity type, e.g. {@code purchase.order}; an id
 * @param entityId the remote record's id, at most 191 characters
 * @param remoteVersion the record's version at the remote, increasing with each change (a sequence,
 *     or {@code write_date}/{@code modified} as epoch milliseconds); null when the remote gives none
 * @param deliveryId the sender's id of this delivery, at most 191 characters; null when there is none
 * @param payload the body or a summary to keep with the delivery; may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InboundEvent(String system, String entityType, String entityId, Long remoteVersion, String deliveryId, String payload) {
    /** Checks the components; a delivery id or a version is required. */
    public InboundEvent {
        Checks.id("system", system);
        Checks.id("entityType", entityType);
        Checks.text("entityId", entityId, 191);
        Checks.optionalText("deliveryId", deliveryId, 191);
        if (remoteVersion == null && (deliveryId == null || deliveryId.isBlank())) {
            throw ValidationException.of("deliveryId", "an inbound event of " + system + "/" + entityType + "/" + entityId
                    + " needs a delivery id or a remote version to be recognised when it comes again; give one");
        }
    }

    /** @return an event known by its remote version only */
    public static InboundEvent ofVersion(String system, String entityType, String entityId, long remoteVersion, String payload) {
        return new InboundEvent(system, entityType, entityId, remoteVersion, null, payload);
    }

    /** @return this event with a delivery id */
    public InboundEvent withDeliveryId(String id) {
        return new InboundEvent(system, entityType, entityId, remoteVersion, id, payload);
    }
}

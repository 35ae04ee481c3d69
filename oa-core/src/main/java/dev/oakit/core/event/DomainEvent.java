package dev.oakit.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Something that happened, written to the outbox in the same transaction as the change that
 * caused it and delivered after commit.
 *
 * @param id globally unique event id (a UUID), stable across deliveries
 * @param tenantId tenant of the change
 * @param type event type, e.g. {@code core.user.deactivated}
 * @param aggregateType kind of object changed, e.g. {@code user}
 * @param aggregateId id of the object changed
 * @param actorId user who caused it
 * @param occurredAt commit-time clock reading of the command
 * @param payload event data, a JSON object; never null
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DomainEvent(String id, String tenantId, String type, String aggregateType, String aggregateId,
                          String actorId, Instant occurredAt, JsonNode payload) {
}

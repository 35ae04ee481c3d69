package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A link between two tickets, read "from KIND to".
 *
 * @param fromId the from-ticket
 * @param kind the relation
 * @param toId the to-ticket
 * @param createdBy who linked them
 * @param createdAt when
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketLink(long fromId, LinkKind kind, long toId, String createdBy, Instant createdAt) {
}

package dev.oakit.integration.amqp.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.inbox.InboundEvent;
import org.apiguardian.api.API;

/**
 * Turns a message from a queue into the inbound event the inbox accepts once. A message the reader
 * refuses (it throws) is a poison message: it goes to the broker dead letters with its body and the
 * error, and is acked. Implementations must be thread-safe and must not call remote systems.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ChangeReader {
    /**
     * @param system the remote system the consumer receives for, e.g. {@code erp}
     * @param message the message
     * @return the event; its delivery id is normally the message id
     * @throws Exception when the message cannot be read or is invalid (then it is a dead letter)
     */
    InboundEvent read(String system, AmqpMessage message) throws Exception;

    /**
     * The default reader: a JSON object {@code {"entityType": "...", "entityId": "...", "version": 17}}
     * ({@code version} optional), the delivery id the message id, the body kept as the payload.
     *
     * @return the reader
     */
    static ChangeReader json() {
        ObjectMapper json = new ObjectMapper();
        return (system, m) -> {
            JsonNode n = json.readTree(m.body());
            if (n == null || !n.isObject()) {
                throw ValidationException.of("body", "a change event must be a JSON object with entityType, entityId and"
                        + " optionally version; the message " + m.messageId() + " is not");
            }
            JsonNode version = n.path("version");
            if (!version.isMissingNode() && !version.isNull() && !version.canConvertToLong()) {
                throw ValidationException.of("version", "must be a whole number (a sequence or epoch milliseconds), was " + version);
            }
            return new InboundEvent(system, n.path("entityType").asText(null), n.path("entityId").asText(null),
                    version.isMissingNode() || version.isNull() ? null : version.asLong(), m.messageId(), m.text());
        };
    }
}

package dev.oakit.integration.amqp.spi;

import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message taken from a queue, as the consumer hands it to a {@link ChangeReader}.
 *
 * @param queue the queue it came from
 * @param messageId the sender's message id (AMQP property {@code message-id}); null when it set none
 * @param routingKey the routing key it was published with
 * @param contentType the content type property; may be null
 * @param headers the message headers, values as text
 * @param body the raw body
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AmqpMessage(String queue, String messageId, String routingKey, String contentType, Map<String, String> headers, byte[] body) {
    /** Copies the headers. */
    public AmqpMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

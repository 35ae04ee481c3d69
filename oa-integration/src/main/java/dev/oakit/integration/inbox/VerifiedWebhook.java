package dev.oakit.integration.inbox;

import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook whose signature matched one of the secrets. Immutable.
 *
 * @param scheme the scheme it was verified with; never null
 * @param deliveryId the sender's delivery id ({@code webhook-id}, {@code X-GitHub-Delivery}), null when the scheme has none
 * @param timestamp the signed timestamp, null when the scheme signs none
 * @param body the raw body as verified; never null (a copy is kept)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerifiedWebhook(WebhookScheme scheme, String deliveryId, Instant timestamp, byte[] body) {
    /** Copies the body. */
    public VerifiedWebhook {
        Objects.requireNonNull(scheme, "scheme");
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the delivery id, if the scheme carries one */
    public Optional<String> delivery() {
        return Optional.ofNullable(deliveryId);
    }
}

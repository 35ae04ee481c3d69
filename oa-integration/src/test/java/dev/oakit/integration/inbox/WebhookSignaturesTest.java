package dev.oakit.integration.inbox;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.internal.inbox.WebhookSignatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each scheme against published test vectors where its spec has one, and every refusal naming the header and the fix. */
class WebhookSignaturesTest {
    // the Standard Webhooks specification's example
    static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String SW_TS = "1614265330";
    static final byte[] SW_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SW_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant SW_NOW = Instant.ofEpochSecond(1614265330);

    static Map<String, String> standard(String sig) {
        return Map.of("webhook-id", SW_ID, "webhook-timestamp", SW_TS, "webhook-signature", sig);
    }

    @Test
    void standardWebhooksSpecVector() {
        VerifiedWebhook w = WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, SW_SECRET), standard(SW_SIG), SW_BODY, SW_NOW);
        assertThat(w.deliveryId()).isEqualTo(SW_ID);
        assertThat(w.timestamp()).isEqualTo(SW_NOW);
        assertThat(w.text()).isEqualTo("{\"test\": 2432232314}");
        assertThat(WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, SW_SECRET),
                Map.of("Webhook-Id", SW_ID, "WEBHOOK-TIMESTAMP", SW_TS, "webhook-signature", "v1,bm90IGl0 " + SW_SIG), SW_BODY,
                SW_NOW.plusSeconds(299)).deliveryId()).as("header names in any case; several signatures, one matches").isEqualTo(SW_ID);
    }

    @Test
    void githubDocsVector() {
        // GitHub's "Validating webhook deliveries" example
        VerifiedWebhook w = WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.GITHUB, "It's a Secret to Everybody"),
                Map.of("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                        "X-GitHub-Delivery", "d-1"), "Hello, World!".getBytes(StandardCharsets.UTF_8), SW_NOW);
        assertThat(w.deliveryId()).isEqualTo("d-1");
        assertThat(w.timestamp()).isNull();
    }

    @Test
    void stripeAndFrappeComputedByAnIndependentImplementation() {
        // expected values computed with Python's hmac module, which both senders use or mirror
        byte[] stripeBody = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.STRIPE, "whsec_stripe_test"),
                Map.of("Stripe-Signature", "t=1700000000,v1=3826e3088bee80f3dc0258d293c6e80aaa38f598f828286de1d92ca0fd2d1e44,v0=abc"),
                stripeBody, Instant.ofEpochSecond(1700000100)).timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000));
        byte[] frappeBody = "{\"name\": \"PO-0001\", \"docstatus\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.FRAPPE, "frappe-secret"),
                Map.of("X-Frappe-Webhook-Signature", "DBZyymCXPmLH9U7KUj2jJcc6zqesGhoIjvLoSSPaUy8="), frappeBody, SW_NOW).deliveryId()).isNull();
    }

    @Test
    void rotationAcceptsTheOldAndTheNewSecret() {
        WebhookSpec rotating = WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, "whsec_bmV3LWtleS1uZXcta2V5", SW_SECRET);
        assertThat(WebhookSignatures.verify(rotating, standard(SW_SIG), SW_BODY, SW_NOW).deliveryId()).isEqualTo(SW_ID);
    }

    @Test
    void refusalsNameTheHeaderAndTheFix() {
        WebhookSpec spec = WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, SW_SECRET);
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, Map.of("webhook-id", SW_ID, "webhook-signature", SW_SIG), SW_BODY, SW_NOW))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(IntegrationErrors.WEBHOOK_HEADER)
                .hasMessageContaining("webhook-timestamp is missing");
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, standard(SW_SIG), SW_BODY, SW_NOW.plusSeconds(301)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(IntegrationErrors.WEBHOOK_TIMESTAMP)
                .hasMessageContaining("301 s behind").hasMessageContaining("clocks");
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, standard(SW_SIG), SW_BODY, SW_NOW.minusSeconds(301)))
                .hasMessageContaining("301 s ahead of");
        assertThat(WebhookSignatures.verify(spec.withTolerance(Duration.ofHours(1)), standard(SW_SIG), SW_BODY, SW_NOW.plusSeconds(3000)))
                .isNotNull();
        assertThatThrownBy(() -> WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, "whsec_b3RoZXI="),
                standard(SW_SIG), SW_BODY, SW_NOW)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining(IntegrationErrors.WEBHOOK_SIGNATURE).hasMessageContaining("webhook-signature")
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> WebhookSignatures.verify(spec.withMaxBodyBytes(10), standard(SW_SIG), SW_BODY, SW_NOW))
                .isInstanceOf(ValidationException.class).hasMessageContaining(IntegrationErrors.WEBHOOK_TOO_LARGE)
                .hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.GITHUB, "s"),
                Map.of("X-Hub-Signature-256", "sha1=abc"), SW_BODY, SW_NOW)).hasMessageContaining("X-Hub-Signature-256 must start with sha256=");
        assertThatThrownBy(() -> WebhookSignatures.verify(WebhookSpec.of(WebhookScheme.STRIPE, "s"),
                Map.of("Stripe-Signature", "v1=abcd"), SW_BODY, SW_NOW)).hasMessageContaining("Stripe-Signature needs t=");
        assertThatThrownBy(() -> WebhookSpec.of(WebhookScheme.STANDARD_WEBHOOKS, "plain")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("secrets[0]").hasMessageContaining("whsec_");
    }
}

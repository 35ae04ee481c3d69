package dev.oakit.integration.inbox;

import dev.oakit.integration.InboundSignatures;
import dev.oakit.integration.InboundSignatures.Limits;
import dev.oakit.integration.InboundSignatures.Scheme;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbound webhook signatures as each sender makes them, on the raw body. */
class InboundSignaturesTest {
    static final Instant NOW = Instant.ofEpochSecond(1614265330);
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void standardWebhooksAsInTheSpecificationsExample() {
        Map<String, String> headers = Map.of("Webhook-Id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,bm9ub3RyZWFs v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        var ok = InboundSignatures.verify(Scheme.STANDARD_WEBHOOKS, headers, bytes(BODY),
                Limits.of("whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbg==", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), NOW);
        assertThat(ok.valid()).as(ok.problem()).isTrue();
        assertThat(ok.deliveryId()).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertThat(ok.signedAt()).isEqualTo(NOW);

        var late = InboundSignatures.verify(Scheme.STANDARD_WEBHOOKS, headers, bytes(BODY),
                Limits.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), NOW.plus(Duration.ofMinutes(6)));
        assertThat(late.valid()).isFalse();
        assertThat(late.problem()).contains("webhook-timestamp").contains("more than PT5M");
        assertThat(InboundSignatures.verify(Scheme.STANDARD_WEBHOOKS, headers, bytes(BODY + " "),
                Limits.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), NOW).valid()).as("one more byte").isFalse();
    }

    @Test
    void stripeGithubAndFrappe() {
        String secret = "s3cret-s3cret";
        byte[] body = bytes(BODY);
        String stripe = hex(InboundSignatures.hmac(bytes(secret), bytes(NOW.getEpochSecond() + "." + BODY)));
        assertThat(InboundSignatures.verify(Scheme.STRIPE, Map.of("stripe-signature", "t=" + NOW.getEpochSecond() + ",v1=00ff,v1=" + stripe),
                body, Limits.of(secret), NOW).valid()).isTrue();
        assertThat(InboundSignatures.verify(Scheme.STRIPE, Map.of("Stripe-Signature", "t=" + (NOW.getEpochSecond() - 3600) + ",v1=" + stripe),
                body, Limits.of(secret), NOW).problem()).contains("Stripe-Signature t");

        String github = "sha256=" + hex(InboundSignatures.hmac(bytes(secret), body));
        assertThat(InboundSignatures.verify(Scheme.GITHUB, Map.of("X-Hub-Signature-256", github), body, Limits.of("old-secret", secret), NOW)
                .valid()).isTrue();
        assertThat(InboundSignatures.verify(Scheme.GITHUB, Map.of("X-Hub-Signature-256", github), body, Limits.of("old-secret"), NOW)
                .problem()).contains("X-Hub-Signature-256 matches no configured secret");

        String frappe = Base64.getEncoder().encodeToString(InboundSignatures.hmac(bytes(secret), body));
        assertThat(InboundSignatures.verify(Scheme.FRAPPE, Map.of("X-Frappe-Webhook-Signature", frappe), body, Limits.of(secret), NOW)
                .valid()).isTrue();
        assertThat(InboundSignatures.verify(Scheme.FRAPPE, Map.of(), body, Limits.of(secret), NOW).problem())
                .contains("X-Frappe-Webhook-Signature is required");
    }

    /** The use shown in docs/integration.md. */
    static boolean accept(Map<String, String> headers, byte[] rawBody) {
        // tag::verify[]
        InboundSignatures.Verification v = InboundSignatures.verify(InboundSignatures.Scheme.STANDARD_WEBHOOKS, headers, rawBody,
                InboundSignatures.Limits.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbg=="),
                Instant.now());
        if (!v.valid()) {
            return false;                 // answer 401 and log v.problem(): it names the header and what is wrong
        }
        // end::verify[]
        return true;
    }

    @Test
    void theDocsExampleAcceptsTheSpecificationsExample() {
        Map<String, String> headers = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp",
                Long.toString(Instant.now().getEpochSecond()), "webhook-signature", "v1,x");
        assertThat(accept(headers, bytes(BODY))).as("a wrong signature").isFalse();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeAnyHmac() {
        var r = InboundSignatures.verify(Scheme.GITHUB, Map.of(), new byte[2049], new Limits(List.of("k"), null, 2048), NOW);
        assertThat(r.problem()).contains("2049 bytes, more than the limit of 2048");
    }

    @Property(tries = 300)
    void aSignatureByAnyConfiguredSecretVerifiesAndAnyChangedByteDoesNot(@ForAll byte[] body, @ForAll @IntRange(max = 1) int which,
                                                                          @ForAll boolean tamper, @ForAll Scheme scheme) {
        List<String> secrets = List.of("new-secret-0123456789", "old-secret-9876543210");
        String secret = secrets.get(which);
        long t = NOW.getEpochSecond();
        byte[] signedBody = tamper && body.length > 0 ? body.clone() : body;
        Map<String, String> headers = switch (scheme) {
            case STANDARD_WEBHOOKS -> Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(t), "webhook-signature", "v1,"
                    + Base64.getEncoder().encodeToString(InboundSignatures.hmac(bytes(secret), concat(bytes("msg_1." + t + "."), signedBody))));
            case STRIPE -> Map.of("Stripe-Signature", "t=" + t + ",v1=" + hex(InboundSignatures.hmac(bytes(secret), concat(bytes(t + "."), signedBody))));
            case GITHUB -> Map.of("X-Hub-Signature-256", "sha256=" + hex(InboundSignatures.hmac(bytes(secret), signedBody)));
            case FRAPPE -> Map.of("X-Frappe-Webhook-Signature", Base64.getEncoder().encodeToString(InboundSignatures.hmac(bytes(secret), signedBody)));
        };
        byte[] received = body.clone();
        if (tamper && received.length > 0) {
            received[received.length / 2] ^= 1;
        }
        boolean changed = tamper && body.length > 0;
        assertThat(InboundSignatures.verify(scheme, headers, received, new Limits(secrets, null, null), NOW).valid()).isEqualTo(!changed);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

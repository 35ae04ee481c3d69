package dev.oakit.integration.inbox;

import dev.oakit.core.ForbiddenException;
import dev.oakit.integration.internal.inbox.WebhookSignatures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any change to the body, the timestamp or the signature is refused; any of the rotation secrets verifies. */
class WebhookProperties {
    static final long TS = 1_700_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(TS + 10);

    /** A request signed the way the scheme's sender signs it. */
    static Map<String, String> sign(WebhookScheme scheme, String secret, long ts, byte[] body) {
        byte[] key = WebhookSignatures.key(scheme, secret);
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(ts), "webhook-signature",
                    "v1," + Base64.getEncoder().encodeToString(WebhookSignatures.hmac(key, concat("msg_1." + ts + ".", body))));
            case STRIPE -> Map.of("Stripe-Signature", "t=" + ts + ",v1=" + HexFormat.of().formatHex(WebhookSignatures.hmac(key, concat(ts + ".", body))));
            case GITHUB -> Map.of("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(WebhookSignatures.hmac(key, body)));
            case FRAPPE -> Map.of("X-Frappe-Webhook-Signature", Base64.getEncoder().encodeToString(WebhookSignatures.hmac(key, body)));
        };
    }

    static byte[] concat(String prefix, byte[] body) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[p.length + body.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(body, 0, out, p.length, body.length);
        return out;
    }

    @Provide
    Arbitrary<List<String>> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(8).ofMaxSize(32)
                .map(b -> "whsec_" + Base64.getEncoder().encodeToString(b)).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    }

    @Property(tries = 200)
    void anyRotationSecretVerifies(@ForAll WebhookScheme scheme, @ForAll("secrets") List<String> secrets, @ForAll @Size(max = 200) byte[] body,
                                   @ForAll @IntRange(min = 0, max = 2) int which) {
        String signer = secrets.get(which % secrets.size());
        WebhookSpec spec = new WebhookSpec(scheme, secrets, WebhookSpec.DEFAULT_TOLERANCE, WebhookSpec.DEFAULT_MAX_BODY_BYTES);
        assertThat(WebhookSignatures.verify(spec, sign(scheme, signer, TS, body), body, NOW).text())
                .isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void aTamperedBodyIsRefused(@ForAll WebhookScheme scheme, @ForAll("secrets") List<String> secrets, @ForAll @Size(min = 1, max = 200) byte[] body,
                                @ForAll @IntRange(min = 0, max = 199) int at, @ForAll @IntRange(min = 1, max = 255) int flip) {
        WebhookSpec spec = new WebhookSpec(scheme, secrets, WebhookSpec.DEFAULT_TOLERANCE, WebhookSpec.DEFAULT_MAX_BODY_BYTES);
        Map<String, String> headers = sign(scheme, secrets.get(0), TS, body);
        byte[] tampered = body.clone();
        tampered[at % body.length] ^= (byte) flip;
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, headers, tampered, NOW)).isInstanceOf(ForbiddenException.class);
    }

    @Property(tries = 200)
    void aChangedTimestampIsRefused(@ForAll("timestamped") WebhookScheme scheme, @ForAll("secrets") List<String> secrets,
                                    @ForAll @Size(max = 100) byte[] body, @ForAll @IntRange(min = -250, max = 250) int shift) {
        if (shift == 0) {
            return;
        }
        WebhookSpec spec = new WebhookSpec(scheme, secrets, WebhookSpec.DEFAULT_TOLERANCE, WebhookSpec.DEFAULT_MAX_BODY_BYTES);
        Map<String, String> signed = sign(scheme, secrets.get(0), TS, body);
        Map<String, String> moved = new java.util.HashMap<>(signed);
        if (scheme == WebhookScheme.STANDARD_WEBHOOKS) {
            moved.put("webhook-timestamp", Long.toString(TS + shift));
        } else {
            moved.put("Stripe-Signature", signed.get("Stripe-Signature").replace("t=" + TS, "t=" + (TS + shift)));
        }
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, moved, body, NOW)).isInstanceOf(ForbiddenException.class);
    }

    @Property(tries = 300)
    void aTamperedSignatureIsRefused(@ForAll WebhookScheme scheme, @ForAll("secrets") List<String> secrets, @ForAll @Size(max = 100) byte[] body,
                                     @ForAll @IntRange(min = 0, max = 500) int at, @ForAll char replacement) {
        WebhookSpec spec = new WebhookSpec(scheme, secrets, WebhookSpec.DEFAULT_TOLERANCE, WebhookSpec.DEFAULT_MAX_BODY_BYTES);
        Map<String, String> signed = sign(scheme, secrets.get(0), TS, body);
        String header = scheme.signatureHeader();
        String sig = signed.get(header);
        int start = sig.lastIndexOf(scheme == WebhookScheme.FRAPPE ? ' ' : scheme == WebhookScheme.STANDARD_WEBHOOKS ? ',' : '=') + 1;
        int i = start + at % (sig.length() - start);
        boolean base64 = scheme == WebhookScheme.FRAPPE || scheme == WebhookScheme.STANDARD_WEBHOOKS;
        // the last base64 character before the padding carries two unused bits: changing only those is no change
        if (Character.toLowerCase(sig.charAt(i)) == Character.toLowerCase(replacement) || sig.charAt(i) == '='
                || base64 && i == sig.length() - 2) {
            return;
        }
        Map<String, String> tampered = new java.util.HashMap<>(signed);
        tampered.put(header, sig.substring(0, i) + replacement + sig.substring(i + 1));
        assertThatThrownBy(() -> WebhookSignatures.verify(spec, tampered, body, NOW)).isInstanceOf(ForbiddenException.class);
    }

    @Provide
    Arbitrary<WebhookScheme> timestamped() {
        return Arbitraries.of(WebhookScheme.STANDARD_WEBHOOKS, WebhookScheme.STRIPE);
    }
}

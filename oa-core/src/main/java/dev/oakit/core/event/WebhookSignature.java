package dev.oakit.core.event;

import org.apiguardian.api.API;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs and verifies OAKit webhooks. The signature is {@code sha256=<hex>} of
 * HMAC-SHA256(secret, {@code <timestamp>.<raw body>}), sent in {@value #SIGNATURE_HEADER} with the
 * epoch-second timestamp in {@value #TIMESTAMP_HEADER} and the stable delivery id in
 * {@value #DELIVERY_HEADER}. Receivers verify over the raw body, reject stale timestamps, and
 * de-duplicate by delivery id. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class WebhookSignature {
    /** Header carrying {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-OAKit-Signature";
    /** Header carrying the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-OAKit-Timestamp";
    /** Header carrying the stable delivery id ({@code <event id>:<relay id>}). */
    public static final String DELIVERY_HEADER = "X-OAKit-Delivery";
    /** Header carrying the event type. */
    public static final String EVENT_HEADER = "X-OAKit-Event";

    private WebhookSignature() {
    }

    /** @return {@code sha256=<hex>} for the timestamp and body */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
        }
    }

    /**
     * @return true if the signature matches and the timestamp is within {@code tolerance} of {@code now}
     */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader,
                                 Instant now, Duration tolerance) {
        if (secret == null || timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, ts, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}

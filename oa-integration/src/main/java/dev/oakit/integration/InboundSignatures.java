package dev.oakit.integration;

import org.apiguardian.api.API;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies inbound webhooks on their raw body, as the senders sign them: Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), Stripe-style
 * ({@code Stripe-Signature: t=…,v1=…}), GitHub-style ({@code X-Hub-Signature-256: sha256=…}) and
 * Frappe / ERPNext ({@code X-Frappe-Webhook-Signature}, base64). Comparisons are constant-time;
 * several secrets are tried (during a rotation, the new and the old); a signed timestamp outside
 * the tolerance and a body over the size limit are refused. A pure function: no I/O, thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class InboundSignatures {
    /** How a sender signs. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public enum Scheme {
        /** standardwebhooks.com: HMAC-SHA256 over {@code id.timestamp.body}, base64, {@code v1,<sig>} (several, space-separated); secrets {@code whsec_<base64>}. */
        STANDARD_WEBHOOKS,
        /** Stripe: {@code t=<epoch>,v1=<hex>} (several v1), HMAC-SHA256 over {@code t.body}. */
        STRIPE,
        /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 over the body; no timestamp. */
        GITHUB,
        /** Frappe / ERPNext: {@code X-Frappe-Webhook-Signature: <base64>}, HMAC-SHA256 over the body; no timestamp. */
        FRAPPE
    }

    /**
     * What a verification found.
     *
     * @param valid whether a secret's signature matched and every limit held
     * @param deliveryId the sender's delivery id when the scheme has one ({@code webhook-id}), else null
     * @param signedAt the signed timestamp when the scheme has one, else null
     * @param problem why it was refused, naming the header; null when valid
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public record Verification(boolean valid, String deliveryId, Instant signedAt, String problem) {
        static Verification refused(String problem) {
            return new Verification(false, null, null, problem);
        }
    }

    /**
     * The limits of a verification.
     *
     * @param secrets the shared secrets, newest first; at least one
     * @param tolerance how far a signed timestamp may be from now, either way (default 5 minutes)
     * @param maxBytes the largest body accepted (default 1 MiB)
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public record Limits(List<String> secrets, Duration tolerance, Integer maxBytes) {
        /** Checks the components and fills defaults. */
        public Limits {
            secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("secrets: give at least one");
            }
            tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
            maxBytes = maxBytes == null ? 1 << 20 : maxBytes;
        }

        /** @return limits with the defaults */
        public static Limits of(String... secrets) {
            return new Limits(List.of(secrets), null, null);
        }
    }

    private InboundSignatures() {
    }

    /**
     * @param scheme how the sender signs
     * @param headers the request's headers (names in any case; the first value counts)
     * @param rawBody the body exactly as received
     * @param limits secrets, tolerance and size limit
     * @param now the current time
     * @return the verification; never throws for a bad request
     */
    public static Verification verify(Scheme scheme, Map<String, String> headers, byte[] rawBody, Limits limits, Instant now) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        if (rawBody.length > limits.maxBytes()) {
            return Verification.refused("the body has " + rawBody.length + " bytes, more than the limit of " + limits.maxBytes());
        }
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> standard(h, rawBody, limits, now);
            case STRIPE -> stripe(h, rawBody, limits, now);
            case GITHUB -> plain(h.get("X-Hub-Signature-256"), "X-Hub-Signature-256", "sha256=", false, rawBody, limits);
            case FRAPPE -> plain(h.get("X-Frappe-Webhook-Signature"), "X-Frappe-Webhook-Signature", "", true, rawBody, limits);
        };
    }

    private static Verification standard(Map<String, String> h, byte[] body, Limits limits, Instant now) {
        String id = h.get("webhook-id");
        String ts = h.get("webhook-timestamp");
        String sig = h.get("webhook-signature");
        if (id == null || ts == null || sig == null) {
            return Verification.refused("webhook-id, webhook-timestamp and webhook-signature are required");
        }
        Instant at = epoch(ts);
        String late = timely("webhook-timestamp", at, limits, now);
        if (late != null) {
            return Verification.refused(late);
        }
        byte[] signed = concat((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body);
        List<byte[]> given = new ArrayList<>();
        for (String part : sig.trim().split(" +")) {
            if (part.startsWith("v1,")) {
                given.add(base64(part.substring(3)));
            }
        }
        for (String secret : limits.secrets()) {
            byte[] key = secret.startsWith("whsec_") ? base64(secret.substring(6)) : secret.getBytes(StandardCharsets.UTF_8);
            if (key != null && anyEqual(hmac(key, signed), given)) {
                return new Verification(true, id, at, null);
            }
        }
        return Verification.refused("no v1 signature in webhook-signature matches a configured secret");
    }

    private static Verification stripe(Map<String, String> h, byte[] body, Limits limits, Instant now) {
        String header = h.get("Stripe-Signature");
        if (header == null) {
            return Verification.refused("Stripe-Signature is required");
        }
        String ts = null;
        List<byte[]> given = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                ts = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                given.add(hex(kv[1]));
            }
        }
        if (ts == null) {
            return Verification.refused("Stripe-Signature has no t=<timestamp>");
        }
        Instant at = epoch(ts);
        String late = timely("Stripe-Signature t", at, limits, now);
        if (late != null) {
            return Verification.refused(late);
        }
        byte[] signed = concat((ts + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String secret : limits.secrets()) {
            if (anyEqual(hmac(secret.getBytes(StandardCharsets.UTF_8), signed), given)) {
                return new Verification(true, null, at, null);
            }
        }
        return Verification.refused("no v1 signature in Stripe-Signature matches a configured secret");
    }

    private static Verification plain(String header, String name, String prefix, boolean base64, byte[] body, Limits limits) {
        if (header == null || !header.startsWith(prefix)) {
            return Verification.refused(name + " is required" + (prefix.isEmpty() ? "" : ", as " + prefix + "<signature>"));
        }
        String value = header.substring(prefix.length()).trim();
        byte[] given = base64 ? base64(value) : hex(value);
        for (String secret : limits.secrets()) {
            if (anyEqual(hmac(secret.getBytes(StandardCharsets.UTF_8), body), given == null ? List.of() : List.of(given))) {
                return new Verification(true, null, null, null);
            }
        }
        return Verification.refused(name + " matches no configured secret");
    }

    private static String timely(String header, Instant at, Limits limits, Instant now) {
        if (at == null) {
            return header + " is not a number of epoch seconds";
        }
        if (Duration.between(at, now).abs().compareTo(limits.tolerance()) > 0) {
            return header + " " + at + " is more than " + limits.tolerance() + " from now (" + now + "); a replay or a wrong clock";
        }
        return null;
    }

    /** @return the HMAC-SHA256 of {@code data} with {@code key} */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static boolean anyEqual(byte[] expected, List<byte[]> given) {
        boolean match = false;
        for (byte[] g : given) {
            match |= g != null && MessageDigest.isEqual(expected, g);
        }
        return match;
    }

    private static Instant epoch(String s) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

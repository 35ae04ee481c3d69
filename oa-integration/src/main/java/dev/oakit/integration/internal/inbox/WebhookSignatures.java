package dev.oakit.integration.internal.inbox;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.inbox.VerifiedWebhook;
import dev.oakit.integration.inbox.WebhookScheme;
import dev.oakit.integration.inbox.WebhookSpec;

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
import java.util.TreeMap;

/** Verifies a webhook of each scheme on its raw body: a pure function of the spec, the request and the time. */
public final class WebhookSignatures {
    private WebhookSignatures() {
    }

    /** What one scheme signs and the signatures the request offers. */
    private record Signed(byte[] content, List<byte[]> offered, String deliveryId, Instant timestamp) {
    }

    /** @return the verified webhook; throws as {@code Inbox.verify} documents */
    public static VerifiedWebhook verify(WebhookSpec spec, Map<String, String> headers, byte[] body, Instant now) {
        if (body.length > spec.maxBodyBytes()) {
            throw new ValidationException(IntegrationErrors.WEBHOOK_TOO_LARGE, spec.scheme() + " webhook",
                    List.of(new ValidationException.Problem("body", "the body has " + body.length + " bytes, more than the limit of "
                            + spec.maxBodyBytes() + "; raise WebhookSpec.maxBodyBytes if the sender's deliveries are this large")));
        }
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                h.put(k, v.trim());
            }
        });
        Signed signed = switch (spec.scheme()) {
            case STANDARD_WEBHOOKS -> standard(h, body);
            case STRIPE -> stripe(h, body);
            case GITHUB -> new Signed(body, List.of(hex(spec.scheme(), strip(required(h, "X-Hub-Signature-256"), "sha256=",
                    "X-Hub-Signature-256"))), h.get("X-GitHub-Delivery"), null);
            case FRAPPE -> new Signed(body, List.of(base64(spec.scheme(), required(h, "X-Frappe-Webhook-Signature"))), null, null);
        };
        if (signed.timestamp() != null) {
            Duration off = Duration.between(signed.timestamp(), now);
            if (off.abs().compareTo(spec.tolerance()) > 0) {
                throw new ForbiddenException(IntegrationErrors.WEBHOOK_TIMESTAMP, "the signed timestamp of this " + spec.scheme()
                        + " webhook (" + signed.timestamp() + ") is " + off.abs().toSeconds() + " s " + (off.isNegative() ? "ahead of" : "behind")
                        + " now (" + now + "), outside the tolerance of " + spec.tolerance() + "; a replayed or delayed delivery is refused:"
                        + " have the sender send it again, or check the clocks of both sides");
            }
        }
        for (String secret : spec.secrets()) {
            byte[] expected = hmac(key(spec.scheme(), secret), signed.content());
            for (byte[] offered : signed.offered()) {
                if (MessageDigest.isEqual(expected, offered)) {
                    return new VerifiedWebhook(spec.scheme(), signed.deliveryId(), signed.timestamp(), body);
                }
            }
        }
        throw new ForbiddenException(IntegrationErrors.WEBHOOK_SIGNATURE, "the " + spec.scheme().signatureHeader() + " signature does not"
                + " match the body with any of the " + spec.secrets().size() + " configured secret(s); check that the secret equals the"
                + " sender's (add the new one while rotating) and that the raw body is verified before any parsing");
    }

    /** @return the HMAC-SHA256 of the content */
    public static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** @return the HMAC key of a configured secret */
    public static byte[] key(WebhookScheme scheme, String secret) {
        if (scheme != WebhookScheme.STANDARD_WEBHOOKS) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(secret.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("secrets", "the Standard Webhooks secret after whsec_ is not base64; copy it as the sender shows it");
        }
    }

    private static Signed standard(Map<String, String> h, byte[] body) {
        String id = required(h, "webhook-id");
        String ts = required(h, "webhook-timestamp");
        Instant at = Instant.ofEpochSecond(seconds(ts, "webhook-timestamp"));
        List<byte[]> offered = new ArrayList<>();
        for (String part : required(h, "webhook-signature").split(" ")) {
            if (part.startsWith("v1,")) {
                offered.add(base64(WebhookScheme.STANDARD_WEBHOOKS, part.substring(3)));
            }
        }
        if (offered.isEmpty()) {
            throw header("webhook-signature", "has no v1,<base64> signature; only v1 (HMAC-SHA256) is supported");
        }
        return new Signed(concat((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body), offered, id, at);
    }

    private static Signed stripe(Map<String, String> h, byte[] body) {
        String t = null;
        List<byte[]> offered = new ArrayList<>();
        for (String part : required(h, "Stripe-Signature").split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq).trim();
            String v = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (k.equals("t")) {
                t = v;
            } else if (k.equals("v1")) {
                offered.add(hex(WebhookScheme.STRIPE, v));
            }
        }
        if (t == null || offered.isEmpty()) {
            throw header("Stripe-Signature", "needs t=<unix seconds> and at least one v1=<hex>");
        }
        Instant at = Instant.ofEpochSecond(seconds(t, "Stripe-Signature t"));
        return new Signed(concat((t + ".").getBytes(StandardCharsets.UTF_8), body), offered, null, at);
    }

    private static String required(Map<String, String> h, String name) {
        String v = h.get(name);
        if (v == null || v.isEmpty()) {
            throw header(name, "is missing; the sender must sign its webhooks (enable the signing secret there) and any proxy"
                    + " in between must pass the header on");
        }
        return v;
    }

    private static String strip(String value, String prefix, String name) {
        if (!value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            throw header(name, "must start with " + prefix);
        }
        return value.substring(prefix.length());
    }

    private static long seconds(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw header(name, "is not Unix seconds: " + (v.length() > 40 ? v.substring(0, 40) + "..." : v));
        }
    }

    /** A malformed signature value can only fail to match: it decodes to no bytes. */
    private static byte[] hex(WebhookScheme scheme, String v) {
        try {
            return HexFormat.of().parseHex(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] base64(WebhookScheme scheme, String v) {
        try {
            return Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static ForbiddenException header(String name, String what) {
        return new ForbiddenException(IntegrationErrors.WEBHOOK_HEADER, "the webhook header " + name + " " + what);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

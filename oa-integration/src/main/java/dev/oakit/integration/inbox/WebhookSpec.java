package dev.oakit.integration.inbox;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a webhook endpoint accepts: the scheme, the secrets valid now (several while a secret is
 * being rotated: the old and the new one), how far a signed timestamp may be from now, and the
 * largest body. Immutable.
 *
 * @param scheme how the sender signs; never null
 * @param secrets the shared secrets, at least one; for {@link WebhookScheme#STANDARD_WEBHOOKS} each
 *     is {@code whsec_<base64>}, for the others the secret text as configured at the sender
 * @param tolerance how far the signed timestamp may be before or after now; positive
 * @param maxBodyBytes the largest body accepted, in bytes; positive
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WebhookSpec(WebhookScheme scheme, List<String> secrets, Duration tolerance, int maxBodyBytes) {
    /** Five minutes, as the Standard Webhooks and Stripe libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** One MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** Checks every component. */
    public WebhookSpec {
        Objects.requireNonNull(scheme, "scheme");
        if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw ValidationException.of("secrets", "give at least one webhook secret, none blank (the secret configured at the sender)");
        }
        secrets = List.copyOf(secrets);
        if (scheme == WebhookScheme.STANDARD_WEBHOOKS) {
            for (int i = 0; i < secrets.size(); i++) {
                if (!secrets.get(i).startsWith("whsec_")) {
                    throw ValidationException.of("secrets[" + i + "]", "a Standard Webhooks secret starts with whsec_ followed by"
                            + " the base64 key; copy it as the sender shows it");
                }
            }
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw ValidationException.of("tolerance", "give a positive tolerance, e.g. " + DEFAULT_TOLERANCE);
        }
        if (maxBodyBytes <= 0) {
            throw ValidationException.of("maxBodyBytes", "give a positive limit, e.g. " + DEFAULT_MAX_BODY_BYTES);
        }
    }

    /** @return a spec with the default tolerance and size limit */
    public static WebhookSpec of(WebhookScheme scheme, String... secrets) {
        return new WebhookSpec(scheme, secrets == null ? null : List.of(secrets), DEFAULT_TOLERANCE, DEFAULT_MAX_BODY_BYTES);
    }

    /** @return this spec with another timestamp tolerance */
    public WebhookSpec withTolerance(Duration t) {
        return new WebhookSpec(scheme, secrets, t, maxBodyBytes);
    }

    /** @return this spec with another size limit */
    public WebhookSpec withMaxBodyBytes(int max) {
        return new WebhookSpec(scheme, secrets, tolerance, max);
    }

    @Override
    public String toString() {
        return "WebhookSpec[" + scheme + ", " + secrets.size() + " secret(s), tolerance " + tolerance + ", max " + maxBodyBytes + " bytes]";
    }
}

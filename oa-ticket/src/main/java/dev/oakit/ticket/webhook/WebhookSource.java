package dev.oakit.ticket.webhook;

import dev.oakit.ticket.Priority;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One webhook / IM source, from {@code ticket-channels.webhooks[i]}.
 *
 * @param name the source's key (the host usually takes it from the path); lower-case letters, digits, '-' and '_'
 * @param tenant the tenant its tickets belong to
 * @param secret the HMAC-SHA256 secret shared with the sender, at least 16 characters; never logged
 * @param tolerance how far the request's timestamp may be from OAKit's clock (default 5 minutes, at most 1 hour)
 * @param type ticket type of tickets it opens
 * @param queue queue of those tickets, or null for the type's dispatch / default queue
 * @param category default category key, or null
 * @param priority default priority, or null for the type's default
 * @param requester default requester (an internal user id) when the payload names none; null to require one in the payload
 * @param mapping where the payload keeps each value
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WebhookSource(String name, String tenant, String secret, Duration tolerance, String type, String queue, String category,
                            Priority priority, String requester, WebhookMapping mapping) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** Fills defaults; does not throw (see {@link #problems}). */
    public WebhookSource {
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    }

    /** @return a source with the default tolerance and no defaults for queue, category, priority and requester */
    public static WebhookSource of(String name, String tenant, String secret, String type, WebhookMapping mapping) {
        return new WebhookSource(name, tenant, secret, null, type, null, null, null, null, mapping);
    }

    /** @return a copy with a default requester */
    public WebhookSource withRequester(String userId) {
        return new WebhookSource(name, tenant, secret, tolerance, type, queue, category, priority, userId, mapping);
    }

    /** @return one message per bad field, naming it under {@code path}; empty when usable */
    public List<String> problems(String path) {
        List<String> p = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            p.add(path + ".name must be 1 to 64 lower-case letters, digits, '-' or '_', was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (tenant == null || tenant.isBlank()) {
            p.add(path + ".tenant is required");
        }
        if (type == null || type.isBlank()) {
            p.add(path + ".type is required");
        }
        if (secret == null || secret.length() < 16) {
            p.add(path + ".secret is required and must have at least 16 characters");
        }
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(Duration.ofHours(1)) > 0) {
            p.add(path + ".tolerance must be positive and at most PT1H, was " + tolerance);
        }
        if (mapping == null) {
            p.add(path + ".mapping is required (JSON pointers for externalId and title at least)");
        } else {
            p.addAll(mapping.problems(path + ".mapping"));
        }
        return p;
    }

    /** Hides the secret. */
    @Override
    public String toString() {
        return "WebhookSource[" + name + " → tenant " + tenant + ", type " + type + "]";
    }
}

package dev.oakit.core.notify;

import org.apiguardian.api.API;

import java.util.Locale;
import java.util.Objects;

/**
 * A template rendered with a notification's variables: what a channel sends.
 *
 * @param templateKey the template's key
 * @param locale the locale of the template that was used (after fallback)
 * @param subject rendered subject (email subject, robot title); never null, may be empty
 * @param body rendered plain-text / markdown body; never null
 * @param html rendered HTML body for email, variables HTML-escaped; null when the template has none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RenderedMessage(String templateKey, Locale locale, String subject, String body, String html) {
    /** Checks for null. */
    public RenderedMessage {
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}

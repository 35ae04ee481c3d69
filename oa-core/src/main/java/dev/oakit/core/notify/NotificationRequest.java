package dev.oakit.core.notify;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to send to whom.
 *
 * @param templateKey the template's key; non-blank, at most 100 characters
 * @param recipients user ids, 1 to 1,000, duplicates removed (order kept)
 * @param variables values for the template's {@code {{placeholders}}}; null for none; values may be nested maps
 * @param locale wanted locale, or null for the configured default ({@code zh-CN})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NotificationRequest(String templateKey, List<String> recipients, Map<String, Object> variables, Locale locale) {
    /** Maximum recipients of one request. */
    public static final int MAX_RECIPIENTS = 1000;

    /** Validates and copies the components. */
    public NotificationRequest {
        Checks.text("templateKey", templateKey, 100);
        Checks.elements("recipients", recipients);
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw ValidationException.of("recipients", "must hold 1 to " + MAX_RECIPIENTS + " user ids, held " + recipients.size());
        }
        for (int i = 0; i < recipients.size(); i++) {
            Checks.id("recipients[" + i + "]", recipients.get(i));
        }
        recipients = List.copyOf(new LinkedHashSet<>(recipients));
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** @return a request in the default locale */
    public static NotificationRequest of(String templateKey, List<String> recipients, Map<String, Object> variables) {
        return new NotificationRequest(templateKey, recipients, variables, null);
    }

    /** @return a copy with the locale set */
    public NotificationRequest withLocale(Locale locale) {
        return new NotificationRequest(templateKey, new ArrayList<>(recipients), variables, locale);
    }
}

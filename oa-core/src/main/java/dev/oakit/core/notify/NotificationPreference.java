package dev.oakit.core.notify;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which channels one user receives one template's notifications on. The preference for the
 * template key wins over the one for {@value #ANY_KEY}, which wins over the configured default
 * channels. A disabled preference mutes the key.
 *
 * @param userId the user; non-blank, at most 64 characters
 * @param key a template key or {@value #ANY_KEY}; at most 100 characters
 * @param channels channel ids, duplicates removed; never null
 * @param enabled false to receive nothing for the key
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NotificationPreference(String userId, String key, List<String> channels, boolean enabled) {
    /** The key of a user's preference for every template without its own. */
    public static final String ANY_KEY = "*";

    /** Validates and copies the components. */
    public NotificationPreference {
        Checks.id("userId", userId);
        Checks.text("key", key, 100);
        Checks.elements("channels", channels);
        for (int i = 0; i < channels.size(); i++) {
            Checks.id("channels[" + i + "]", channels.get(i));
            if (channels.get(i).contains(",")) {
                throw dev.oakit.core.ValidationException.of("channels[" + i + "]", "must not contain ','");
            }
        }
        channels = List.copyOf(new LinkedHashSet<>(channels));
    }
}

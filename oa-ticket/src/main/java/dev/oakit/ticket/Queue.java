package dev.oakit.ticket;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A queue (team) that handles tickets.
 *
 * @param key queue key, at most 64 characters
 * @param name display name
 * @param calendar the business calendar of its working hours, or null for the plugin's calendar
 * @param active false: no new tickets go to it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Queue(String key, String name, String calendar, boolean active) {
    /** Validates. */
    public Queue {
        Checks.id("key", key);
        Checks.text("name", name, 200);
        Checks.optionalText("calendar", calendar, 64);
    }

    /** @return an active queue on the plugin's calendar */
    public static Queue of(String key, String name) {
        return new Queue(key, name, null, true);
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A node of the category tree (故障类别), also used as fault cause in statistics.
 *
 * @param key category key, at most 64 characters
 * @param parentKey the parent's key, or null for a root
 * @param name display name
 * @param active false hides it from new tickets (existing tickets keep it)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Category(String key, String parentKey, String name, boolean active) {
    /** Validates. */
    public Category {
        Checks.id("key", key);
        Checks.optionalText("parentKey", parentKey, 64);
        Checks.text("name", name, 200);
    }

    /** @return an active category */
    public static Category of(String key, String parentKey, String name) {
        return new Category(key, parentKey, name, true);
    }
}

package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import java.util.function.ToLongFunction;

/**
 * An entry of the navigation: a message key for its label, the path it opens, and optionally a count shown as a
 * badge (todo, unread cc ...), computed per request for the signed-in actor.
 *
 * @param count null for no badge
 * @param adminsOnly shown to administrators only (the page itself refuses others all the same)
 */
public record NavItem(String labelKey, String path, ToLongFunction<Actor> count, boolean adminsOnly) {
    /** An entry everybody sees. */
    public NavItem(String labelKey, String path, ToLongFunction<Actor> count) {
        this(labelKey, path, count, false);
    }

    /** @return an entry without a badge, shown to administrators only */
    public static NavItem forAdmins(String labelKey, String path) {
        return new NavItem(labelKey, path, null, true);
    }

    /** @return an entry without a badge */
    public static NavItem of(String labelKey, String path) {
        return new NavItem(labelKey, path, null);
    }
}

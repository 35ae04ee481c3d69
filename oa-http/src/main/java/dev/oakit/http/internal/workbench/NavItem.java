package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * An entry of the navigation: a message key for its label, the path it opens, and optionally a count shown as a
 * badge (todo, unread cc ...), computed per request for the signed-in actor.
 *
 * @param count null for no badge
 * @param shownTo who sees the entry, asked per request (the page itself refuses others all the same); null for everybody
 */
public record NavItem(String labelKey, String path, ToLongFunction<Actor> count, Predicate<Actor> shownTo) {
    /** An entry everybody sees. */
    public NavItem(String labelKey, String path, ToLongFunction<Actor> count) {
        this(labelKey, path, count, null);
    }

    /** @return an entry without a badge, shown to administrators only */
    public static NavItem forAdmins(String labelKey, String path) {
        return new NavItem(labelKey, path, null, Actor::isAdmin);
    }

    /** @return an entry without a badge, shown to those the predicate (the engine's answer) lets in */
    public static NavItem shownTo(String labelKey, String path, Predicate<Actor> who) {
        return new NavItem(labelKey, path, null, who);
    }

    /** @return an entry without a badge */
    public static NavItem of(String labelKey, String path) {
        return new NavItem(labelKey, path, null);
    }

    /** @return whether the actor sees the entry */
    public boolean shows(Actor actor) {
        return shownTo == null || shownTo.test(actor);
    }
}

package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What every template gets as {@code ui}: the language and its messages ({@code messages_zh/en.properties}), links
 * relative to the mount point, the CSRF token, the signed-in user and the navigation.
 */
public final class Ui {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Locale locale;
    private final ResourceBundle messages;
    private final String base;
    private final String path;
    private final String query;
    private final String csrf;
    private final Actor actor;
    private final List<NavLink> nav;
    private final String flash;
    private final ZoneId zone;
    private final boolean demo;

    /** A navigation entry as shown: label, link, badge (null for none), whether it is the current page's. */
    public record NavLink(String label, String href, Long count, boolean active) {
    }

    Ui(Locale locale, ResourceBundle messages, String base, String path, String query, String csrf, Actor actor, List<NavLink> nav,
       String flash, ZoneId zone, boolean demo) {
        this.locale = locale;
        this.messages = messages;
        this.base = base;
        this.path = path;
        this.query = query;
        this.csrf = csrf;
        this.actor = actor;
        this.nav = nav;
        this.flash = flash;
        this.zone = zone;
        this.demo = demo;
    }

    /** @return {@code zh} or {@code en} */
    public String lang() {
        return locale.getLanguage();
    }

    /** @return the message for the key; the key itself in brackets when missing (so a gap shows, never fails) */
    public String t(String key) {
        try {
            return messages.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
    }

    /** @return the message for the key with {@link MessageFormat} arguments ({@code {0}}) */
    public String t(String key, Object... args) {
        return new MessageFormat(t(key), locale).format(args);
    }

    /** @return the message for {@code prefix + value} when there is one, else the value (enum labels: {@code status.RUNNING}) */
    public String label(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        return messages.containsKey(prefix + value) ? messages.getString(prefix + value) : value.toString();
    }

    /** @return the link to a workbench path ({@code /approvals/todo}), with the mount point in front */
    public String href(String workbenchPath) {
        return base + workbenchPath;
    }

    /**
     * @return the link to the current page with one query parameter set (the pager keeps the filters);
     *     the flash message is dropped
     */
    public String hrefWith(String name, Object value) {
        StringBuilder q = new StringBuilder();
        if (query != null) {
            for (String part : query.split("&")) {
                if (!part.isEmpty() && !part.startsWith(name + "=") && !part.startsWith("msg=")) {
                    q.append(part).append('&');
                }
            }
        }
        q.append(name).append('=').append(java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8));
        return base + path + "?" + q;
    }

    /** @return the current workbench path */
    public String path() {
        return path;
    }

    /** @return the CSRF token every form sends as {@code _csrf} (and htmx as the header {@code X-CSRF-Token}) */
    public String csrf() {
        return csrf;
    }

    /** @return the value of the body's {@code hx-headers}: the CSRF header for every htmx request */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
    }

    /** @return the signed-in actor, or null on the login page */
    public Actor actor() {
        return actor;
    }

    /** @return the signed-in user's id, or null */
    public String user() {
        return actor == null ? null : actor.userId();
    }

    /** @return whether the signed-in user administers the tenant */
    public boolean admin() {
        return actor != null && actor.isAdmin();
    }

    /** @return the navigation entries with their badges */
    public List<NavLink> nav() {
        return nav;
    }

    /** @return the message to show once after an action ({@code ?msg=approved} → {@code flash.approved}), or null */
    public String flash() {
        return flash == null ? null : label("flash.", flash);
    }

    /** @return whether the demo login is on (the layout then shows "sign out" and a switch-user link) */
    public boolean demo() {
        return demo;
    }

    /** @return the time in the workbench's zone, {@code yyyy-MM-dd HH:mm}; empty for null */
    public String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }
}

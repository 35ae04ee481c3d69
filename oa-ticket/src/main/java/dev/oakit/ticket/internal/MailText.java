package dev.oakit.ticket.internal;

import dev.oakit.core.spi.DatabaseProduct;
import dev.oakit.core.spi.OaDatabase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Makes text from outside storable in every supported database, so a mail can never fail on its
 * characters: PostgreSQL refuses NUL in text, no database keeps a lone UTF-16 surrogate (the
 * drivers turn it into '?'), and MariaDB/MySQL refuse characters outside the Basic Multilingual
 * Plane (emoji) in {@code utf8}/{@code utf8mb3} columns. Each of these becomes U+FFFD, as do the
 * other C0 control characters except tab, line feed and carriage return; a single-line value
 * (subject, name, address, Message-ID) also turns those three into spaces.
 */
@Singleton
final class MailText {
    static final char REPLACEMENT = '\uFFFD';

    private volatile Boolean bmpOnly;

    private final OaDatabase database;

    @Inject
    MailText(OaDatabase database) {
        this.database = database;
    }

    /**
     * @return true when OAKit's tables on this database keep only BMP characters: MariaDB/MySQL
     *     with any {@code oa_} text column in another character set than utf8mb4 (read once)
     */
    boolean bmpOnly(Handle h) {
        Boolean b = bmpOnly;
        if (b == null) {
            b = detect(h);
            bmpOnly = b;
        }
        return b;
    }

    /** @return {@link #bmpOnly}'s answer when it was read before, else null */
    Boolean bmpOnlyIfKnown() {
        return bmpOnly;
    }

    private boolean detect(Handle h) {
        if (database.product() != DatabaseProduct.MARIADB) {
            return false;
        }
        return h.createQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'oa!_%' ESCAPE '!'"
                        + " AND CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME <> 'utf8mb4'")
                .mapTo(Long.class).one() > 0;
    }

    /** @return the text with what a database cannot store replaced by U+FFFD; null stays null */
    static String text(String s, boolean bmpOnly) {
        return clean(s, bmpOnly, false);
    }

    /** @return {@link #text}, with tabs and line breaks as spaces, for one-line values */
    static String line(String s, boolean bmpOnly) {
        return clean(s, bmpOnly, true);
    }

    private static String clean(String s, boolean bmpOnly, boolean oneLine) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            char r;
            if (pair) {
                if (!bmpOnly) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                r = REPLACEMENT;
            } else if (Character.isSurrogate(c)) {
                r = REPLACEMENT;
            } else if (c == '\t' || c == '\n' || c == '\r') {
                r = oneLine ? ' ' : c;
            } else if (c < 0x20) {
                r = REPLACEMENT;
            } else {
                r = c;
            }
            if (r != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(r);
            }
            if (pair) {
                i++; // a replaced pair is one character
            }
        }
        return out == null ? s : out.toString();
    }
}

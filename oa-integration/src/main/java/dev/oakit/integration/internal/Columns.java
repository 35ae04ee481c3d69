package dev.oakit.integration.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Values as the integration tables store them: instants as UTC timestamps, texts cut to their column's length. */
public final class Columns {
    private Columns() {
    }

    /** @return the instant as the UTC timestamp the columns hold; null for null */
    public static LocalDateTime db(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** @return the instant of a UTC timestamp column; null for SQL NULL */
    public static Instant instant(ResultSet rs, String col) throws SQLException {
        LocalDateTime t = rs.getObject(col, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** @return at most {@code max} chars of the text (null stays null), never half of a surrogate pair */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}

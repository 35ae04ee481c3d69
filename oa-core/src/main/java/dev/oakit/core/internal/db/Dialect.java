package dev.oakit.core.internal.db;

import java.util.Locale;
import java.util.Map;

/** The databases OAKit supports and what differs between them. */
public enum Dialect {
    H2("TIMESTAMP(6)", "CLOB", "BIGINT AUTO_INCREMENT PRIMARY KEY", "BOOLEAN", false),
    POSTGRESQL("TIMESTAMP(6)", "TEXT", "BIGSERIAL PRIMARY KEY", "BOOLEAN", true),
    MARIADB("DATETIME(6)", "LONGTEXT", "BIGINT AUTO_INCREMENT PRIMARY KEY", "BOOLEAN", true);

    private final String ts;
    private final String text;
    private final String id;
    private final String bool;
    private final boolean skipLocked;

    Dialect(String ts, String text, String id, String bool, boolean skipLocked) {
        this.ts = ts;
        this.text = text;
        this.id = id;
        this.bool = bool;
        this.skipLocked = skipLocked;
    }

    /** @return true when {@code FOR UPDATE SKIP LOCKED} is available */
    public boolean supportsSkipLocked() {
        return skipLocked;
    }

    /** @return Flyway placeholders for portable migrations */
    public Map<String, String> placeholders() {
        return Map.of("ts", ts, "text", text, "id", id, "bool", bool);
    }

    /** @return the product as plugins see it ({@link dev.oakit.core.spi.OaDatabase}) */
    public dev.oakit.core.spi.DatabaseProduct product() {
        return dev.oakit.core.spi.DatabaseProduct.valueOf(name());
    }

    /** Maps a JDBC product name to a dialect: the only place OAKit reads it (plugins ask {@link dev.oakit.core.spi.OaDatabase}). */
    public static Dialect fromProductName(String productName) {
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported database '" + productName + "'; OAKit supports H2, PostgreSQL, MySQL and MariaDB");
    }

    /** @return true if the SQL state or vendor code means a duplicate key */
    public static boolean isDuplicateKey(java.sql.SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                String state = s.getSQLState();
                if ("23505".equals(state) || s.getErrorCode() == 1062 || s.getErrorCode() == 23505
                        || ("23000".equals(state) && s.getErrorCode() == 1062)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return true if the error is a transient lock conflict worth retrying (deadlock, serialization, lock timeout) */
    public static boolean isTransient(java.sql.SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("40") || "HYT00".equals(state) || "55P03".equals(state))) {
                    return true;
                }
                int code = s.getErrorCode();
                if (code == 1213 || code == 1205 || code == 40001 || code == 50200) {
                    return true;
                }
            }
        }
        return false;
    }
}

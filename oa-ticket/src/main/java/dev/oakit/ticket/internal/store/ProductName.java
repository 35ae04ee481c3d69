package dev.oakit.ticket.internal.store;

import org.jdbi.v3.core.Handle;

/** The database's product name in lower case, read from the JDBC metadata once per holder (one OAKit runs on one database). */
final class ProductName {
    private volatile String known;

    /** @return the product name, or "" when the metadata could not be read (asked again next time) */
    String of(Handle h) {
        String p = known;
        if (p == null) {
            try {
                p = h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            } catch (java.sql.SQLException e) {
                return "";
            }
            known = p;
        }
        return p;
    }
}

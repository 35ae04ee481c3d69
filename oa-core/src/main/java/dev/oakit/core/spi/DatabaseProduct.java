package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * The database products OAKit runs on, as {@link OaDatabase#product()} names them. MySQL counts as
 * {@link #MARIADB}: OAKit writes the same SQL for both.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DatabaseProduct {
    /** H2, OAKit's embedded default and the fast test database. */
    H2,
    /** PostgreSQL. */
    POSTGRESQL,
    /** MariaDB or MySQL. */
    MARIADB;

    /**
     * @return the product's name in a migration location's {@code {vendor}} folder: {@code h2}, {@code postgresql}
     *     or {@code mariadb} (see {@link OaPluginContext#migrations})
     */
    public String vendor() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

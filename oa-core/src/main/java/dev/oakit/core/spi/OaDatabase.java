package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * The database OAKit runs on, for the few statements a plugin must write differently per product (a
 * {@code RETURNING} clause, a lock clause). OAKit reads the product once, when {@code start()} opens the
 * database; plugins ask here rather than read the JDBC metadata themselves. Bound in OAKit's injector: a
 * class a plugin installs gets it injected. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OaDatabase {
    /**
     * @return the database's product, never null
     * @throws dev.oakit.core.ConflictException before {@code OaKit.start()} (the database is not open yet) or
     *     after {@code OaKit.close()}
     */
    DatabaseProduct product();
}

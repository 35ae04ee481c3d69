package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * The formats {@link Directory#importUsers} reads; see {@code docs/directory.md} for examples.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ImportFormat {
    /** A JSON array of user objects. */
    JSON,
    /** RFC 4180 CSV with a header line; lists inside a cell are separated by {@code ;}. */
    CSV
}

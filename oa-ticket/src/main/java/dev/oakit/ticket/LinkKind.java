package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * How two tickets relate. A link reads "from KIND to": {@code 7 BLOCKS 9}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum LinkKind {
    /** related, no order */
    RELATED,
    /** the from-ticket duplicates the to-ticket */
    DUPLICATE_OF,
    /** the from-ticket blocks the to-ticket */
    BLOCKS,
    /** the from-ticket was split off the to-ticket */
    SPLIT_FROM
}

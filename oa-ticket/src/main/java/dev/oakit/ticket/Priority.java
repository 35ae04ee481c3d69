package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * How urgent a ticket is, lowest first.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Priority {
    /** can wait */
    LOW,
    /** the default */
    NORMAL,
    /** soon */
    HIGH,
    /** now */
    URGENT
}

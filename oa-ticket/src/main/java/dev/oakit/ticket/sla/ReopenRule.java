package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

/**
 * What a reopened ticket does to its resolution clock. There is no default: every policy says it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ReopenRule {
    /**
     * Keep the working time already used: the clock continues from where it stopped at the
     * resolution, and the time between resolution and reopen counts as paused (the due moves
     * later by that working time).
     */
    RESUME,
    /** Start a fresh resolution clock at the reopen instant with the full target; earlier pauses and a manual due are dropped. */
    RESTART
}

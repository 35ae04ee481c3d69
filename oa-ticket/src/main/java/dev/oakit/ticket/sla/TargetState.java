package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

/**
 * Where one SLA clock stands at the evaluation instant.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TargetState {
    /** The clock counts working time and the due has not passed. */
    RUNNING,
    /** The ticket is in a pausing state; the clock stands still and the due moves later with the paused working time. */
    PAUSED,
    /** The target was met (see {@link TargetStatus#breached()} for whether it was met late). */
    MET,
    /** The due passed and the target is not met (also: the ticket was closed after the due without meeting it). */
    BREACHED,
    /** No clock: no policy or no target for the priority, not started yet, or stopped by a close before the due. */
    NOT_APPLICABLE
}

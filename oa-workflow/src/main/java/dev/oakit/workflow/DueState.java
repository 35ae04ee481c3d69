package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * Where an open task stands against its deadline, as of the query's time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DueState {
    /** The task has no deadline (or is closed). */
    NONE,
    /** The deadline is further away than the due-soon window ({@code workflow.dueSoon}). */
    ON_TIME,
    /** The deadline lies within the due-soon window. */
    DUE_SOON,
    /** The deadline has passed. */
    OVERDUE
}

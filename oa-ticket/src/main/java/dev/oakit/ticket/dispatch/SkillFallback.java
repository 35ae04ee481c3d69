package dev.oakit.ticket.dispatch;

import org.apiguardian.api.API;

/**
 * What skill match does when no eligible agent has every required skill. There is no silent
 * default: each choice has its own strategy name.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SkillFallback {
    /** Assign nobody; the ticket waits in the queue for a dispatcher ({@code skill-match}). */
    REFUSE,
    /** The least loaded of the agents with the most required skills, if any has at least one ({@code skill-match-partial}). */
    BEST_PARTIAL,
    /** The least loaded eligible agent, whatever their skills ({@code skill-match-any}). */
    ANY
}

package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * What a lifecycle state means to OAKit, whatever the type calls it. The engine acts on kinds:
 * entering {@link #NEW} clears the assignee; {@link #ASSIGNED}, {@link #IN_PROGRESS} and
 * {@link #WAITING} need an assignee; leaving {@link #NEW}/{@link #ASSIGNED} for work cancels the
 * "not started" timer; entering {@link #RESOLVED} starts acceptance; {@link #CLOSED} is final for
 * timers.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum StateKind {
    /** waiting for dispatch, nobody assigned */
    NEW,
    /** assigned, not started */
    ASSIGNED,
    /** being worked on */
    IN_PROGRESS,
    /** waiting for the requester or a third party (挂起; SLA clocks pause here) */
    WAITING,
    /** resolved, waiting for acceptance (验收) */
    RESOLVED,
    /** closed, cancelled or merged: no more work, no timers */
    CLOSED;

    /** @return true for kinds where work is still to be done (not resolved, not closed) */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    /** @return true if the ticket has been started (in progress, waiting, resolved or closed) */
    public boolean started() {
        return this != NEW && this != ASSIGNED;
    }
}

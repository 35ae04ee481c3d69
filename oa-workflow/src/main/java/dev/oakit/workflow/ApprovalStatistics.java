package dev.oakit.workflow;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Handling statistics (seed 004: "each employee's processing cycle, number of items and delays,
 * reported monthly"), computed in SQL over a period. Administrators only. Thread-safe. See
 * docs/deadlines-and-proxies.md.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApprovalStatistics {
    /**
     * Per user who decided tasks completed in the period (approved, rejected, returned; the
     * system's automatic decisions are not anyone's work).
     *
     * @throws dev.oakit.core.ForbiddenException when the actor is not an administrator
     */
    List<HandlerStats> byUser(Actor admin, Period period);

    /** Like {@link #byUser}, grouped by each user's primary department. */
    List<HandlerStats> byDepartment(Actor admin, Period period);

    /** Per process: instances started and ended in the period, cycle time and the slowest node. */
    List<ProcessStats> byProcess(Actor admin, Period period);

    /**
     * A period {@code [from, until)}, optionally one process.
     *
     * @param from start (inclusive)
     * @param until end (exclusive)
     * @param processKey only this process, or null for all
     */
    record Period(Instant from, Instant until, String processKey) {
        /** Checks the range. */
        public Period {
            Checks.notNull("from", from);
            Checks.notNull("until", until);
            if (!until.isAfter(from)) {
                throw ValidationException.of("until", "must be after from (" + from + "), was " + until);
            }
        }

        /** @return the period for all processes */
        public static Period of(Instant from, Instant until) {
            return new Period(from, until, null);
        }
    }

    /**
     * The work of one user or department.
     *
     * @param id user id or department id
     * @param handled tasks decided in the period
     * @param medianWork median handling time in working time (nearest rank), open to close on the node's calendar
     * @param p90Work 90th percentile of the handling time (nearest rank)
     * @param overdue tasks decided after their deadline
     * @param urges urges (催办) received on those tasks
     */
    record HandlerStats(String id, long handled, Duration medianWork, Duration p90Work, long overdue, long urges) {
    }

    /**
     * One process.
     *
     * @param processKey process key
     * @param started instances started in the period
     * @param approved instances that ended approved in the period
     * @param rejected instances that ended rejected in the period
     * @param medianCycle median time from start to end (wall-clock) of the instances that ended approved or rejected in the period, or null
     * @param slowestNode the node with the longest average handling time (working time) in the period, or null
     * @param slowestNodeAverage that average, or null
     */
    record ProcessStats(String processKey, long started, long approved, long rejected, Duration medianCycle, String slowestNode,
                        Duration slowestNodeAverage) {
    }
}

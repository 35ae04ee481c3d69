package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * One rung of a node's timeout ladder (超时处理): an action run by a durable job at an offset
 * from the task's deadline, in working time on the deadline's calendar. Jobs are cancelled when
 * the task ends and moved when its deadline moves; automatic decisions are recorded as done by
 * the system, with the rung as the reason.
 *
 * @param action what to do
 * @param offset working time relative to the deadline: {@code -PT2H} two working hours before,
 *               {@code PT0S} at the deadline (default), {@code P1D} one working day after
 * @param every {@link Action#REMIND} only: repeat interval in working time, or null for once
 * @param times {@link Action#REMIND} only: at most this many reminders (default 1; 1..50)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timeout(Action action, String offset, String every, Integer times) {
    /** Fills defaults. */
    public Timeout {
        offset = offset == null ? "PT0S" : offset;
        times = times == null ? 1 : times;
    }

    /** @return a single reminder at the offset */
    public static Timeout remind(String offset) {
        return new Timeout(Action.REMIND, offset, null, 1);
    }

    /** @return reminders from the offset, repeated every {@code every}, at most {@code times} */
    public static Timeout remind(String offset, String every, int times) {
        return new Timeout(Action.REMIND, offset, every, times);
    }

    /** @return the action at the offset */
    public static Timeout at(String offset, Action action) {
        return new Timeout(action, offset, null, null);
    }

    /** The actions of a timeout ladder. */
    public enum Action {
        /** Notify the assignee (催办提醒), optionally repeated. */
        REMIND,
        /** Notify the assignee's direct manager. */
        NOTIFY_MANAGER,
        /** Add the assignee's direct manager as a parallel signer of the node (加签). */
        ADD_MANAGER,
        /** Reassign the task to the assignee's direct manager (转办). */
        REASSIGN_TO_MANAGER,
        /** Approve the task in the name of the system. */
        AUTO_APPROVE,
        /** Reject the task in the name of the system. */
        AUTO_REJECT
    }
}

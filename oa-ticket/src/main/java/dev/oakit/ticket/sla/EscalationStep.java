package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * One rung of an escalation ladder: at {@code offset} of working time around the due time of
 * {@code target}, do {@code action}. A negative offset is before the due ({@code -PT30M}: 30
 * working minutes before), zero is the breach itself, a positive one after it. Offsets count
 * working time on the policy's calendar, like the targets.
 *
 * <p>Validated by {@link SlaPolicy}; immutable and thread-safe.
 *
 * @param target which clock the step watches; not null
 * @param offset working time relative to the due; not null, negative means before
 * @param action what to do; not null
 * @param queue the queue for {@link EscalationAction#REASSIGN_QUEUE}; null for the other actions
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EscalationStep(SlaTarget target, Duration offset, EscalationAction action, String queue) {

    /** @return a {@link EscalationAction#NOTIFY} step */
    public static EscalationStep notify(SlaTarget target, Duration offset) {
        return new EscalationStep(target, offset, EscalationAction.NOTIFY, null);
    }

    /** @return a {@link EscalationAction#RAISE_PRIORITY} step */
    public static EscalationStep raisePriority(SlaTarget target, Duration offset) {
        return new EscalationStep(target, offset, EscalationAction.RAISE_PRIORITY, null);
    }

    /** @return a {@link EscalationAction#REASSIGN_QUEUE} step to {@code queue} */
    public static EscalationStep reassignQueue(SlaTarget target, Duration offset, String queue) {
        return new EscalationStep(target, offset, EscalationAction.REASSIGN_QUEUE, queue);
    }
}

package dev.oakit.ticket.dispatch;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

/**
 * What a dispatch rule decides for a ticket: its queue, the strategy that picks the agent, a
 * priority override and the SLA policy. In a rule, a null component is taken from the rules'
 * default; the default must name a queue and a strategy. Immutable and thread-safe.
 *
 * @param queue the queue (team) the ticket goes to
 * @param strategy the {@link dev.oakit.ticket.spi.DispatchStrategy} name, e.g. {@code least-loaded}
 * @param priority a priority that replaces the ticket's; null keeps it
 * @param slaPolicy the SLA policy's name; null: none (in the default) or the default's (in a rule)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DispatchOutcome(String queue, String strategy, String priority, String slaPolicy) {

    /** @return an outcome with a queue and a strategy */
    public static DispatchOutcome of(String queue, String strategy) {
        return new DispatchOutcome(queue, strategy, null, null);
    }

    /** @return a copy with this queue */
    public DispatchOutcome withQueue(String queue) {
        return new DispatchOutcome(queue, strategy, priority, slaPolicy);
    }

    /** @return a copy with this strategy */
    public DispatchOutcome withStrategy(String strategy) {
        return new DispatchOutcome(queue, strategy, priority, slaPolicy);
    }

    /** @return a copy with this priority override */
    public DispatchOutcome withPriority(String priority) {
        return new DispatchOutcome(queue, strategy, priority, slaPolicy);
    }

    /** @return a copy with this SLA policy */
    public DispatchOutcome withSlaPolicy(String slaPolicy) {
        return new DispatchOutcome(queue, strategy, priority, slaPolicy);
    }

    /** @return this outcome with each null component taken from {@code fallback} */
    public DispatchOutcome orElse(DispatchOutcome fallback) {
        return new DispatchOutcome(queue != null ? queue : fallback.queue, strategy != null ? strategy : fallback.strategy,
                priority != null ? priority : fallback.priority, slaPolicy != null ? slaPolicy : fallback.slaPolicy);
    }

    /** @return e.g. {@code queue 'network', strategy 'skill-match', priority 'HIGH', SLA policy 'gold'} (null components left out) */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (queue != null) {
            parts.add("queue '" + queue + "'");
        }
        if (strategy != null) {
            parts.add("strategy '" + strategy + "'");
        }
        if (priority != null) {
            parts.add("priority '" + priority + "'");
        }
        if (slaPolicy != null) {
            parts.add("SLA policy '" + slaPolicy + "'");
        }
        return String.join(", ", parts);
    }
}

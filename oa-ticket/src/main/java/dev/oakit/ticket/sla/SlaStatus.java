package dev.oakit.ticket.sla;

import org.apiguardian.api.API;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every SLA clock of a ticket at one instant, as computed by {@link SlaClock#status}. Immutable
 * and thread-safe.
 *
 * @param policy the policy in force; null if none applies
 * @param priority the ticket's priority; null before creation
 * @param zone the zone of the policy's calendar, in which {@link #explain()} writes times; UTC without policy
 * @param at the evaluation instant
 * @param targets one status per {@link SlaTarget}, in enum order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SlaStatus(String policy, String priority, ZoneId zone, Instant at, Map<SlaTarget, TargetStatus> targets) {

    /** Copies the map. */
    public SlaStatus {
        targets = Map.copyOf(targets);
    }

    /** @return the status of {@code target}; never null */
    public TargetStatus target(SlaTarget target) {
        return targets.get(target);
    }

    /** @return whether any clock is breached */
    public boolean breached() {
        return targets.values().stream().anyMatch(TargetStatus::breached);
    }

    /** @return one line per clock, preceded by the policy, priority and time zone */
    public String explain() {
        String head = policy == null ? "no SLA policy" : "policy '" + policy + "', priority '" + priority + "', times in " + zone;
        return head + "\n" + java.util.Arrays.stream(SlaTarget.values())
                .map(t -> t + ": " + targets.get(t).explain())
                .collect(Collectors.joining("\n"));
    }
}

package dev.oakit.ticket.spi;

import org.apiguardian.api.API;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DispatchStrategy} decided, and why: either an agent, or nobody (the ticket stays in
 * its queue for a dispatcher or a claim). Immutable and thread-safe.
 *
 * @param strategy the deciding strategy's name; not null
 * @param agentId the chosen agent's user id; null when nobody was chosen
 * @param explanation why, naming the rule and the comparison, e.g. {@code least loaded: bob load 3.0 vs next 4.5 (carol)}; not null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DispatchDecision(String strategy, String agentId, String explanation) {

    /** Checks the strategy and explanation for null. */
    public DispatchDecision {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** @return a decision for {@code agentId} */
    public static DispatchDecision assign(String strategy, String agentId, String explanation) {
        return new DispatchDecision(strategy, Objects.requireNonNull(agentId, "agentId"), explanation);
    }

    /** @return a decision that assigns nobody */
    public static DispatchDecision nobody(String strategy, String explanation) {
        return new DispatchDecision(strategy, null, explanation);
    }

    /** @return the chosen agent, or empty */
    public Optional<String> agent() {
        return Optional.ofNullable(agentId);
    }

    /** @return whether an agent was chosen */
    public boolean assigned() {
        return agentId != null;
    }
}

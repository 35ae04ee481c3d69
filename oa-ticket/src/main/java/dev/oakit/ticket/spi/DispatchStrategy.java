package dev.oakit.ticket.spi;

import org.apiguardian.api.API;

import java.util.List;

/**
 * Chooses the agent of a ticket among the members of its queue (派单 / 自动分配). Built-in strategies
 * are in {@code dev.oakit.ticket.dispatch.DispatchStrategies}; a plugin contributes its own with
 * {@code context.extension(DispatchStrategy.class, strategy)} and dispatch rules name it.
 *
 * <p>A strategy is a pure decision: it reads the request and the candidates the ticket service
 * loaded (who is active, on duty by the queue's calendar, how loaded) and returns a decision with
 * an explanation. It must not write anywhere, must never choose an agent for whom
 * {@link AgentCandidate#eligible()} is false, and must be thread-safe. The service applies the
 * decision in the ticket's command, under a lock that keeps capacity caps exact.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DispatchStrategy {

    /** @return the name dispatch rules use, e.g. {@code least-loaded}; unique among strategies, never null */
    String name();

    /**
     * @param request the ticket to place; not null
     * @param candidates the queue's members, eligible or not, in any order; not null, no null elements
     * @return the decision: an eligible candidate's user id, or no agent (the ticket waits in the queue),
     *         with an explanation in both cases; never null
     */
    DispatchDecision choose(DispatchRequest request, List<AgentCandidate> candidates);
}

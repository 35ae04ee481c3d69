package dev.oakit.ticket.dispatch;

import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;
import dev.oakit.ticket.spi.DispatchRequest;
import dev.oakit.ticket.spi.DispatchStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The built-in strategies; see {@link DispatchStrategies} for what each does. */
abstract class BuiltInStrategy implements DispatchStrategy {
    private final String name;

    BuiltInStrategy(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final DispatchDecision choose(DispatchRequest request, List<AgentCandidate> candidates) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(candidates, "candidates");
        return decide(request, new Pool(candidates));
    }

    abstract DispatchDecision decide(DispatchRequest request, Pool pool);

    @Override
    public String toString() {
        return name;
    }

    /** Manual and claim: never assigns automatically. */
    static final class NoAutoAssign extends BuiltInStrategy {
        private final String why;

        NoAutoAssign(String name, String why) {
            super(name);
            this.why = why;
        }

        @Override
        DispatchDecision decide(DispatchRequest request, Pool pool) {
            return DispatchDecision.nobody(name(), name() + ": " + why);
        }
    }

    /** The first eligible agent in an order: round-robin (least recently assigned) and least-loaded. */
    static final class Ranked extends BuiltInStrategy {
        private final String prefix;
        private final Function<List<AgentCandidate>, Pool.Choice> rank;

        Ranked(String name, String prefix, Function<List<AgentCandidate>, Pool.Choice> rank) {
            super(name);
            this.prefix = prefix;
            this.rank = rank;
        }

        @Override
        DispatchDecision decide(DispatchRequest request, Pool pool) {
            return pool.eligible.isEmpty() ? pool.nobodyEligible(name()) : rank.apply(pool.eligible).decide(name(), prefix, pool);
        }
    }

    /** Agents with every required skill, least loaded first; an explicit fallback otherwise. */
    static final class SkillMatch extends BuiltInStrategy {
        private final SkillFallback fallback;

        SkillMatch(String name, SkillFallback fallback) {
            super(name);
            this.fallback = fallback;
        }

        @Override
        DispatchDecision decide(DispatchRequest request, Pool pool) {
            if (pool.eligible.isEmpty()) {
                return pool.nobodyEligible(name());
            }
            Set<String> required = new TreeSet<>(request.requiredSkills());
            if (required.isEmpty()) {
                return Pool.leastLoaded(pool.eligible).decide(name(), "skill match: no skills required; ", pool);
            }
            List<AgentCandidate> matching = pool.eligible.stream().filter(c -> c.skills().containsAll(required)).toList();
            if (!matching.isEmpty()) {
                return Pool.leastLoaded(matching).decide(name(), "skill match: " + matching.size() + " of " + pool.eligible.size()
                        + " eligible agents have all of " + required + "; ", pool);
            }
            String none = "skill match: no eligible agent has all of " + required;
            switch (fallback) {
                case ANY:
                    return Pool.leastLoaded(pool.eligible).decide(name(), none + "; fallback ANY, ", pool);
                case BEST_PARTIAL:
                    int best = pool.eligible.stream().mapToInt(c -> matched(c, required)).max().orElse(0);
                    if (best > 0) {
                        List<AgentCandidate> partial = pool.eligible.stream().filter(c -> matched(c, required) == best).toList();
                        return Pool.leastLoaded(partial).decide(name(), none + "; best partial match has " + best + " of "
                                + required.size() + ", ", pool);
                    }
                    return DispatchDecision.nobody(name(), none + " and none has any of them; nobody assigned (fallback BEST_PARTIAL)"
                            + pool.excludedText());
                default:
                    return DispatchDecision.nobody(name(), none + "; nobody assigned (fallback REFUSE), the ticket waits in the queue"
                            + pool.excludedText());
            }
        }

        private static int matched(AgentCandidate c, Set<String> required) {
            return (int) required.stream().filter(c.skills()::contains).count();
        }
    }

    /** The parent ticket's agent, else an earlier agent of the requester, else a familiar one, else a fallback. */
    static final class RetainFamiliar extends BuiltInStrategy {
        private final DispatchStrategy fallback;

        RetainFamiliar(String name, DispatchStrategy fallback) {
            super(name);
            this.fallback = fallback;
        }

        @Override
        DispatchDecision decide(DispatchRequest request, Pool pool) {
            List<String> skipped = new ArrayList<>();
            if (request.parentAgentId() != null) {
                Optional<AgentCandidate> parent = find(pool, request.parentAgentId(), "the parent ticket's agent", skipped);
                if (parent.isPresent()) {
                    return assign(parent.get(), "handled the parent ticket", skipped);
                }
            }
            for (String earlier : request.requesterAgents()) {
                Optional<AgentCandidate> agent = find(pool, earlier, "the requester's earlier agent", skipped);
                if (agent.isPresent()) {
                    return assign(agent.get(), "handled an earlier ticket of requester " + request.requesterId(), skipped);
                }
            }
            List<AgentCandidate> familiar = pool.eligible.stream().filter(AgentCandidate::familiar).toList();
            if (!familiar.isEmpty()) {
                String before = skipped.isEmpty() ? "" : String.join(", ", skipped) + "; ";
                return Pool.leastLoaded(familiar).decide(name(), "retain familiar: " + before + familiar.size()
                        + " eligible agent(s) marked familiar, ", pool);
            }
            DispatchDecision other = fallback.choose(request, pool.all);
            String why = skipped.isEmpty() ? "nobody familiar" : String.join(", ", skipped);
            return new DispatchDecision(name(), other.agentId(), "retain familiar: " + why + "; fallback " + other.explanation());
        }

        private Optional<AgentCandidate> find(Pool pool, String userId, String role, List<String> skipped) {
            Optional<AgentCandidate> c = pool.all.stream().filter(a -> a.userId().equals(userId)).findFirst();
            if (c.isEmpty()) {
                skipped.add(role + " " + userId + " is not in this queue");
                return Optional.empty();
            }
            if (!c.get().eligible()) {
                skipped.add(role + " " + userId + " is " + c.get().ineligibility().orElseThrow());
                return Optional.empty();
            }
            return c;
        }

        private DispatchDecision assign(AgentCandidate agent, String why, List<String> skipped) {
            String before = skipped.isEmpty() ? "" : String.join(", ", skipped) + "; ";
            return DispatchDecision.assign(name(), agent.userId(), "retain familiar: " + before + agent.userId() + " " + why);
        }
    }
}

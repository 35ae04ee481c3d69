package dev.oakit.ticket.dispatch;

import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.spi.DispatchStrategy;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in dispatch strategies and a registry of strategies by name. Every built-in chooses
 * only among {@linkplain dev.oakit.ticket.spi.AgentCandidate#eligible() eligible} candidates
 * (active, on duty, below capacity) and explains its choice:
 *
 * <table>
 *   <caption>Built-in strategies</caption>
 *   <tr><th>name</th><th>chooses</th></tr>
 *   <tr><td>{@code manual}</td><td>nobody: a dispatcher assigns</td></tr>
 *   <tr><td>{@code claim}</td><td>nobody: agents claim from the queue (抢单); the ticket service makes one claim win</td></tr>
 *   <tr><td>{@code round-robin}</td><td>the eligible agent assigned least recently (never assigned first), ties by user id</td></tr>
 *   <tr><td>{@code least-loaded}</td><td>the least priority-weighted load, then fewer open tickets, then least recently assigned, then user id</td></tr>
 *   <tr><td>{@code skill-match}</td><td>least loaded among agents having all required skills; nobody if none has</td></tr>
 *   <tr><td>{@code skill-match-partial}</td><td>the same, else least loaded among agents with the most required skills</td></tr>
 *   <tr><td>{@code skill-match-any}</td><td>the same, else least loaded among all eligible agents</td></tr>
 *   <tr><td>{@code retain-familiar}</td><td>the parent ticket's agent, else the requester's most recent earlier agent, else the least loaded agent marked familiar, each only when eligible; else {@code least-loaded}</td></tr>
 * </table>
 *
 * <p>Strategies and registries are immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DispatchStrategies {
    /** Name of {@link #manual()}. */
    public static final String MANUAL = "manual";
    /** Name of {@link #claim()}. */
    public static final String CLAIM = "claim";
    /** Name of {@link #roundRobin()}. */
    public static final String ROUND_ROBIN = "round-robin";
    /** Name of {@link #leastLoaded()}. */
    public static final String LEAST_LOADED = "least-loaded";
    /** Name of {@code skillMatch(REFUSE)}. */
    public static final String SKILL_MATCH = "skill-match";
    /** Name of {@code skillMatch(BEST_PARTIAL)}. */
    public static final String SKILL_MATCH_PARTIAL = "skill-match-partial";
    /** Name of {@code skillMatch(ANY)}. */
    public static final String SKILL_MATCH_ANY = "skill-match-any";
    /** Name of {@code retainFamiliar(leastLoaded())}. */
    public static final String RETAIN_FAMILIAR = "retain-familiar";
    /** Error code of an unknown strategy name. */
    public static final String NOT_FOUND = TicketErrors.DISPATCH_STRATEGY_NOT_FOUND;

    private static final DispatchStrategy MANUAL_STRATEGY = new BuiltInStrategy.NoAutoAssign(MANUAL,
            "tickets of this queue wait for a dispatcher; nobody is assigned automatically");
    private static final DispatchStrategy CLAIM_STRATEGY = new BuiltInStrategy.NoAutoAssign(CLAIM,
            "agents claim tickets from the queue; nobody is assigned automatically");
    private static final DispatchStrategy ROUND_ROBIN_STRATEGY = new BuiltInStrategy.Ranked(ROUND_ROBIN, "round-robin: ", Pool::leastRecent);
    private static final DispatchStrategy LEAST_LOADED_STRATEGY = new BuiltInStrategy.Ranked(LEAST_LOADED, "", Pool::leastLoaded);

    private final Map<String, DispatchStrategy> byName;

    private DispatchStrategies(Map<String, DispatchStrategy> byName) {
        this.byName = byName;
    }

    /** @return the strategy that never assigns: a dispatcher does */
    public static DispatchStrategy manual() {
        return MANUAL_STRATEGY;
    }

    /** @return the strategy that never assigns: agents claim */
    public static DispatchStrategy claim() {
        return CLAIM_STRATEGY;
    }

    /** @return fair rotation: the eligible agent assigned least recently */
    public static DispatchStrategy roundRobin() {
        return ROUND_ROBIN_STRATEGY;
    }

    /** @return the eligible agent with the least priority-weighted load */
    public static DispatchStrategy leastLoaded() {
        return LEAST_LOADED_STRATEGY;
    }

    /**
     * @param fallback what to do when no eligible agent has every required skill; not null
     * @return skill match named {@code skill-match}, {@code skill-match-partial} or {@code skill-match-any}
     */
    public static DispatchStrategy skillMatch(SkillFallback fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String name = switch (fallback) {
            case REFUSE -> SKILL_MATCH;
            case BEST_PARTIAL -> SKILL_MATCH_PARTIAL;
            case ANY -> SKILL_MATCH_ANY;
        };
        return new BuiltInStrategy.SkillMatch(name, fallback);
    }

    /**
     * @param fallback the strategy used when no familiar agent is eligible; not null
     * @return retain familiar, named {@code retain-familiar} with the least-loaded fallback and
     *         {@code retain-familiar+<fallback name>} otherwise
     */
    public static DispatchStrategy retainFamiliar(DispatchStrategy fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String name = fallback == LEAST_LOADED_STRATEGY ? RETAIN_FAMILIAR : RETAIN_FAMILIAR + "+" + fallback.name();
        return new BuiltInStrategy.RetainFamiliar(name, fallback);
    }

    /** @return every built-in strategy, in the order of the class comment */
    public static List<DispatchStrategy> builtIns() {
        return List.of(MANUAL_STRATEGY, CLAIM_STRATEGY, ROUND_ROBIN_STRATEGY, LEAST_LOADED_STRATEGY,
                skillMatch(SkillFallback.REFUSE), skillMatch(SkillFallback.BEST_PARTIAL), skillMatch(SkillFallback.ANY),
                retainFamiliar(LEAST_LOADED_STRATEGY));
    }

    /**
     * @param extra strategies contributed by plugins, in addition to the built-ins; not null
     * @return a registry of the built-ins and {@code extra}
     * @throws ValidationException if a name is blank or used twice (built-in names included)
     */
    public static DispatchStrategies of(Collection<? extends DispatchStrategy> extra) {
        Objects.requireNonNull(extra, "extra");
        Map<String, DispatchStrategy> byName = new LinkedHashMap<>();
        builtIns().forEach(s -> byName.put(s.name(), s));
        List<ValidationException.Problem> problems = new ArrayList<>();
        int i = 0;
        for (DispatchStrategy s : extra) {
            String path = "strategies[" + i++ + "]";
            if (s == null || s.name() == null || s.name().isBlank()) {
                problems.add(new ValidationException.Problem(path + ".name", "a strategy needs a non-blank name"));
            } else if (byName.putIfAbsent(s.name(), s) != null) {
                problems.add(new ValidationException.Problem(path + ".name", "'" + s.name()
                        + "' is already taken by another strategy; choose a unique name"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(TicketErrors.DISPATCH_STRATEGY_INVALID, "dispatch strategies", problems);
        }
        return new DispatchStrategies(byName);
    }

    /** @return a registry of the built-ins and {@code extra} */
    public static DispatchStrategies of(DispatchStrategy... extra) {
        return of(List.of(extra));
    }

    /**
     * @param name a strategy name
     * @return the strategy
     * @throws NotFoundException (code {@value #NOT_FOUND}) naming the known strategies
     */
    public DispatchStrategy get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(NOT_FOUND, "No dispatch strategy '" + name
                + "'; use one of " + byName.keySet() + " or register it from a plugin"));
    }

    /** @return the strategy named {@code name}, or empty */
    public Optional<DispatchStrategy> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** @return the registered names, built-ins first */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}

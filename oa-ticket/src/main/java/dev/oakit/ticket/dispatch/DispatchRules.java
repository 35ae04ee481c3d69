package dev.oakit.ticket.dispatch;

import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.spi.DispatchRequest;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Dispatch rules as data (派单规则): conditions on the ticket's fields → queue, strategy, priority
 * and SLA policy. The first rule whose conditions hold wins; when none does, the default
 * ({@code otherwise}) applies. A rule's null outcome components are taken from the default.
 * Plain data, readable by Jackson; the constructor validates. Immutable and thread-safe.
 *
 * <pre>{@code
 * DispatchRules rules = DispatchRules.builder()
 *         .rule("printers", RuleConditions.any().categories("it/printer"), DispatchOutcome.of("facilities", "round-robin"))
 *         .rule("vpn", RuleConditions.any().categories("it/network").priorities("HIGH", "URGENT"),
 *               new DispatchOutcome("network", "skill-match-any", null, "gold"))
 *         .otherwise(DispatchOutcome.of("helpdesk", "least-loaded"))
 *         .build();
 * RuleMatch m = rules.evaluate(request);
 * }</pre>
 *
 * @param rules the rules in order; not null
 * @param otherwise the default outcome; must name a queue and a strategy. Null means none ({@link #none()}): a ticket
 *                  no rule matches keeps its own queue and waits for a dispatcher ({@code manual}), and a rule's null
 *                  components stay null (the ticket service then keeps the ticket's own queue, priority and policy)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DispatchRules(List<DispatchRule> rules, DispatchOutcome otherwise) {

    /** Error code of invalid rules. */
    public static final String INVALID = TicketErrors.DISPATCH_RULES_INVALID;

    /**
     * Validates: unique non-blank rule names, an outcome per rule, non-blank category paths, field
     * values that are numbers within {@link dev.oakit.core.DecimalLimits}, and a default with a queue
     * and a strategy.
     *
     * @throws ValidationException listing every problem with its path, e.g. {@code rules[2].name}, {@code otherwise.queue}
     */
    public DispatchRules {
        List<Problem> problems = new ArrayList<>();
        if (rules == null) {
            problems.add(new Problem("rules", "is required (may be empty)"));
            rules = List.of();
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            DispatchRule r = rules.get(i);
            String path = "rules[" + i + "]";
            if (r == null) {
                problems.add(new Problem(path, "must not be null"));
                continue;
            }
            if (r.name() == null || r.name().isBlank()) {
                problems.add(new Problem(path + ".name", "is required: a short name shown in explanations"));
            } else if (!names.add(r.name())) {
                problems.add(new Problem(path + ".name", "'" + r.name() + "' names an earlier rule too; names must be unique"));
            }
            if (r.then() == null) {
                problems.add(new Problem(path + ".then", "is required: give a queue, strategy, priority or SLA policy"));
            }
            List<String> categories = r.when().categories();
            for (int j = 0; j < categories.size(); j++) {
                String c = categories.get(j);
                if (c == null || c.isBlank() || c.endsWith("/")) {
                    problems.add(new Problem(path + ".when.categories[" + j + "]", "must be a category path such as 'it/network'"
                            + " (no trailing '/'); was " + (c == null ? "null" : "'" + c + "'")));
                }
            }
            r.when().checkNumbers(path + ".when", problems);
        }
        if (otherwise != null) {
            if (otherwise.queue() == null || otherwise.queue().isBlank()) {
                problems.add(new Problem("otherwise.queue", "is required: the queue of tickets no rule matches"));
            }
            if (otherwise.strategy() == null || otherwise.strategy().isBlank()) {
                problems.add(new Problem("otherwise.strategy", "is required, e.g. 'manual' or 'least-loaded'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, "dispatch rules", problems);
        }
        rules = List.copyOf(rules);
    }

    /**
     * @param request the ticket; not null
     * @return the first matching rule's outcome completed by the default, or the default; with an explanation naming
     *         the rule that matched and why each earlier rule did not
     */
    public RuleMatch evaluate(DispatchRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            DispatchRule r = rules.get(i);
            String label = "rule '" + r.name() + "' (#" + (i + 1) + ")";
            String mismatch = r.when().firstMismatch(request);
            if (mismatch == null) {
                DispatchOutcome outcome = otherwise == null ? r.then() : r.then().orElse(otherwise);
                return new RuleMatch(r.name(), i, outcome, label + " matched: " + r.when().matchText(request) + " → "
                        + outcome.describe() + before(skipped));
            }
            skipped.add(label + " no: " + mismatch);
        }
        if (otherwise == null) {
            return new RuleMatch(null, -1, NO_DEFAULT, "no rule matched and there is no default: the ticket keeps its queue, strategy 'manual'"
                    + before(skipped));
        }
        return new RuleMatch(null, -1, otherwise, "no rule matched, default → " + otherwise.describe() + before(skipped));
    }

    /** The outcome when no rule matches and there is no default: the ticket's own queue, manual dispatch. */
    private static final DispatchOutcome NO_DEFAULT = new DispatchOutcome(null, DispatchStrategies.MANUAL, null, null);

    /** @return no rules and no default: every ticket keeps its own queue and waits for a dispatcher */
    public static DispatchRules none() {
        return new DispatchRules(List.of(), null);
    }

    private static String before(List<String> skipped) {
        return skipped.isEmpty() ? "" : "; before it: " + String.join("; ", skipped);
    }

    /**
     * Checks the strategy names against a registry (at boot, so a typo fails early).
     *
     * @throws ValidationException naming every unknown strategy, e.g. {@code rules[1].then.strategy}
     */
    public void checkStrategies(DispatchStrategies strategies) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            unknown(problems, "rules[" + i + "].then.strategy", rules.get(i).then().strategy(), strategies);
        }
        if (otherwise != null) {
            unknown(problems, "otherwise.strategy", otherwise.strategy(), strategies);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, "dispatch rules", problems);
        }
    }

    private static void unknown(List<Problem> problems, String path, String name, DispatchStrategies strategies) {
        if (name != null && strategies.find(name).isEmpty()) {
            problems.add(new Problem(path, "'" + name + "' is no known dispatch strategy; use one of " + strategies.names()));
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link DispatchRules}; {@link #build()} validates. Not thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final List<DispatchRule> rules = new ArrayList<>();
        private DispatchOutcome otherwise;

        private Builder() {
        }

        /** Adds a rule after the earlier ones. */
        public Builder rule(String name, RuleConditions when, DispatchOutcome then) {
            rules.add(new DispatchRule(name, when, then));
            return this;
        }

        /** Sets the default outcome. */
        public Builder otherwise(DispatchOutcome otherwise) {
            this.otherwise = otherwise;
            return this;
        }

        /** @return the rules; throws {@link ValidationException} listing every problem */
        public DispatchRules build() {
            return new DispatchRules(rules, otherwise);
        }
    }
}

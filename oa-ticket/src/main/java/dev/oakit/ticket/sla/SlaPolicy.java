package dev.oakit.ticket.sla;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.ticket.TicketErrors;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An SLA policy: working-time targets per priority on a named business calendar, the ticket
 * states that pause the clocks, the share of a target at which to warn, an escalation ladder and
 * an explicit reopen rule. Plain data: build it with {@link #builder(String)} or read it with
 * Jackson (records, durations as ISO-8601 such as {@code "PT4H"}).
 *
 * <p>The constructor validates every component and throws one {@link ValidationException}
 * (code {@value #INVALID}) listing every problem with the path of its field, for example
 * {@code targets.HIGH.RESOLUTION} or {@code escalations[1].queue}. Instances are immutable and
 * thread-safe; the builder is not.
 *
 * @param name the policy's name, referenced by dispatch rules and {@link SlaEvent}s; at most 64 characters
 * @param calendar the name of the business calendar the targets count on
 * @param targets priority → target → working time; a missing entry means "no such target for that priority"
 * @param pausingStates ticket states that stop every running clock of this policy (e.g. {@code pending}); null means none
 * @param warningShare share of a target after which a warning fires, {@code 0 <= share < 1}; 0 means no warning
 * @param escalations the escalation ladder, in any order; null means none
 * @param reopen what reopening does to the resolution clock; required
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SlaPolicy(String name, String calendar, Map<String, Map<SlaTarget, Duration>> targets,
                        Set<String> pausingStates, double warningShare, List<EscalationStep> escalations,
                        ReopenRule reopen) {

    /** Error code of an invalid policy. */
    public static final String INVALID = TicketErrors.SLA_POLICY_INVALID;

    /** Validates and copies every component; see the class comment. */
    public SlaPolicy {
        List<Problem> problems = new ArrayList<>();
        check(problems, () -> Checks.id("name", name));
        check(problems, () -> Checks.id("calendar", calendar));
        Map<String, Map<SlaTarget, Duration>> copy = new LinkedHashMap<>();
        if (targets == null || targets.isEmpty()) {
            problems.add(new Problem("targets", "give at least one target, e.g. targets.NORMAL.RESOLUTION = PT8H"));
        } else {
            targets.forEach((priority, perTarget) -> {
                String path = "targets." + priority;
                if (priority == null || priority.isBlank()) {
                    problems.add(new Problem("targets", "a priority key is missing or blank; use the ticket's priority names"));
                    return;
                }
                if (perTarget == null || perTarget.isEmpty()) {
                    problems.add(new Problem(path, "give at least one of FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION, or remove the priority"));
                    return;
                }
                Map<SlaTarget, Duration> inner = new EnumMap<>(SlaTarget.class);
                perTarget.forEach((target, d) -> {
                    if (target == null) {
                        problems.add(new Problem(path, "a target key is missing; use FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION"));
                    } else if (d == null || d.isNegative() || d.isZero()) {
                        problems.add(new Problem(path + "." + target, "must be a positive working time such as PT4H (was " + d + ")"));
                    } else {
                        inner.put(target, d);
                    }
                });
                copy.put(priority, Collections.unmodifiableMap(inner));
            });
        }
        targets = Collections.unmodifiableMap(copy);
        Set<String> states = new LinkedHashSet<>();
        if (pausingStates != null) {
            int i = 0;
            for (String s : pausingStates) {
                if (s == null || s.isBlank()) {
                    problems.add(new Problem("pausingStates[" + i + "]", "must be a ticket state name such as 'pending'"));
                } else {
                    states.add(s);
                }
                i++;
            }
        }
        pausingStates = Collections.unmodifiableSet(states);
        if (!(warningShare >= 0 && warningShare < 1)) {
            problems.add(new Problem("warningShare", "must be at least 0 and below 1, e.g. 0.8 warns when 80% of a target is used"
                    + " (0 turns warnings off); was " + warningShare));
        }
        List<EscalationStep> steps = new ArrayList<>();
        if (escalations != null) {
            for (int i = 0; i < escalations.size(); i++) {
                EscalationStep s = escalations.get(i);
                String path = "escalations[" + i + "]";
                if (s == null) {
                    problems.add(new Problem(path, "must not be null"));
                    continue;
                }
                if (s.target() == null) {
                    problems.add(new Problem(path + ".target", "is required: FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION"));
                }
                if (s.offset() == null) {
                    problems.add(new Problem(path + ".offset", "is required: working time around the due, e.g. -PT30M (before) or PT1H (after)"));
                }
                if (s.action() == null) {
                    problems.add(new Problem(path + ".action", "is required: NOTIFY, RAISE_PRIORITY or REASSIGN_QUEUE"));
                } else if (s.action() == EscalationAction.REASSIGN_QUEUE && (s.queue() == null || s.queue().isBlank())) {
                    problems.add(new Problem(path + ".queue", "is required for REASSIGN_QUEUE: name the queue to move the ticket to"));
                } else if (s.action() != EscalationAction.REASSIGN_QUEUE && s.queue() != null) {
                    problems.add(new Problem(path + ".queue", "is only used by REASSIGN_QUEUE; remove it or change the action"));
                }
                steps.add(s);
            }
        }
        escalations = List.copyOf(steps);
        if (reopen == null) {
            problems.add(new Problem("reopen", "is required: RESUME keeps the working time used before the resolution,"
                    + " RESTART starts a fresh resolution clock"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(INVALID, "SLA policy '" + name + "'", problems);
        }
    }

    private static void check(List<Problem> problems, Runnable check) {
        try {
            check.run();
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
    }

    /**
     * @param priority a ticket priority; null gives empty
     * @param target the clock; not null
     * @return the working time of {@code target} for {@code priority}, or empty if the policy has none
     */
    public Optional<Duration> target(String priority, SlaTarget target) {
        Map<SlaTarget, Duration> perTarget = priority == null ? null : targets.get(priority);
        return perTarget == null ? Optional.empty() : Optional.ofNullable(perTarget.get(target));
    }

    /** @return whether a ticket in {@code state} has its clocks stopped by this policy; null is never pausing */
    public boolean pauses(String state) {
        return state != null && pausingStates.contains(state);
    }

    /** @return a copy of this policy under another name (validated) */
    public SlaPolicy withName(String name) {
        return new SlaPolicy(name, calendar, targets, pausingStates, warningShare, escalations, reopen);
    }

    /** @return a builder for a policy named {@code name} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds a {@link SlaPolicy}; {@link #build()} validates. Not thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final String name;
        private String calendar;
        private final Map<String, Map<SlaTarget, Duration>> targets = new LinkedHashMap<>();
        private final Set<String> pausingStates = new LinkedHashSet<>();
        private double warningShare;
        private final List<EscalationStep> escalations = new ArrayList<>();
        private ReopenRule reopen;

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the business calendar's name. */
        public Builder calendar(String calendar) {
            this.calendar = calendar;
            return this;
        }

        /** Sets one target of one priority. */
        public Builder target(String priority, SlaTarget target, Duration workingTime) {
            targets.computeIfAbsent(priority, p -> new EnumMap<>(SlaTarget.class)).put(target, workingTime);
            return this;
        }

        /** Sets the three targets of one priority; a null duration leaves that target out. */
        public Builder targets(String priority, Duration firstResponse, Duration nextResponse, Duration resolution) {
            if (firstResponse != null) {
                target(priority, SlaTarget.FIRST_RESPONSE, firstResponse);
            }
            if (nextResponse != null) {
                target(priority, SlaTarget.NEXT_RESPONSE, nextResponse);
            }
            if (resolution != null) {
                target(priority, SlaTarget.RESOLUTION, resolution);
            }
            return this;
        }

        /** Adds states that pause the clocks. */
        public Builder pausingStates(String... states) {
            pausingStates.addAll(List.of(states));
            return this;
        }

        /** Sets the warning share, e.g. 0.8; 0 (the default) means no warning. */
        public Builder warningShare(double share) {
            this.warningShare = share;
            return this;
        }

        /** Adds a step to the escalation ladder. */
        public Builder escalation(EscalationStep step) {
            escalations.add(step);
            return this;
        }

        /** Sets the reopen rule (required). */
        public Builder reopen(ReopenRule rule) {
            this.reopen = rule;
            return this;
        }

        /**
         * @return the policy
         * @throws ValidationException listing every problem
         */
        public SlaPolicy build() {
            return new SlaPolicy(name, calendar, targets, pausingStates, warningShare, escalations, reopen);
        }
    }
}

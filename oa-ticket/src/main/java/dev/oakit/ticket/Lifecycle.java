package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ticket type's state machine, as data: states (each with a {@link StateKind}), the initial
 * state, and transitions (an action, the states it may start from, the state it leads to, who may
 * take it, and whether a reason is required). Immutable and thread-safe; the constructor reports
 * every problem at once.
 *
 * <p>Action names the engine knows: {@code assign} and {@code claim} (taken by the assign and
 * claim commands), {@code release} and {@code return} (clear the assignee), {@code resume}
 * (taken for the requester when they reply to a waiting ticket), {@code accept} and {@code refuse}
 * (acceptance, 验收), and {@code close} (used by merge when present). Any other action is taken
 * with {@link Tickets#act}.
 *
 * @param initial the state new tickets start in
 * @param states the states, names unique
 * @param transitions the transitions, (from-state, action) unique
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Lifecycle(String initial, List<State> states, List<Transition> transitions) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /**
     * One state.
     *
     * @param name lower-case name such as {@code in_progress}
     * @param kind what it means to the engine
     */
    public record State(String name, StateKind kind) {
    }

    /**
     * One transition.
     *
     * @param action lower-case action name such as {@code resolve}
     * @param from states it may be taken from; not empty
     * @param to the state it leads to
     * @param by who may take it; not empty
     * @param reasonRequired whether the actor must give a reason (退回, 撤回, refuse)
     */
    public record Transition(String action, Set<String> from, String to, Set<Party> by, boolean reasonRequired) {
        /** Copies the sets. */
        public Transition {
            from = from == null ? Set.of() : Set.copyOf(from);
            by = by == null ? Set.of() : Set.copyOf(by);
        }

        /** @return a transition without required reason */
        public static Transition of(String action, Set<String> from, String to, Party... by) {
            return new Transition(action, new LinkedHashSet<>(from), to, Set.of(by), false);
        }

        /** @return a copy that requires a reason */
        public Transition withReason() {
            return new Transition(action, from, to, by, true);
        }
    }

    /** Validates the whole lifecycle; see the record description. */
    public Lifecycle {
        states = states == null ? List.of() : List.copyOf(states);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        List<ValidationException.Problem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < states.size(); i++) {
            State s = states.get(i);
            if (s == null || s.name() == null || !NAME.matcher(s.name()).matches()) {
                problems.add(new ValidationException.Problem("states[" + i + "].name",
                        "must be a lower-case name (a-z, 0-9, '_', '-'; at most 32 characters)"));
                continue;
            }
            if (s.kind() == null) {
                problems.add(new ValidationException.Problem("states[" + i + "].kind", "is required; one of " + List.of(StateKind.values())));
            }
            if (!names.add(s.name())) {
                problems.add(new ValidationException.Problem("states[" + i + "].name", "'" + s.name() + "' is declared twice"));
            }
        }
        if (initial == null || !names.contains(initial)) {
            problems.add(new ValidationException.Problem("initial", "must name one of the states " + names + ", was '" + initial + "'"));
        }
        if (states.stream().noneMatch(s -> s != null && s.kind() == StateKind.CLOSED)) {
            problems.add(new ValidationException.Problem("states", "need at least one state of kind CLOSED"));
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            String at = "transitions[" + i + "]";
            if (t == null) {
                problems.add(new ValidationException.Problem(at, "must not be null"));
                continue;
            }
            if (t.action() == null || !NAME.matcher(t.action()).matches()) {
                problems.add(new ValidationException.Problem(at + ".action", "must be a lower-case name, was '" + t.action() + "'"));
            }
            if (t.from().isEmpty()) {
                problems.add(new ValidationException.Problem(at + ".from", "name at least one state"));
            }
            for (String f : t.from()) {
                if (!names.contains(f)) {
                    problems.add(new ValidationException.Problem(at + ".from", "'" + f + "' is not a state; states are " + names));
                } else if (!pairs.add(f + "\u0000" + t.action())) {
                    problems.add(new ValidationException.Problem(at, "action '" + t.action() + "' from '" + f + "' is declared twice"));
                }
            }
            if (t.to() == null || !names.contains(t.to())) {
                problems.add(new ValidationException.Problem(at + ".to", "'" + t.to() + "' is not a state; states are " + names));
            }
            if (t.by().isEmpty()) {
                problems.add(new ValidationException.Problem(at + ".by", "name who may take it: " + List.of(Party.values())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(TicketErrors.LIFECYCLE_INVALID, "ticket lifecycle", problems);
        }
    }

    /**
     * The default lifecycle: new → assigned → in_progress ⇄ pending → resolved → closed, with
     * release and return (退回) to the dispatcher, withdraw (撤回) by the requester, cancel,
     * acceptance (accept / refuse) and reopen. See docs/tickets.md for the full table.
     */
    public static Lifecycle standard() {
        Set<Party> dispatch = EnumSet.of(Party.DISPATCHER, Party.ADMIN);
        Set<Party> worker = EnumSet.of(Party.ASSIGNEE, Party.ADMIN);
        return new Lifecycle("new", List.of(
                new State("new", StateKind.NEW),
                new State("assigned", StateKind.ASSIGNED),
                new State("in_progress", StateKind.IN_PROGRESS),
                new State("pending", StateKind.WAITING),
                new State("resolved", StateKind.RESOLVED),
                new State("closed", StateKind.CLOSED),
                new State("cancelled", StateKind.CLOSED)),
                List.of(
                        new Transition("assign", Set.of("new"), "assigned", dispatch, false),
                        Transition.of("claim", Set.of("new"), "assigned", Party.AGENT),
                        new Transition("start", Set.of("assigned"), "in_progress", worker, false),
                        Transition.of("release", Set.of("assigned"), "new", Party.ASSIGNEE, Party.DISPATCHER, Party.ADMIN),
                        new Transition("return", Set.of("assigned", "in_progress", "pending"), "new", worker, true),
                        new Transition("pend", Set.of("in_progress"), "pending", worker, false),
                        new Transition("resume", Set.of("pending"), "in_progress", worker, false),
                        new Transition("resolve", Set.of("assigned", "in_progress", "pending"), "resolved", worker, false),
                        Transition.of("accept", Set.of("resolved"), "closed", Party.REQUESTER, Party.ADMIN),
                        new Transition("refuse", Set.of("resolved"), "in_progress", EnumSet.of(Party.REQUESTER, Party.ADMIN), true),
                        new Transition("close", Set.of("resolved"), "closed", dispatch, false),
                        Transition.of("reopen", Set.of("resolved"), "in_progress", Party.REQUESTER, Party.ASSIGNEE, Party.ADMIN),
                        Transition.of("reopen", Set.of("closed"), "in_progress", Party.ADMIN),
                        new Transition("withdraw", Set.of("new", "assigned"), "cancelled", EnumSet.of(Party.REQUESTER), true),
                        new Transition("cancel", Set.of("new", "assigned", "in_progress", "pending"), "cancelled", dispatch, true)));
    }

    /** @return the state with the name, if declared */
    public Optional<State> state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the kind of a declared state */
    public StateKind kindOf(String name) {
        return state(name).map(State::kind).orElseThrow(() -> new IllegalArgumentException("no state '" + name + "'"));
    }

    /** @return the transition for the action from the state, if any */
    public Optional<Transition> transition(String fromState, String action) {
        return transitions.stream().filter(t -> t.action().equals(action) && t.from().contains(fromState)).findFirst();
    }

    /** @return the transitions that may be taken from the state, in declaration order */
    public List<Transition> from(String state) {
        return transitions.stream().filter(t -> t.from().contains(state)).toList();
    }
}

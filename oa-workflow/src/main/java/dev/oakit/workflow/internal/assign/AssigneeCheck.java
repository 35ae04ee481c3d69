package dev.oakit.workflow.internal.assign;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.WorkflowErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one rule of who may be given a task at an approval node: "may person P get a task at node N
 * of instance I?". Every path that gives a task to a person asks it (the approver rule, a
 * SEQUENTIAL turn, a claim from a pool, a proxy, transfer, delegation, an added signer, the
 * timeout ladder, a handover); each path decides what a refusal means for it (skip the person,
 * try the next one, or fail with the person and the rule named).
 *
 * <p>A person is refused, in this order, when they are
 * <ol>
 *   <li>inactive or unknown ({@link Refusal#INACTIVE});</li>
 *   <li>the instance's initiator, unless the node keeps the initiator ({@code whenInitiator KEEP})
 *       and the node's approver rule named them, or {@code workflow.initiatorAsStandIn} lets the
 *       initiator stand in for others on KEEP nodes ({@link Refusal#INITIATOR});</li>
 *   <li>an approver of a node this node is separated from ({@link Refusal#SEPARATION});</li>
 *   <li>someone who already has a seat at the node: holds, owns (delegated) or is represented in
 *       an open task of it, is due later in its sequence, or decided at it (or was removed from
 *       it) in this round ({@link Refusal#ALREADY_AT_NODE}).</li>
 * </ol>
 *
 * <p>Pure: it decides from a {@link Seat} the caller took from the instance's loaded state, so it
 * costs no statement; only the activity test is a directory lookup (cached). Thread-safe.
 */
public final class AssigneeCheck {
    private AssigneeCheck() {
    }

    /** How a person is about to get a task. */
    public enum Path {
        /** The node's approver rule, as the node is entered. */
        RULE("the node's approver rule", true),
        /** The next approver of a SEQUENTIAL node. */
        TURN("their turn in the node's sequence", true),
        /** A candidate claims a pooled task. */
        CLAIM("a claim from the pool", true),
        /** An out-of-office proxy rule (委托). */
        PROXY("a proxy rule (委托)", false),
        /** Transfer (转办). */
        TRANSFER("a transfer (转办)", false),
        /** Delegation (委派). */
        DELEGATE("a delegation (委派)", false),
        /** An added signer (加签). */
        ADD_SIGNER("an added signer (加签)", false),
        /** The timeout ladder (reassign to or add the manager). */
        TIMEOUT("the timeout ladder", false),
        /** The handover of a leaving user's work. */
        HANDOVER("a handover", false),
        /** A withdrawn approval gives back the tasks its decision closed (the other votes of the node). */
        REOPEN("the withdrawal of the decision that closed their task", true);

        private final String label;
        private final boolean byRule;

        Path(String label, boolean byRule) {
            this.label = label;
            this.byRule = byRule;
        }

        /** @return how the path reads in a message */
        public String label() {
            return label;
        }

        /** @return true when the node's approver rule named the person (the initiator may then approve where the node keeps them) */
        public boolean byRule() {
            return byRule;
        }
    }

    /** Why a person may not be given the task, with the stable error code an explicit action fails with. */
    public enum Refusal {
        INACTIVE(CoreErrors.VALIDATION),
        INITIATOR(WorkflowErrors.INITIATOR_NOT_ALLOWED),
        SEPARATION(WorkflowErrors.SEPARATION_OF_DUTIES),
        ALREADY_AT_NODE(WorkflowErrors.ALREADY_ASSIGNED);

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        /** @return the error code of an explicit action refused for this reason */
        public String code() {
            return code;
        }
    }

    /**
     * What the check knows about one node of one instance.
     *
     * @param instanceId the instance
     * @param initiatorId who started it
     * @param node the approval node (its whenInitiator and separateFrom)
     * @param approvedBy per approval node completed so far, who approved it (the instance's state)
     * @param holders who already has a seat at the node, each with how (for the message)
     * @param initiatorAsStandIn {@code workflow.initiatorAsStandIn}
     */
    public record Seat(long instanceId, String initiatorId, Node.Approval node, Map<String, List<String>> approvedBy,
                       Map<String, String> holders, boolean initiatorAsStandIn) {
        /** Copies the holders. */
        public Seat {
            holders = new LinkedHashMap<>(holders);
        }

        /** @return this seat with one more holder (the first reason a person holds a seat is kept) */
        public Seat with(String userId, String how) {
            Map<String, String> more = new LinkedHashMap<>(holders);
            more.putIfAbsent(userId, how);
            return new Seat(instanceId, initiatorId, node, approvedBy, more, initiatorAsStandIn);
        }

        @Override
        public Map<String, String> holders() {
            return java.util.Collections.unmodifiableMap(holders);
        }
    }

    /**
     * The answer for one person.
     *
     * @param userId the person
     * @param path how they were to get the task
     * @param refusal why not, or null when they may
     * @param reason the refusal in words, naming the person and the rule; null when they may
     */
    public record Verdict(String userId, Path path, Refusal refusal, String reason) {
        /** @return true when the person may be given the task */
        public boolean allowed() {
            return refusal == null;
        }

        /** @return the refusal as the error of a user's own action on someone else (claim): the actor may not */
        public ForbiddenException forbidden() {
            return new ForbiddenException(refusal.code(), reason);
        }
    }

    /**
     * @param active whether a person is active; callers that hold only active people (the rule's resolution) pass {@code u -> true}
     * @return whether {@code userId} may be given a task at the seat's node by {@code path}
     */
    public static Verdict check(Seat seat, String userId, Path path, Predicate<String> active) {
        if (!active.test(userId)) {
            return new Verdict(userId, path, Refusal.INACTIVE, "'" + userId + "' is unknown or inactive");
        }
        Verdict v = initiator(seat, userId, path);
        if (v == null) {
            v = separation(seat, userId, path);
        }
        if (v == null) {
            String how = seat.holders().get(userId);
            v = how == null ? null : new Verdict(userId, path, Refusal.ALREADY_AT_NODE, "'" + userId + "' " + how
                    + "; one person has one seat per node");
        }
        return v != null ? v : new Verdict(userId, path, null, null);
    }

    private static Verdict initiator(Seat seat, String userId, Path path) {
        if (!userId.equals(seat.initiatorId())) {
            return null;
        }
        Node.Approval node = seat.node();
        if (node.whenInitiator() != Node.InitiatorApprover.KEEP) {
            return new Verdict(userId, path, Refusal.INITIATOR, "'" + userId + "' started instance " + seat.instanceId()
                    + ", and node '" + node.id() + "' does not let the initiator approve (whenInitiator " + node.whenInitiator() + ")");
        }
        if (!path.byRule() && !seat.initiatorAsStandIn()) {
            return new Verdict(userId, path, Refusal.INITIATOR, "'" + userId + "' started instance " + seat.instanceId()
                    + " and may approve at node '" + node.id() + "' only where its approver rule names them, not through "
                    + path.label() + " (workflow.initiatorAsStandIn is off)");
        }
        return null;
    }

    /** @return the refusal when the person approved a node the seat's node is separated from, else null */
    public static Verdict separation(Seat seat, String userId, Path path) {
        for (String other : seat.node().separateFrom()) {
            if (seat.approvedBy().getOrDefault(other, List.of()).contains(userId)) {
                return new Verdict(userId, path, Refusal.SEPARATION, "'" + userId + "' approved node '" + other + "', and node '"
                        + seat.node().id() + "' is separated from it (separateFrom)");
            }
        }
        return null;
    }

    /**
     * The first of {@code candidates} (duplicates tried once) who may be given the task.
     *
     * @param refused receives the refusal of every candidate passed over, in order
     * @return the allowed verdict, or null when nobody may
     */
    public static Verdict firstAllowed(Seat seat, Path path, Iterable<String> candidates, Predicate<String> active,
                                       List<Verdict> refused) {
        Set<String> tried = new LinkedHashSet<>();
        for (String candidate : candidates) {
            if (candidate == null || !tried.add(candidate)) {
                continue;
            }
            Verdict v = check(seat, candidate, path, active);
            if (v.allowed()) {
                return v;
            }
            refused.add(v);
        }
        return null;
    }

    /**
     * The refusals of an explicit action that names people (transfer, delegate, add signer) as one
     * {@link ValidationException}: one problem per refused person, on the field that named them.
     *
     * @param what the action, e.g. {@code "transfer of task 12"}
     * @param fields the field that named each refused person, in the same order
     */
    public static ValidationException invalid(String what, List<Verdict> refused, List<String> fields) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < refused.size(); i++) {
            problems.add(new ValidationException.Problem(fields.get(i), refused.get(i).reason() + "; name someone else"));
        }
        return new ValidationException(refused.get(0).refusal().code(), what, problems);
    }
}

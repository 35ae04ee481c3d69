package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.form.FieldAccess;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A node of a process definition. In JSON each node is an object with a {@code type}:
 * {@code start}, {@code approval}, {@code cc}, {@code exclusive}, {@code parallel},
 * {@code inclusive}, {@code join}, {@code service}, {@code subprocess}, {@code end}.
 * Nodes are connected by {@link Route}s.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Node.Start.class, name = "start"),
        @JsonSubTypes.Type(value = Node.Approval.class, name = "approval"),
        @JsonSubTypes.Type(value = Node.Cc.class, name = "cc"),
        @JsonSubTypes.Type(value = Node.Exclusive.class, name = "exclusive"),
        @JsonSubTypes.Type(value = Node.Parallel.class, name = "parallel"),
        @JsonSubTypes.Type(value = Node.Inclusive.class, name = "inclusive"),
        @JsonSubTypes.Type(value = Node.Join.class, name = "join"),
        @JsonSubTypes.Type(value = Node.Service.class, name = "service"),
        @JsonSubTypes.Type(value = Node.SubProcess.class, name = "subprocess"),
        @JsonSubTypes.Type(value = Node.End.class, name = "end")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Node {
    /** @return the node id, unique in the definition: letters, digits, '-', '_' */
    String id();

    /** @return the display name, or null to use the id */
    String name();

    /**
     * The single start node: the initiator fills the form here.
     *
     * @param id node id
     * @param name display name
     * @param fields the initiator's access to each form field (default: every field editable)
     */
    record Start(String id, String name, Map<String, FieldAccess> fields) implements Node {
        /** Copies the map. */
        public Start {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /**
     * An approval node (审批节点).
     *
     * @param id node id
     * @param name display name
     * @param mode how the approvers decide (default {@link ApprovalMode#ALL})
     * @param approvers who approves; at least one rule
     * @param passRatio for {@link ApprovalMode#VOTE}: the approving share that passes, 0 &lt; ratio ≤ 1 (default 0.5)
     * @param veto for VOTE: a single rejection rejects at once
     * @param onEmpty what happens when the rules resolve nobody (default {@link NoApprover#REFUSE})
     * @param emptyUser the user who gets the task for {@link NoApprover#USER}
     * @param whenInitiator what happens when the initiator is among the approvers (default {@link InitiatorApprover#KEEP})
     * @param dedupe when true, an approver who approved at the directly preceding approval node approves here automatically
     * @param separateFrom ids of nodes whose approvers may not approve here (separation of duties)
     * @param resubmit after a return to the initiator or an earlier node: {@link Resubmit#RERUN} the route, or go {@link Resubmit#BACK_TO_RETURNER}
     * @param fields the approvers' access to each form field (default: read-only)
     * @param pool when true (mode ANY only), one task is offered to every resolved approver as a pool
     *     (e.g. a role); one of them claims it and decides, or releases it back to the pool
     * @param deadline the node's deadline and timeout ladder, completing the definition's ({@link Deadline#orElse}); null to use the definition's
     * @param onReject what a rejection (驳回) here does: {@link OnReject#END} the instance (also when null, and then
     *     left out of the JSON) or send the form back to the initiator to {@link OnReject#REFILL} (驳回重填) (since 0.3)
     */
    record Approval(String id, String name, ApprovalMode mode, List<ApproverRule> approvers, BigDecimal passRatio,
                    Boolean veto, NoApprover onEmpty, String emptyUser, InitiatorApprover whenInitiator, Boolean dedupe,
                    List<String> separateFrom, Resubmit resubmit, Map<String, FieldAccess> fields, Boolean pool,
                    Deadline deadline, OnReject onReject) implements Node {
        /** Fills defaults and copies collections. */
        public Approval {
            mode = mode == null ? ApprovalMode.ALL : mode;
            approvers = approvers == null ? null : List.copyOf(approvers);
            passRatio = passRatio == null && mode == ApprovalMode.VOTE ? new BigDecimal("0.5") : passRatio;
            veto = veto != null && veto;
            onEmpty = onEmpty == null ? NoApprover.REFUSE : onEmpty;
            whenInitiator = whenInitiator == null ? InitiatorApprover.KEEP : whenInitiator;
            dedupe = dedupe != null && dedupe;
            separateFrom = separateFrom == null ? List.of() : List.copyOf(separateFrom);
            resubmit = resubmit == null ? Resubmit.RERUN : resubmit;
            fields = fields == null ? Map.of() : Map.copyOf(fields);
            pool = pool != null && pool;
        }

        /** An approval node whose rejection ends the instance. */
        public Approval(String id, String name, ApprovalMode mode, List<ApproverRule> approvers, BigDecimal passRatio,
                        Boolean veto, NoApprover onEmpty, String emptyUser, InitiatorApprover whenInitiator, Boolean dedupe,
                        List<String> separateFrom, Resubmit resubmit, Map<String, FieldAccess> fields, Boolean pool,
                        Deadline deadline) {
            this(id, name, mode, approvers, passRatio, veto, onEmpty, emptyUser, whenInitiator, dedupe, separateFrom, resubmit,
                    fields, pool, deadline, null);
        }

        /** An approval node without its own deadline. */
        public Approval(String id, String name, ApprovalMode mode, List<ApproverRule> approvers, BigDecimal passRatio,
                        Boolean veto, NoApprover onEmpty, String emptyUser, InitiatorApprover whenInitiator, Boolean dedupe,
                        List<String> separateFrom, Resubmit resubmit, Map<String, FieldAccess> fields, Boolean pool) {
            this(id, name, mode, approvers, passRatio, veto, onEmpty, emptyUser, whenInitiator, dedupe, separateFrom, resubmit,
                    fields, pool, null);
        }

        /** An approval node that is not a pool. */
        public Approval(String id, String name, ApprovalMode mode, List<ApproverRule> approvers, BigDecimal passRatio,
                        Boolean veto, NoApprover onEmpty, String emptyUser, InitiatorApprover whenInitiator, Boolean dedupe,
                        List<String> separateFrom, Resubmit resubmit, Map<String, FieldAccess> fields) {
            this(id, name, mode, approvers, passRatio, veto, onEmpty, emptyUser, whenInitiator, dedupe, separateFrom, resubmit,
                    fields, false, null);
        }
    }

    /**
     * A CC node (抄送): the recipients are informed and the route moves on at once.
     *
     * @param id node id
     * @param name display name
     * @param recipients who is cc'd
     */
    record Cc(String id, String name, List<ApproverRule> recipients) implements Node {
        /** Copies the list. */
        public Cc {
            recipients = recipients == null ? null : List.copyOf(recipients);
        }
    }

    /**
     * Exclusive branch (条件分支): the first outgoing route whose condition holds is taken, in
     * route order; the default route when none holds.
     *
     * @param id node id
     * @param name display name
     */
    record Exclusive(String id, String name) implements Node {
    }

    /**
     * Parallel split (并行分支): every outgoing route is taken; a {@link Join} naming this split
     * waits for all of them.
     *
     * @param id node id
     * @param name display name
     */
    record Parallel(String id, String name) implements Node {
    }

    /**
     * Inclusive split (包容分支): every outgoing route whose condition holds is taken (the default
     * route when none holds); a {@link Join} naming this split waits for the routes taken.
     *
     * @param id node id
     * @param name display name
     */
    record Inclusive(String id, String name) implements Node {
    }

    /**
     * Joins the branches of one parallel or inclusive split: by default it waits for every branch
     * the split took; with {@code first} it passes as soon as that many have arrived (1: the first
     * branch to arrive wins, a discriminator), and the tasks still open in the other branches are
     * closed ({@code CLOSED_BY_JOIN}) and recorded, as an ANY node closes its other tasks.
     *
     * @param id node id
     * @param name display name
     * @param split id of the split whose branches this node joins
     * @param first how many branches pass the join, 1 to the number of the split's routes; null for all
     *              (an inclusive split that takes fewer branches passes when all it took arrived) (since 0.3)
     */
    record Join(String id, String name, String split, Integer first) implements Node {
        /** A join that waits for every branch. */
        public Join(String id, String name, String split) {
            this(id, name, split, null);
        }
    }

    /**
     * A service node: runs a {@link dev.oakit.workflow.spi.ServiceTaskHandler} asynchronously
     * through durable jobs with retries; a failure that exhausts them becomes an incident.
     *
     * @param id node id
     * @param name display name
     * @param handler the handler's id
     * @param params free parameters for the handler
     * @param maxAttempts attempts before an incident (default 5)
     */
    record Service(String id, String name, String handler, JsonNode params, Integer maxAttempts) implements Node {
        /** Fills defaults. */
        public Service {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        }
    }

    /**
     * Starts an instance of another process (by key, latest version) and waits for it to end.
     *
     * @param id node id
     * @param name display name
     * @param process key of the process to start
     * @param rejectWhenRejected when true (default) a rejected sub-process rejects this instance; else the route continues
     */
    record SubProcess(String id, String name, String process, Boolean rejectWhenRejected) implements Node {
        /** Fills defaults. */
        public SubProcess {
            rejectWhenRejected = rejectWhenRejected == null || rejectWhenRejected;
        }
    }

    /**
     * An end: reaching it ends the instance with the outcome.
     *
     * @param id node id
     * @param name display name
     * @param outcome APPROVED (default) or REJECTED
     */
    record End(String id, String name, Outcome outcome) implements Node {
        /** Fills defaults. */
        public End {
            outcome = outcome == null ? Outcome.APPROVED : outcome;
        }
    }

    /** What an approval node does when its rules resolve nobody (审批人为空). */
    enum NoApprover {
        /** Skip the node, as if approved, and record why. */
        SKIP,
        /** Give the task to the tenant's process administrators (role {@code oa-admin}). */
        ADMIN,
        /** Give the task to {@code emptyUser}. */
        USER,
        /** Refuse to start (or to continue) with an error naming the node and the fix. */
        REFUSE
    }

    /** What an approval node does when the initiator is among its approvers. */
    enum InitiatorApprover {
        /** The initiator approves like anyone else. */
        KEEP,
        /** The initiator's task is approved automatically. */
        SKIP,
        /** The initiator's direct manager approves instead. */
        MANAGER
    }

    /** Where a returned instance goes when it is submitted again. */
    enum Resubmit {
        /** Run the route again from the node returned to. */
        RERUN,
        /** Go straight back to the node that returned it. */
        BACK_TO_RETURNER
    }

    /** What a rejection (驳回) at an approval node does. */
    enum OnReject {
        /** The instance ends REJECTED. */
        END,
        /**
         * 驳回重填: the instance is RETURNED and the initiator gets a task in their todo to refill the form;
         * they resubmit it (the form checked again) or abandon it (the instance ends REJECTED).
         */
        REFILL
    }

    /** How an end node ends the instance. */
    enum Outcome {
        /** Approved. */
        APPROVED,
        /** Rejected. */
        REJECTED
    }
}

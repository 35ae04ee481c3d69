package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState.NodeRun;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.util.List;

/**
 * How an approval node's approvers decide ({@link ApprovalMode}), one class per mode, each with its
 * one completion rule: who gets a task as the node is entered, what an approval counts, when the
 * node has passed or failed, and (SEQUENTIAL) who is next. Stateless: the counts live in the
 * node's {@link NodeRun}; the tasks are the engine's ({@link NodeTasks}).
 */
public sealed interface NodeMode permits SequentialMode, AllMode, AnyMode, VoteMode {
    /** @return the rule of a node's mode */
    static NodeMode of(Node.Approval node) {
        return switch (node.mode()) {
            case SEQUENTIAL -> SequentialMode.INSTANCE;
            case ALL -> AllMode.INSTANCE;
            case ANY -> AnyMode.INSTANCE;
            case VOTE -> VoteMode.INSTANCE;
        };
    }

    /**
     * Opens the tasks of the approvers who decide by hand, as the node is entered (after those
     * approving automatically were counted).
     *
     * @param manual the approvers, in the rule's order; not empty
     */
    void open(NodeTasks tasks, NodeRun run, List<String> manual, int firstSeq);

    /** Counts an approval by an approver or a parallel signer (automatic ones included). */
    default void counted(NodeRun run) {
        run.approvals++;
    }

    /** After a step of the node closed (approved, or its approver removed): opens the next turn, if the mode has turns. */
    default void next(NodeTasks tasks, NodeRun run) {
    }

    /** @return true when a rejection by an approver or parallel signer is a vote against, not the end of the instance */
    default boolean rejectionIsVote() {
        return false;
    }

    /**
     * @param open the node's open and waiting tasks of the current round
     * @return whether the node has passed, failed, or waits
     */
    Completion completion(Node.Approval node, NodeRun run, List<TaskRow> open);

    /**
     * What the completion rule found.
     *
     * @param passed the node is decided for (the engine completes it once no signer added AFTER is open)
     * @param failed the node is decided against (the instance ends REJECTED)
     * @param closeOthersAs when passed: the outcome the other open tasks (but those of signers added AFTER) close with, or null
     * @param action a history entry to record (with {@code detail}), or null
     */
    record Completion(boolean passed, boolean failed, String closeOthersAs, String action, String detail) {
        /** The node waits for more decisions. */
        public static final Completion WAITING = new Completion(false, false, null, null, null);
        /** Every approver has decided (or was removed): the node is complete. */
        public static final Completion PASSED = new Completion(true, false, null, null, null);
    }
}

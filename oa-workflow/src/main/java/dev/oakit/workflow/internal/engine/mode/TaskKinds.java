package dev.oakit.workflow.internal.engine.mode;

import dev.oakit.workflow.TaskKind;

/** The kinds of task at an approval node ({@code oa_wf_task.kind}). */
public final class TaskKinds {
    /** A task the node's approver rule (or its fallback, a turn, a withdrawal) gave. */
    public static final String APPROVER = "APPROVER";
    /** A signer added alongside the approvers (并加签): an ordinary task of the node. */
    public static final String PARALLEL = "PARALLEL";
    /** A signer added before the approver (前加签), whose task waits meanwhile. */
    public static final String BEFORE = "BEFORE";
    /** A signer added after the approver (后加签): the node completes only once they approved. */
    public static final String AFTER = "AFTER";
    /** The initiator's task to refill a form rejected at a node with {@code onReject: REFILL} (驳回重填); no approval. */
    public static final String REFILL = "REFILL";

    private TaskKinds() {
    }

    /** @return the public kind of a task of this stored kind */
    public static TaskKind of(String kind) {
        return switch (kind) {
            case APPROVER -> TaskKind.APPROVAL;
            case BEFORE -> TaskKind.SIGNER_BEFORE;
            case AFTER -> TaskKind.SIGNER_AFTER;
            case PARALLEL -> TaskKind.SIGNER_PARALLEL;
            case REFILL -> TaskKind.REFILL;
            default -> throw new IllegalStateException("task kind '" + kind + "' in oa_wf_task is none the engine writes");
        };
    }
}

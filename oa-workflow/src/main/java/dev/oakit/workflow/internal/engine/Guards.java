package dev.oakit.workflow.internal.engine;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

/** The checks commands share: who may act, in which state; and the form changes a decision brings. */
public final class Guards {
    private Guards() {
    }

    /** The instance must be running. */
    public static void requireRunning(InstanceChange r) {
        if (r.status != InstanceStatus.RUNNING) {
            throw new ConflictException(WorkflowErrors.NOT_RUNNING, "instance " + r.row.id() + " is " + r.status
                    + (r.status == InstanceStatus.SUSPENDED ? "; an administrator must resume it first" : "; nothing can be done on it now"));
        }
    }

    /** The actor must be the task's assignee (a pooled task is claimed first). */
    public static void requireAssignee(InstanceChange r, TaskRow t) {
        if (Tasks.UNASSIGNED.equals(t.assigneeId())) {
            throw new ConflictException(WorkflowErrors.NOT_CLAIMED, "task " + t.id() + " is offered to a pool and nobody claimed it yet; "
                    + "a candidate claims it first (Approvals.claim)");
        }
        if (!t.assigneeId().equals(r.actor.userId())) {
            throw new ForbiddenException(WorkflowErrors.NOT_ASSIGNEE, "user '" + r.actor.userId() + "' may not act on task " + t.id()
                    + "; only its assignee '" + t.assigneeId() + "' may");
        }
    }

    /** A delegated task is resolved by its delegate; the owner decides. */
    public static void requireNotDelegated(TaskRow t, String what) {
        if (t.ownerId() != null) {
            throw new ForbiddenException(WorkflowErrors.DELEGATED, "task " + t.id() + " is delegated to '" + t.assigneeId()
                    + "' by its owner '" + t.ownerId() + "'; a delegate may not " + what
                    + ": the delegate resolves it and the owner decides");
        }
    }

    /** The actor must be the instance's initiator. */
    public static void requireInitiator(InstanceChange r, String what) {
        if (!r.actor.userId().equals(r.row.initiatorId())) {
            throw new ForbiddenException(WorkflowErrors.NOT_INITIATOR, "user '" + r.actor.userId() + "' may not " + what + " instance "
                    + r.row.id() + "; only its initiator '" + r.row.initiatorId() + "' may");
        }
    }

    /**
     * The initiator acts on their instance that waits for them: returned or withdrawn, or rejected for refill.
     *
     * @param what the action, "resubmit"; @param done the instance as it would be, "resubmitted"
     */
    public static void requireReturnedToInitiator(InstanceChange r, String what, String done) {
        requireInitiator(r, what);
        if (r.status != InstanceStatus.RETURNED) {
            throw new ConflictException(WorkflowErrors.NOT_RETURNED, "instance " + r.row.id()
                    + " is " + r.status + "; only a returned or withdrawn instance can be " + done);
        }
    }

    /** Applies the form changes of a decision at an approval node (only fields the node lets its approvers edit). */
    public static void applyForm(InstanceChange r, Node.Approval a, Decision decision) {
        if (decision.form().isEmpty()) {
            return;
        }
        FormSchema schema = r.d().form();
        if (schema == null) {
            throw ValidationException.of("decision.form", "process '" + r.row.key() + "' has no form");
        }
        r.form(FormAccess.of(schema, a.fields(), FieldAccess.READ_ONLY).write(r.form(), r.json().valueToTree(decision.form())));
    }

    /** @return the attachments of a decision as a history detail, or null */
    public static String attachments(Decision d) {
        return d.attachments().isEmpty() ? null : "attachments " + d.attachments();
    }
}

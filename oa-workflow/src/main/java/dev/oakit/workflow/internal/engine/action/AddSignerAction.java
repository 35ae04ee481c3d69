package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Add signers (加签), each passing the one check: PARALLEL gives them ordinary tasks of the node;
 * BEFORE puts the actor's task on hold until they approved; AFTER approves the actor's task now and
 * holds the node's completion until they approved.
 */
@Singleton
public final class AddSignerAction implements TaskAction<ApprovalCommand.AddSigner> {
    /** The sequence number of the first added signer's task (the rule's approvers come before). */
    private static final int FIRST_SEQ = 100;

    private final Flow flow;
    private final Seating seating;
    private final Tasks tasks;

    @Inject
    private AddSignerAction(Flow flow, Seating seating, Tasks tasks) {
        this.flow = flow;
        this.seating = seating;
        this.tasks = tasks;
    }

    @Override
    public void decide(InstanceChange r, TaskRow t, Node.Approval a, ApprovalCommand.AddSigner c) {
        Guards.requireAssignee(r, t);
        if (t.ownerId() != null) {
            throw new ForbiddenException(WorkflowErrors.DELEGATED, "a delegate may not add signers; the owner '" + t.ownerId() + "' may");
        }
        List<String> userIds = c.userIds();
        List<String> named = List.copyOf(new LinkedHashSet<>(userIds));
        seating.requireAll(r, t, named, AssigneeCheck.Path.ADD_SIGNER, false, "signers added to task " + t.id(),
                i -> "userIds[" + userIds.indexOf(named.get(i)) + "]");
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        // the signers open as one batch: a signer's proxy (委托) who is another signer stays out, so nobody gets two seats
        switch (c.position()) {
            case PARALLEL -> tasks.openBatch(r, a.id(), run.round, FIRST_SEQ, TaskKinds.PARALLEL, null, named);
            case BEFORE -> {
                tasks.change(r, t, t.assigneeId(), null, TaskStatus.WAITING);
                tasks.openBatch(r, a.id(), run.round, FIRST_SEQ, TaskKinds.BEFORE, t.id(), named);
            }
            case AFTER -> {
                Guards.applyForm(r, a, c.decision());
                tasks.close(r, t, TaskStatus.DONE, "APPROVED", r.actor.userId(), c.decision().comment());
                tasks.openBatch(r, a.id(), run.round, FIRST_SEQ, TaskKinds.AFTER, null, named);
            }
        }
        r.history("signer-added", t.id(), a.id(), c.decision().comment(), c.position() + " " + userIds);
        if (c.position() == SignerPosition.AFTER) {
            r.history("approved", t.id(), t.nodeId(), c.decision().comment(), "with signers after");
            flow.approved(r, a, t);
        }
        r.summary("added signers " + userIds + " (" + c.position() + ") at '" + a.id() + "'");
    }
}

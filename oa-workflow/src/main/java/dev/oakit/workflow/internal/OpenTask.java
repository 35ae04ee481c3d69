package dev.oakit.workflow.internal;

import dev.oakit.core.Actor;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.assign.AssigneeCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link SystemTask} on one open task of an instance the engine loaded and locked. */
final class OpenTask implements SystemTask {
    private final WorkflowEngine engine;
    private final Seating seating;
    private final WorkflowEngine.Run r;
    private final TaskRow t;
    private final Node.Approval a;

    OpenTask(WorkflowEngine engine, Seating seating, WorkflowEngine.Run r, TaskRow t, Node.Approval a) {
        this.engine = engine;
        this.seating = seating;
        this.r = r;
        this.t = t;
        this.a = a;
    }

    @Override
    public TaskRow task() {
        return t;
    }

    @Override
    public InstanceRow instance() {
        return r.row;
    }

    @Override
    public ProcessDefinition definition() {
        return r.d();
    }

    @Override
    public Node.Approval node() {
        return a;
    }

    @Override
    public void approve(String reason) {
        engine.closeTask(r, t, TaskStatus.DONE, "AUTO_APPROVED", Actor.SYSTEM_USER, reason);
        engine.history(r, "auto-approved", t.id(), t.nodeId(), null, reason);
        engine.afterApproval(r, a, t);
    }

    @Override
    public void reject(String reason) {
        engine.closeTask(r, t, TaskStatus.DONE, "AUTO_REJECTED", Actor.SYSTEM_USER, reason);
        engine.history(r, "auto-rejected", t.id(), t.nodeId(), null, reason);
        engine.afterRejection(r, a, t);
    }

    @Override
    public void reassign(String toUserId, String proxyFor, String action, String reason) {
        engine.setTask(r, t, toUserId, t.ownerId(), t.status(), proxyFor);
        if (proxyFor == null) {
            r.st.proxyFor.remove(t.id());
        } else {
            r.st.proxyFor.put(t.id(), proxyFor);
        }
        engine.history(r, action, t.id(), t.nodeId(), null, "to " + toUserId + ": " + reason);
        r.ctx.publish("wf.task.assigned", "task", Long.toString(t.id()),
                Map.of("instanceId", r.row.id(), "assigneeId", toUserId, "nodeId", t.nodeId(), "title", r.row.title()));
    }

    @Override
    public void addSigner(String userId, String reason) {
        engine.insertTask(r, a.id(), r.st.runs.get(a.id()).round, 100 + r.open.size(), WorkflowEngine.KIND_PARALLEL, null, userId,
                null, TaskStatus.OPEN);
        engine.history(r, "signer-added", t.id(), a.id(), null, "PARALLEL [" + userId + "]: " + reason);
    }

    @Override
    public void note(String action, String detail) {
        engine.history(r, action, t.id(), t.nodeId(), null, detail);
    }

    @Override
    public AssigneeCheck.Verdict mayTake(String userId, AssigneeCheck.Path path) {
        return seating.check(r, seating.seat(r, a, t.id()), userId, path);
    }

    @Override
    public Choice firstAllowedUpFrom(String first, String from, boolean move, AssigneeCheck.Path path, String context) {
        List<AssigneeCheck.Verdict> passedOver = new ArrayList<>();
        AssigneeCheck.Verdict found = seating.firstAllowed(r, seating.seat(r, a, move ? t.id() : null), path,
                seating.upwardFrom(r.tenant(), first, from, a), passedOver);
        for (AssigneeCheck.Verdict v : passedOver) {
            engine.history(r, "approver-skipped", t.id(), a.id(), null, v.reason() + " (" + context + ")");
        }
        return new Choice(found == null ? null : found.userId(), List.copyOf(passedOver));
    }
}

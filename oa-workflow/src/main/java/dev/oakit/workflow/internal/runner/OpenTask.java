package dev.oakit.workflow.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.Effect;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link SystemTask} on one open task of an instance the runner loaded and locked: each call is a decision on its change. */
final class OpenTask implements SystemTask {
    private final Flow flow;
    private final Tasks tasks;
    private final Seating seating;
    private final InstanceChange r;
    private final TaskRow t;
    private final Node.Approval a;

    OpenTask(Flow flow, Tasks tasks, Seating seating, InstanceChange r, TaskRow t, Node.Approval a) {
        this.flow = flow;
        this.tasks = tasks;
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
        tasks.close(r, t, TaskStatus.DONE, "AUTO_APPROVED", Actor.SYSTEM_USER, reason);
        r.history("auto-approved", t.id(), t.nodeId(), null, reason);
        flow.approved(r, a, t);
    }

    @Override
    public void reject(String reason) {
        tasks.close(r, t, TaskStatus.DONE, "AUTO_REJECTED", Actor.SYSTEM_USER, reason);
        r.history("auto-rejected", t.id(), t.nodeId(), null, reason);
        flow.rejected(r, a, t);
    }

    @Override
    public void reassign(String toUserId, String proxyFor, String action, String reason) {
        tasks.change(r, t, toUserId, t.ownerId(), t.status(), proxyFor);
        r.history(action, t.id(), t.nodeId(), null, "to " + toUserId + ": " + reason);
        r.publishTask("wf.task.assigned", t.id(), Map.of("instanceId", r.row.id(), "assigneeId", toUserId, "nodeId", t.nodeId(),
                "title", r.row.title()));
    }

    @Override
    public void returnToOwner(String action, String reason) {
        String owner = t.ownerId();
        tasks.change(r, t, owner, null, t.status(), null);
        r.history(action, t.id(), t.nodeId(), null, "back to " + owner + ": " + reason);
        r.publishTask("wf.task.assigned", t.id(), Map.of("instanceId", r.row.id(), "assigneeId", owner, "nodeId", t.nodeId(),
                "title", r.row.title()));
    }

    @Override
    public void addSigner(String userId, String reason) {
        tasks.open(r, a.id(), r.run(a.id()).round, 100 + r.open.size(), TaskKinds.PARALLEL, null, userId, null, TaskStatus.OPEN);
        r.history("signer-added", t.id(), a.id(), null, "PARALLEL [" + userId + "]: " + reason);
    }

    @Override
    public void moveDeadline(Instant dueAt, String detail) {
        Deadline d = r.d().deadlineOf(a);
        r.effects.add(new Effect.MoveDeadline(t.id(), dueAt, d == null ? Deadline.of(null) : d, t.createdAt()));
        r.open.replaceAll(x -> x.id() == t.id() ? x.withDue(dueAt) : x);
        note("deadline-moved", detail);
    }

    @Override
    public void note(String action, String detail) {
        r.history(action, t.id(), t.nodeId(), null, detail);
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
            r.history("approver-skipped", t.id(), a.id(), null, v.reason() + " (" + context + ")");
        }
        return new Choice(found == null ? null : found.userId(), List.copyOf(passedOver));
    }
}

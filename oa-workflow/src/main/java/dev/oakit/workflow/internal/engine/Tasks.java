package dev.oakit.workflow.internal.engine;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.deadline.Deadlines;
import dev.oakit.workflow.internal.engine.mode.NodeTasks;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.proxy.Proxies;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Opens, closes and changes tasks in an {@link InstanceChange}: the open list, the node's run (who
 * approved, who had a seat) and the proxy bookkeeping stay current, and each change becomes a
 * {@link TaskDraft} or an {@link Effect} for the writer. Who gets a new task passes the one check
 * through {@link Seating} (a proxy may take it); its deadline comes from {@link Deadlines}.
 */
@Singleton
public final class Tasks {
    /** The assignee of a pooled task nobody claimed yet. */
    public static final String UNASSIGNED = "";

    private final Seating seating;
    private final Deadlines deadlines;

    @Inject
    private Tasks(Seating seating, Deadlines deadlines) {
        this.seating = seating;
        this.deadlines = deadlines;
    }

    /** Opens one task (or inserts it closed or waiting, per {@code status}). */
    public TaskRow open(InstanceChange r, String nodeId, int round, int seq, String kind, Long waitingFor, String assignee,
                        String owner, TaskStatus status) {
        Proxies.Assignment who = seating.assignments(r, nodeId, List.of(assignee), status).get(0);
        return opened(r, nodeId, round, seq, kind, waitingFor, who, owner, status, dueOf(r, nodeId, status));
    }

    /**
     * Opens the initiator's task to refill the form a node rejected (驳回重填): theirs alone (no proxy
     * takes it), without a deadline, in the node's current round.
     */
    public TaskRow openRefill(InstanceChange r, String nodeId, String comment) {
        TaskRow t = opened(r, nodeId, r.run(nodeId).round, 0, TaskKinds.REFILL, null,
                Proxies.Assignment.unchanged(r.row.initiatorId()), null, TaskStatus.OPEN, null);
        r.draft(t.id()).comment = comment;
        return t;
    }

    /**
     * Opens one approver task per user at a multi-approver node (会签, 或签, 票签); with the other
     * tasks of the decision they are inserted in one batch, whatever the number of approvers.
     */
    public void openAll(InstanceChange r, String nodeId, int round, int firstSeq, List<String> users) {
        openBatch(r, nodeId, round, firstSeq, TaskKinds.APPROVER, null, users);
    }

    /**
     * Opens one task of {@code kind} per user, numbered from {@code firstSeq}, as one batch: who
     * gets each (a proxy may) is decided once for all of them ({@link Seating#assignments}), so a
     * proxy never takes a task of one user of the batch while another user of it, or the proxy
     * themselves, gets a task of the same node (加签 of a user and their proxy together).
     */
    public void openBatch(InstanceChange r, String nodeId, int round, int firstSeq, String kind, Long waitingFor, List<String> users) {
        if (users.size() <= 1) {
            users.forEach(u -> open(r, nodeId, round, firstSeq, kind, waitingFor, u, null, TaskStatus.OPEN));
            return;
        }
        List<Proxies.Assignment> who = seating.assignments(r, nodeId, users, TaskStatus.OPEN);
        Instant due = dueOf(r, nodeId, TaskStatus.OPEN);
        for (int i = 0; i < users.size(); i++) {
            opened(r, nodeId, round, firstSeq + i, kind, waitingFor, who.get(i), null, TaskStatus.OPEN, due);
        }
    }

    /** @return the deadline of a task opening now at the node (none for tasks not open) */
    private Instant dueOf(InstanceChange r, String nodeId, TaskStatus status) {
        return status == TaskStatus.OPEN ? deadlines.dueAt(r.d(), (Node.Approval) r.node(nodeId), r.row.priority(), r.now) : null;
    }

    /** The draft of a new task, and what follows it: proxy bookkeeping, the open list, the event. */
    private TaskRow opened(InstanceChange r, String nodeId, int round, int seq, String kind, Long waitingFor, Proxies.Assignment who,
                           String owner, TaskStatus status, Instant due) {
        long id = r.nextPendingId();
        String assignee = who.userId();
        String principal = status == TaskStatus.OPEN ? who.principal() : null;
        String name = r.nodeName(nodeId);
        r.drafts.add(new TaskDraft(id, nodeId, name, round, seq, kind, waitingFor, assignee, owner, status, r.now, due, principal));
        TaskRow t = new TaskRow(id, r.row.id(), nodeId, name, round, seq, kind, waitingFor, assignee, owner, status, null,
                r.row.key(), r.row.title(), r.row.initiatorId(), null, r.now, null, due, principal, null);
        if (status == TaskStatus.OPEN) {
            if (who.note() != null) {
                r.history(principal != null ? "proxy-assigned" : "proxy-kept", id, nodeId, null, who.note());
            }
            if (principal != null) {
                r.st.proxyFor.put(id, principal);
            }
        }
        if (status == TaskStatus.OPEN || status == TaskStatus.WAITING) {
            r.open.add(t);
            if (status == TaskStatus.OPEN) {
                r.publishTask("wf.task.assigned", id, Map.of("instanceId", r.row.id(), "assigneeId", assignee, "nodeId", nodeId,
                        "title", r.row.title()));
            }
        }
        return t;
    }

    /** Closes a task: who approved and who had a seat at the node are kept in the node's run. */
    public void close(InstanceChange r, TaskRow t, TaskStatus status, String outcome, String actedBy, String comment) {
        Node.Approval node = (Node.Approval) r.node(t.nodeId());
        long work = deadlines.workMillis(r.d(), node, t.createdAt(), r.now);
        if (InstanceChange.pending(t.id())) {
            TaskDraft d = r.draft(t.id());
            d.status = status;
            d.outcome = outcome;
            d.actedBy = actedBy;
            d.comment = comment;
            d.completedAt = r.now;
            d.workMillis = work;
        } else {
            // the task's waiting timeout jobs go too (nothing to withdraw on nodes without a deadline)
            r.effects.add(new Effect.CloseTask(t.id(), status, outcome, actedBy, comment, work, deadlines.hasJobs(r.d(), node)));
        }
        r.open.removeIf(x -> x.id() == t.id());
        InstanceState.NodeRun run = r.st.runs.get(t.nodeId());
        if (run != null && run.round == t.round()) {
            if (run.approvedBy != null && ("APPROVED".equals(outcome) || "AUTO_APPROVED".equals(outcome))) {
                run.approvedBy.add(t.assigneeId());
            }
            if (run.decided != null) {
                InstanceState.seat(run.decided, t.assigneeId());
                InstanceState.seat(run.decided, actedBy);
                InstanceState.seat(run.decided, r.st.proxyFor.get(t.id())); // a proxy decided for them
            }
        }
    }

    /** Changes a task's assignee, owner and status (the approver a proxy holds it for stays). */
    public void change(InstanceChange r, TaskRow t, String assignee, String owner, TaskStatus status) {
        change(r, t, assignee, owner, status, t.proxyFor());
    }

    /**
     * Changes a task's assignee, owner, status and the approver a proxy holds it for (in the task
     * and in the instance's proxy bookkeeping alike). A task handed for good to the approver a proxy
     * held it for (no owner to come back to) is their own again, no longer held for anyone.
     */
    public void change(InstanceChange r, TaskRow t, String assignee, String owner, TaskStatus status, String heldFor) {
        String proxyFor = owner == null && assignee.equals(heldFor) ? null : heldFor;
        if (proxyFor == null) {
            r.st.proxyFor.remove(t.id());
        } else {
            r.st.proxyFor.put(t.id(), proxyFor);
        }
        if (InstanceChange.pending(t.id())) {
            TaskDraft d = r.draft(t.id());
            d.assigneeId = assignee;
            d.ownerId = owner;
            d.status = status;
            d.proxyFor = proxyFor;
        } else {
            r.effects.add(new Effect.ChangeTask(t.id(), assignee, owner, status, proxyFor));
        }
        r.open.replaceAll(x -> x.id() == t.id() ? x.with(assignee, owner, status, proxyFor) : x);
    }

    /** @return the operations a node mode uses on the node's tasks of the current round */
    public NodeTasks of(InstanceChange r, Node.Approval a, InstanceState.NodeRun run) {
        return new NodeTasks() {
            @Override
            public void open(String userId, int seq) {
                Tasks.this.open(r, a.id(), run.round, seq, TaskKinds.APPROVER, null, userId, null, TaskStatus.OPEN);
            }

            @Override
            public void openAll(List<String> userIds, int firstSeq) {
                Tasks.this.openAll(r, a.id(), run.round, firstSeq, userIds);
            }

            @Override
            public boolean stepOpen() {
                return r.open.stream().anyMatch(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                        && (x.kind().equals(TaskKinds.APPROVER) || x.kind().equals(TaskKinds.AFTER)));
            }

            @Override
            public boolean turn(String userId, int seq) {
                // deactivated, or separated by a node that completed in a parallel branch since the node started
                AssigneeCheck.Verdict v = seating.check(r, seating.seat(r, a, null), userId, AssigneeCheck.Path.TURN);
                if (v.allowed()) {
                    open(userId, seq);
                    return true;
                }
                r.history("approver-skipped", null, a.id(), null, v.reason());
                if (r.trace != null) {
                    r.trace.passedOver(r, a, v);
                }
                return false;
            }
        };
    }
}

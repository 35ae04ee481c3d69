package dev.oakit.workflow.internal.engine;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.engine.mode.NodeMode;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entering an approval node: its approver rules are resolved through the directory, the one check
 * ({@link Seating}) decides who may sit there, the node's {@code dedupe} and {@code onEmpty} rules
 * apply, automatic approvals are recorded, and the node's mode ({@link NodeMode}) opens the tasks
 * (or a pool offers one). The engine and the route preview both enter nodes here.
 */
@Singleton
public final class Activation {
    private final ApproverResolution resolution;
    private final Seating seating;
    private final Tasks tasks;

    @Inject
    private Activation(ApproverResolution resolution, Seating seating, Tasks tasks) {
        this.resolution = resolution;
        this.seating = seating;
        this.tasks = tasks;
    }

    /**
     * Starts a new run of the node and gives its approvers their tasks.
     *
     * @return false when the node resolved nobody and is skipped (onEmpty SKIP): the caller completes it
     */
    boolean activate(InstanceChange r, Node.Approval a) {
        InstanceState.NodeRun run = new InstanceState.NodeRun();
        run.approvedBy = new ArrayList<>();
        InstanceState.NodeRun previous = r.st.runs.get(a.id());
        run.round = previous == null ? 1 : previous.round + 1;
        run.decided = new ArrayList<>();
        r.st.runs.put(a.id(), run);
        List<ApproverResolution.Resolved> resolved = resolution.resolve(r.tenant(), r.row.initiatorId(), r.formMap(),
                r.st.chosen, a.id(), a.approvers());
        // the one check (AssigneeCheck) decides who may sit at the node; SKIP and MANAGER say what to do with the initiator
        List<String> resolvedIds = new ArrayList<>(resolved.size());
        for (ApproverResolution.Resolved x : resolved) {
            resolvedIds.add(x.userId());
        }
        Seating.Selection selection = seating.select(r, a, resolvedIds);
        selection.notes().forEach(n -> r.history(n.action(), null, a.id(), null, n.detail()));
        List<String> users = new ArrayList<>(selection.users());
        List<String> auto = new ArrayList<>(selection.auto());
        String initiator = r.row.initiatorId();
        if (a.dedupe() && r.st.lastCompleted != null) {
            for (String u : r.st.approvedBy.getOrDefault(r.st.lastCompleted, List.of())) {
                if (users.contains(u) && !auto.contains(u)) {
                    auto.add(u);
                }
            }
        }
        boolean fallback = false;
        if (users.isEmpty() && (a.onEmpty() == Node.NoApprover.ADMIN || a.onEmpty() == Node.NoApprover.USER)) {
            List<Seating.Note> notes = new ArrayList<>();
            users.addAll(seating.fallback(r, a, notes));
            notes.forEach(n -> r.history(n.action(), null, a.id(), null, n.detail()));
            fallback = true;
        }
        if (users.isEmpty()) {
            if (r.trace != null) {
                r.trace.selected(r, a, resolved, selection, users, auto, fallback);
            }
            if (a.onEmpty() == Node.NoApprover.SKIP) {
                r.history("skipped", null, a.id(), null, "no approver resolved; the node is skipped");
                return false;
            }
            throw new ConflictException(WorkflowErrors.NO_APPROVER, "node '" + a.id() + "' of process '" + r.row.key() + "' v"
                    + r.row.version() + " resolved no approver for instance " + r.row.id()
                    + "; configure onEmpty (SKIP, ADMIN or USER) or fix the organisation (e.g. give the department a head)");
        }
        if (fallback) {
            r.history("approver-fallback", null, a.id(), null, "no approver resolved; " + a.onEmpty() + " -> " + users);
        }
        r.st.active.add(a.id());
        NodeMode mode = NodeMode.of(a);
        int seq = 0;
        for (String u : users) {
            if (auto.contains(u)) {
                TaskRow t = tasks.open(r, a.id(), run.round, seq++, TaskKinds.APPROVER, null, u, null, TaskStatus.DONE);
                String why = u.equals(initiator) && a.whenInitiator() == Node.InitiatorApprover.SKIP
                        ? "the initiator approves their own step automatically"
                        : "approved at the preceding node '" + r.st.lastCompleted + "'";
                tasks.close(r, t, TaskStatus.DONE, "AUTO_APPROVED", Actor.SYSTEM_USER, null);
                r.history("auto-approved", t.id(), a.id(), null, u + ": " + why);
                mode.counted(run);
            }
        }
        List<String> manual = new ArrayList<>(users.size());
        for (String u : users) {
            if (!auto.contains(u)) {
                manual.add(u);
            }
        }
        if (a.pool() && !run.anyApproved && !manual.isEmpty()) {
            // one task offered to every candidate; the first to claim it decides
            TaskRow t = tasks.open(r, a.id(), run.round, seq, TaskKinds.APPROVER, null, Tasks.UNASSIGNED, null, TaskStatus.OPEN);
            r.effects.add(new Effect.Offer(t.id(), manual));
            r.history("offered", t.id(), a.id(), null, "to the pool " + manual);
            r.publishTask("wf.task.offered", t.id(), Map.of("instanceId", r.row.id(), "candidates", manual, "nodeId", a.id(),
                    "title", r.row.title()));
        } else if (!manual.isEmpty()) {
            mode.open(tasks.of(r, a, run), run, manual, seq);
        }
        if (r.trace != null) {
            r.trace.selected(r, a, resolved, selection, users, auto, fallback);
        }
        return true;
    }
}

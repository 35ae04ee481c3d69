package dev.oakit.workflow.internal.engine;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.definition.SubProcessCalls;
import dev.oakit.workflow.internal.engine.mode.NodeMode;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.expr.Conditions;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an instance moves through its definition: leaving a node along its routes (conditions,
 * splits and joins), entering the next (approval, cc, service, sub-process, end), completing an
 * approval node by its mode's rule, and what an approval, a rejection, a reset and the end do to
 * the instance. Every command that moves an instance, and the route preview, go through here; it
 * changes the {@link InstanceChange} and lists effects, and writes nothing.
 *
 * <p>Over 500 lines: leaving, entering, completing, rejecting, resetting and ending call each other
 * (a completion leaves, leaving enters, entering an end ends, a rejection may reset or end), so the
 * moves stay in one class where each sees the others' rules; the walks over a definition at the end
 * (between, reachable, start) are small and are what the moves ask.
 */
@Singleton
public final class Flow {
    /** Job type of a service node's handler. */
    public static final String SERVICE_JOB = "wf.service";
    /** Service nodes whose handler calls a remote system: run with no transaction ({@code ServiceTaskHandler.runsInTransaction()} false). */
    public static final String REMOTE_SERVICE_JOB = "wf.service.remote";

    /** @return the start of the dedupe keys of an instance's service jobs */
    public static String serviceJobKeyPrefix(long instanceId) {
        return "wf-service-" + instanceId + "-";
    }

    /** @return the dedupe key of the service job of one node of an instance */
    public static String serviceJobKey(long instanceId, String nodeId) {
        return serviceJobKeyPrefix(instanceId) + nodeId;
    }
    private static final int MAX_STEPS = 1000;

    private final Activation activation;
    private final Tasks tasks;
    private final ApproverResolution resolution;
    private final Conditions conditions;

    // a provider: handlers may depend on the workflow's services (Approvals), which depend on Flow
    private final Provider<Set<ServiceTaskHandler>> handlers;
    private volatile Set<String> remoteHandlers;

    @Inject
    private Flow(Activation activation, Tasks tasks, ApproverResolution resolution, Conditions conditions,
                Provider<Set<ServiceTaskHandler>> handlers) {
        this.handlers = handlers;
        this.activation = activation;
        this.tasks = tasks;
        this.resolution = resolution;
        this.conditions = conditions;
    }

    /** @return the ids of the service handlers that run outside a transaction */
    private Set<String> remoteHandlers() {
        Set<String> ids = remoteHandlers;
        if (ids == null) {
            ids = handlers.get().stream().filter(h -> !h.runsInTransaction()).map(ServiceTaskHandler::id)
                    .collect(Collectors.toUnmodifiableSet());
            remoteHandlers = ids;
        }
        return ids;
    }

    // ------------------------------------------------------------------ routing

    /** Leaves a node along its routes. */
    public void leave(InstanceChange r, String nodeId) {
        Node n = r.node(nodeId);
        List<Route> out = r.def.routesFrom(nodeId);
        if (n instanceof Node.Exclusive) {
            List<Route> taken = pick(r, n, out, false);
            if (!taken.isEmpty()) {
                enter(r, taken.get(0).to());
            }
        } else if (n instanceof Node.Inclusive) {
            split(r, nodeId, pick(r, n, out, true));
        } else if (n instanceof Node.Parallel) {
            split(r, nodeId, out);
        } else {
            for (Route route : out) {
                enter(r, route.to());
            }
        }
    }

    /**
     * Takes every branch of a parallel or inclusive split; the join counts them. A join of the
     * first N branches may pass while the split is still entering its branches (a branch that
     * waits for nobody arrives at once): the branches not entered yet are then never started.
     */
    private void split(InstanceChange r, String splitId, List<Route> taken) {
        Optional<String> join = joinFor(r.d(), splitId);
        join.ifPresent(j -> r.st.joins.put(j, new int[]{taken.size(), 0}));
        for (Route route : taken) {
            if (join.isPresent() && !r.st.joins.containsKey(join.get())) {
                break; // the join passed already
            }
            enter(r, route.to());
        }
    }

    private static Optional<String> joinFor(ProcessDefinition d, String splitId) {
        return d.nodes().stream().filter(x -> x instanceof Node.Join j && splitId.equals(j.split())).map(Node::id).findFirst();
    }

    /** The routes a split takes: the first (exclusive) or every (inclusive) route whose condition holds, else the default. */
    private List<Route> pick(InstanceChange r, Node split, List<Route> out, boolean all) {
        // the initiator's attributes cost directory reads: only when a condition asks for them
        boolean needsInitiator = false;
        for (Route x : out) {
            needsInitiator |= x.condition() != null && x.condition().contains("initiator");
        }
        Map<String, Object> vars = Map.of("form", r.formMap(),
                "initiator", needsInitiator ? resolution.initiatorVariables(r.tenant(), r.row.initiatorId()) : Map.of(),
                "instance", Map.of("priority", r.row.priority(), "businessKey", r.row.businessKey() == null ? "" : r.row.businessKey()));
        List<Trace.Evaluated> evaluated = r.trace == null ? null : new ArrayList<>();
        List<Route> taken = new ArrayList<>();
        Route fallback = null;
        for (Route route : out) {
            if (route.isDefault()) {
                fallback = route;
                continue;
            }
            boolean holds;
            String error = null;
            try {
                holds = route.condition() == null || conditions.compile(route.condition()).evaluate(vars);
            } catch (ValidationException e) {
                if (r.trace == null) {
                    throw e;
                }
                holds = false; // the preview notes it and goes on; the engine's command fails
                error = e.getMessage();
            }
            if (evaluated != null) {
                evaluated.add(new Trace.Evaluated(route, holds, error));
            }
            if (holds) {
                taken.add(route);
                if (!all) {
                    break;
                }
            }
        }
        Route usedDefault = null;
        if (taken.isEmpty() && fallback != null) {
            taken.add(fallback);
            usedDefault = fallback;
        }
        if (r.trace != null) {
            r.trace.branched(r, split, evaluated, taken, usedDefault);
        }
        if (taken.isEmpty()) {
            throw new ConflictException(WorkflowErrors.NO_ROUTE, "branch '" + split.id() + "' of process '" + r.row.key() + "' v"
                    + r.row.version() + " has no route whose condition holds for instance " + r.row.id()
                    + " and no default route; add a default route or check the form data");
        }
        return taken;
    }

    /** Enters a node. */
    public void enter(InstanceChange r, String nodeId) {
        if (++r.steps > MAX_STEPS) {
            throw new ConflictException(WorkflowErrors.LOOP, "instance " + r.row.id() + " passed " + MAX_STEPS
                    + " nodes in one command; the process loops without waiting for anyone");
        }
        Node n = r.node(nodeId);
        if (n instanceof Node.Join j) {
            int[] counter = r.st.joins.get(nodeId);
            int needed = counter == null ? 0 : j.first() == null ? counter[0] : Math.min(j.first(), counter[0]);
            if (counter != null && ++counter[1] < needed) {
                return; // waits for the other branches
            }
            // every branch (or the first N) arrived, or reached without its split (after a jump): pass through
            r.st.joins.remove(nodeId);
            if (counter != null && needed < counter[0]) {
                closeOtherBranches(r, j, counter[1], counter[0]);
            }
            if (r.trace == null || r.trace.joined(r, (Node.Join) n)) {
                leave(r, nodeId);
            }
            return;
        }
        if (r.trace != null && !r.trace.entering(r, n)) {
            return;
        }
        if (n instanceof Node.Approval a) {
            if (activation.activate(r, a)) {
                evaluate(r, a);
            } else {
                complete(r, a);
            }
        } else if (n instanceof Node.Cc c) {
            cc(r, c);
            leave(r, nodeId);
        } else if (n instanceof Node.Service s) {
            r.st.active.add(nodeId);
            String type = remoteHandlers().contains(s.handler()) ? REMOTE_SERVICE_JOB : SERVICE_JOB;
            r.effects.add(new Effect.Schedule(JobRequest.of(type, Map.of("instanceId", r.row.id(), "node", nodeId))
                    .maxAttempts(s.maxAttempts()).dedupe(serviceJobKey(r.row.id(), nodeId))));
            r.history("service-scheduled", null, nodeId, null, "handler " + s.handler());
        } else if (n instanceof Node.SubProcess sp) {
            r.st.active.add(nodeId);
            // the sub-process runs for the parent's initiator (their managers, their department)
            // a cycle of calls (or a chain too deep) stops here with a clear error, not a StackOverflowError
            List<String> calls = SubProcessCalls.call(r.st.calls, r.row.key(), sp.process(), r.row.id(), nodeId);
            r.effects.add(new Effect.StartChild(nodeId, new StartRequest(sp.process(), null, r.row.businessKey(), r.formMap(), null,
                    r.row.priority(), null), r.row.initiatorId(), calls));
        } else if (n instanceof Node.End e) {
            end(r, e.outcome() == Node.Outcome.APPROVED ? InstanceStatus.APPROVED : InstanceStatus.REJECTED, nodeId);
        } else {
            leave(r, nodeId); // exclusive, parallel, inclusive, start
        }
    }

    private void cc(InstanceChange r, Node.Cc c) {
        List<ApproverResolution.Resolved> to = resolution.resolve(r.tenant(), r.row.initiatorId(), r.formMap(), r.st.chosen,
                c.id(), c.recipients());
        if (r.trace != null) {
            r.trace.copied(r, c, to);
        }
        List<String> users = to.stream().map(ApproverResolution.Resolved::userId).toList();
        r.effects.add(new Effect.CcTo(c.id(), users));
        r.history("cc", null, c.id(), null, "cc to " + users);
        // the recipients are told (stored only when someone listens)
        r.publishInstance("wf.instance.cc", Map.of("nodeId", c.id(), "title", r.row.title(), "recipients", users,
                "initiatorId", r.row.initiatorId()));
    }

    // ------------------------------------------------------------------ completing approval nodes

    /** Checks whether an approval node is complete, passed or failed (its mode's rule), and moves on. */
    public void evaluate(InstanceChange r, Node.Approval a) {
        if (r.status != InstanceStatus.RUNNING || !r.st.active.contains(a.id())) {
            return;
        }
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        // loops, not streams, on what every approval runs: fewer layers while the code is not compiled yet
        List<TaskRow> nodeOpen = new ArrayList<>();
        boolean afterOpen = false;
        for (TaskRow t : r.open) {
            if (t.nodeId().equals(a.id()) && t.round() == run.round) {
                nodeOpen.add(t);
                afterOpen |= t.kind().equals(TaskKinds.AFTER);
            }
        }
        NodeMode.Completion c = NodeMode.of(a).completion(a, run, nodeOpen);
        if (c.failed()) {
            r.history(c.action(), null, a.id(), null, c.detail());
            end(r, InstanceStatus.REJECTED, a.id());
        } else if (c.passed()) {
            if (c.closeOthersAs() != null) {
                for (TaskRow t : nodeOpen) {
                    if (!t.kind().equals(TaskKinds.AFTER)) {
                        tasks.close(r, t, TaskStatus.CANCELLED, c.closeOthersAs(), null, null);
                    }
                }
            }
            if (c.action() != null) {
                r.history(c.action(), null, a.id(), null, c.detail());
            }
            if (!afterOpen) {
                complete(r, a);
            }
        }
    }

    /** An approval node is done: record who approved, and move on. */
    private void complete(InstanceChange r, Node.Approval a) {
        r.st.active.remove(a.id());
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        // runs started before approvers were kept in the state fall back to the task table
        List<String> approvers = run.approvedBy != null ? List.copyOf(new LinkedHashSet<>(run.approvedBy))
                : r.reads.approversOfRound(r.row.id(), a.id(), run.round);
        r.st.approvedBy.put(a.id(), approvers);
        r.st.visited.remove(a.id());
        r.st.visited.add(a.id());
        r.st.lastCompleted = a.id();
        leave(r, a.id());
    }

    /** A task of the node was approved (by its assignee or automatically): counts it and moves on. */
    public void approved(InstanceChange r, Node.Approval a, TaskRow t) {
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        if (t.kind().equals(TaskKinds.BEFORE)) {
            reopenIfSignersDone(r, t.waitingFor());
            return;
        }
        NodeMode mode = NodeMode.of(a);
        if (!t.kind().equals(TaskKinds.AFTER)) {
            mode.counted(run);
        }
        if (t.kind().equals(TaskKinds.APPROVER) || t.kind().equals(TaskKinds.AFTER)) {
            mode.next(tasks.of(r, a, run), run);
        }
        evaluate(r, a);
    }

    /** A rejection is a vote against where the mode votes, and ends the instance everywhere else. */
    public void rejected(InstanceChange r, Node.Approval a, TaskRow t) {
        rejected(r, a, t, null);
    }

    /**
     * A rejection is a vote against where the mode votes; elsewhere it ends the instance, or, at a
     * node with {@code onReject: REFILL} (驳回重填), returns it to the initiator with a task to refill
     * the form, carrying the rejecting {@code comment}.
     */
    public void rejected(InstanceChange r, Node.Approval a, TaskRow t, String comment) {
        if (NodeMode.of(a).rejectionIsVote() && (t.kind().equals(TaskKinds.APPROVER) || t.kind().equals(TaskKinds.PARALLEL))) {
            r.st.runs.get(a.id()).rejections++;
            evaluate(r, a);
        } else if (a.onReject() == Node.OnReject.REFILL) {
            reset(r);
            r.st.returnedFrom = a.id();
            r.status = InstanceStatus.RETURNED;
            TaskRow refill = tasks.openRefill(r, a.id(), comment);
            r.history("refill-requested", refill.id(), a.id(), comment, "back to " + r.row.initiatorId() + " to refill the form");
            r.publishInstance("wf.instance.returned", Map.of("to", start(r.d()).id(), "by", r.actor.userId(),
                    "initiatorId", r.row.initiatorId()));
        } else {
            end(r, InstanceStatus.REJECTED, t.nodeId());
        }
    }

    /** Closes the initiator's refill task (驳回重填) of a returned instance, if it has one. */
    public void closeRefill(InstanceChange r, String outcome, String comment) {
        for (TaskRow o : List.copyOf(r.open)) {
            if (o.kind().equals(TaskKinds.REFILL)) {
                tasks.close(r, o, TaskStatus.DONE, outcome, r.actor.userId(), comment);
            }
        }
    }

    /** A signer added before closed: the task waiting for them reopens once none of them is open. */
    public void reopenIfSignersDone(InstanceChange r, Long waitingTaskId) {
        if (waitingTaskId == null) {
            return;
        }
        boolean signersLeft = r.open.stream().anyMatch(x -> waitingTaskId.equals(x.waitingFor()));
        if (!signersLeft) {
            r.open.stream().filter(x -> x.id() == waitingTaskId && x.status() == TaskStatus.WAITING).findFirst().ifPresent(w -> {
                tasks.change(r, w, w.assigneeId(), w.ownerId(), TaskStatus.OPEN);
                r.history("reopened", w.id(), w.nodeId(), null, "the signers added before approved");
            });
        }
    }

    // ------------------------------------------------------------------ ending, resetting

    /** Ends the instance: every open task closes, waiting jobs and running sub-processes go, the parent learns. */
    public void end(InstanceChange r, InstanceStatus outcome, String nodeId) {
        r.status = outcome;
        closeEverything(r);
        r.history("ended", null, nodeId, null, outcome.name());
        r.publishInstance("wf.instance.ended", Map.of("processKey", r.row.key(), "outcome", outcome.name(),
                "initiatorId", r.row.initiatorId()));
        if (r.row.parentId() != null) {
            r.effects.add(new Effect.ContinueParent(r.row.parentId(), r.row.parentNode(), outcome));
        }
    }

    /** A sub-process instance ends with its parent (cancelled). */
    public void cancelWithParent(InstanceChange r, long parentId) {
        r.status = InstanceStatus.CANCELLED;
        closeEverything(r);
        r.history("ended", null, null, null, "CANCELLED with its parent instance " + parentId);
    }

    private void closeEverything(InstanceChange r) {
        for (TaskRow t : List.copyOf(r.open)) {
            tasks.close(r, t, TaskStatus.CANCELLED, "INSTANCE_ENDED", null, null);
        }
        r.st.active.clear();
        r.st.joins.clear();
        cancelServiceJobs(r);
        if (r.def.hasSubProcesses()) {
            r.effects.add(new Effect.CancelChildren(r.endingChild));
        }
    }

    /** Withdraws the instance's service jobs that have not started (without a service node there is none). */
    private static void cancelServiceJobs(InstanceChange r) {
        if (r.def.hasServices()) {
            r.effects.add(new Effect.CancelServiceJobs(null));
        }
    }

    /** Closes every open task and forgets branches in flight. */
    public void reset(InstanceChange r) {
        for (TaskRow o : List.copyOf(r.open)) {
            tasks.close(r, o, TaskStatus.CANCELLED, "RESET", null, null);
        }
        r.st.active.clear();
        r.st.joins.clear();
        cancelServiceJobs(r);
        // after a reset no node was "just completed": nobody may withdraw an approval from an earlier round
        r.st.lastCompleted = null;
    }

    /**
     * Undoes the part of the instance that lies at or after {@code target}: open tasks and waiting
     * nodes reachable from it are closed, and a join whose split is reachable from it starts over.
     * Branches that {@code target} does not lead to (sibling parallel branches) keep their tasks
     * and their place at the join.
     */
    public void resetFrom(InstanceChange r, String target) {
        Set<String> affected = new LinkedHashSet<>(reachable(r.d(), target));
        affected.add(target);
        for (TaskRow o : List.copyOf(r.open)) {
            if (affected.contains(o.nodeId())) {
                tasks.close(r, o, TaskStatus.CANCELLED, "RESET", null, null);
            }
        }
        for (String n : affected) {
            if (r.st.active.remove(n) && r.node(n) instanceof Node.Service) {
                r.effects.add(new Effect.CancelServiceJobs(n));
            }
        }
        r.st.joins.keySet().removeIf(j -> r.node(j) instanceof Node.Join join && affected.contains(join.split()));
        r.st.visited.removeIf(affected::contains);
        r.st.lastCompleted = null;
    }

    /**
     * A join of the first N branches passed: what still runs in the split's other branches stops,
     * as an ANY node closes its other tasks. Their open and waiting tasks close ({@code CLOSED_BY_JOIN}),
     * their waiting service nodes lose their jobs, and the joins of splits nested in them forget their counters.
     */
    private void closeOtherBranches(InstanceChange r, Node.Join j, int arrived, int branches) {
        Set<String> between = between(r.d(), j);
        if (r.trace != null) {
            r.trace.closedByJoin(r, j, between);
        }
        List<String> closed = new ArrayList<>();
        for (TaskRow o : List.copyOf(r.open)) {
            if (between.contains(o.nodeId())) {
                tasks.close(r, o, TaskStatus.CANCELLED, "CLOSED_BY_JOIN", null, null);
                closed.add(o.nodeId() + ":" + o.assigneeId());
            }
        }
        for (String node : between) {
            if (r.st.active.remove(node) && r.node(node) instanceof Node.Service) {
                r.effects.add(new Effect.CancelServiceJobs(node));
            }
        }
        r.st.joins.keySet().removeIf(other -> r.node(other) instanceof Node.Join nested && between.contains(nested.split()));
        r.history("join-passed", null, j.id(), null, arrived + " of " + branches + " branches of '" + j.split()
                + "' arrived" + (closed.isEmpty() ? "" : "; closed in the other branches: " + closed));
    }

    /** @return the nodes on the branches of a join's split: reachable from the split, leading to the join, neither of the two */
    public static Set<String> between(ProcessDefinition d, Node.Join j) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : reachable(d, j.split())) {
            if (!n.equals(j.id()) && !n.equals(j.split()) && reachable(d, n).contains(j.id())) {
                out.add(n);
            }
        }
        return out;
    }

    /** @return true when the node lies between a parallel or inclusive split and its join */
    public static boolean insideBranches(ProcessDefinition d, String nodeId) {
        for (Node n : d.nodes()) {
            if (n instanceof Node.Join j && !j.id().equals(nodeId) && reachable(d, j.split()).contains(nodeId)
                    && reachable(d, nodeId).contains(j.id())) {
                return true;
            }
        }
        return false;
    }

    /** @return every node reachable from {@code from} along routes (itself only when on a loop) */
    public static Set<String> reachable(ProcessDefinition d, String from) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            for (Route route : d.routesFrom(todo.poll())) {
                if (seen.add(route.to())) {
                    todo.add(route.to());
                }
            }
        }
        return seen;
    }

    /** @return the definition's start node */
    public static Node.Start start(ProcessDefinition d) {
        return (Node.Start) d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
    }
}

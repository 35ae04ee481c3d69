package dev.oakit.workflow.internal.engine;

import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormField;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationReport.Problem;
import dev.oakit.workflow.MigrationReport.Reason;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.deadline.Deadlines;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moving an instance to another version of its process: the check that lists every reason an
 * instance cannot move ({@link #check}), a pure function of its loaded snapshot, and the move itself
 * ({@link #apply}), which returns the instance as the target version sees it, with the effects the
 * writer applies (the row's version, the tasks' node, deadlines planned again, the timeline line).
 */
@Singleton
public final class Migration {
    private final Flow flow;
    private final Deadlines deadlines;

    @Inject
    private Migration(Flow flow, Deadlines deadlines) {
        this.flow = flow;
        this.deadlines = deadlines;
    }

    /** @return the node of {@code b} a node of the source version maps to (an explicit pair, else the same id), or null */
    public static String target(MigrationPlan plan, ProcessDefinition b, String sourceId) {
        String to = plan.mapping().get(sourceId);
        if (to != null) {
            return b.node(to).isPresent() ? to : null;
        }
        return b.node(sourceId).isPresent() ? sourceId : null;
    }

    /**
     * Every reason why the instance cannot move as planned; empty when it can.
     *
     * @param r the instance as loaded, on its current version
     * @param b the target version
     */
    public static List<Reason> check(InstanceChange r, MigrationPlan plan, ProcessDefinition b) {
        List<Reason> out = new ArrayList<>();
        InstanceRow row = r.row;
        String to = "v" + plan.toVersion();
        if (!row.key().equals(plan.processKey()) || row.version() != plan.fromVersion()) {
            out.add(new Reason(Problem.NOT_MIGRATABLE, null, "instance " + row.id() + " runs on '" + row.key() + "' v" + row.version()
                    + ", not on '" + plan.processKey() + "' v" + plan.fromVersion() + "; make a plan from its own version"));
            return out;
        }
        if (r.status.ended()) {
            out.add(new Reason(Problem.NOT_MIGRATABLE, null, "instance " + row.id() + " already ended " + r.status
                    + "; only running, suspended or returned instances migrate"));
            return out;
        }
        ProcessDefinition a = r.d();
        Map<String, String> waitingBy = new LinkedHashMap<>();
        Set<String> waiting = new LinkedHashSet<>(r.st.active);
        r.open.forEach(t -> waiting.add(t.nodeId()));
        for (String n : waiting) {
            Node from = r.node(n);
            String t = target(plan, b, n);
            if (t == null) {
                out.add(new Reason(Problem.NO_COUNTERPART, n, "node '" + n + "' (" + r.nodeName(n) + ") waits for work but " + to
                        + " has no node '" + plan.mapping().getOrDefault(n, n) + "'; map it to a node of " + to
                        + " (plan.map(\"" + n + "\", ...)) or move the instance on first (jump)"));
                continue;
            }
            String other = waitingBy.putIfAbsent(t, n);
            if (other != null) {
                out.add(new Reason(Problem.MERGED, n, "nodes '" + other + "' and '" + n + "' both wait and both map to '" + t + "' of "
                        + to + "; map each waiting node to a node of its own"));
            }
            Node into = b.node(t).orElseThrow();
            if (from.getClass() != into.getClass()) {
                out.add(new Reason(Problem.KIND_CHANGED, n, "node '" + n + "' is " + type(from) + " node but '" + t + "' of " + to
                        + " is " + type(into) + " node; map it to " + type(from) + " node"));
                continue;
            }
            if (from instanceof Node.Approval x && into instanceof Node.Approval y) {
                approval(r, x, y, b, to, out);
            } else if (from instanceof Node.Service x && into instanceof Node.Service y
                    && (!x.id().equals(y.id()) || !x.handler().equals(y.handler()))) {
                out.add(new Reason(Problem.SERVICE_CHANGED, n, "service node '" + n + "' waits for its handler '" + x.handler()
                        + "', whose job is scheduled under the node's id; map it to a service node of " + to
                        + " with the same id and handler, or migrate after the job ran"));
            } else if (from instanceof Node.SubProcess x && into instanceof Node.SubProcess y
                    && (!x.id().equals(y.id()) || !x.process().equals(y.process()))) {
                out.add(new Reason(Problem.SUBPROCESS_CHANGED, n, "sub-process node '" + n + "' waits for an instance of '" + x.process()
                        + "' that reports back to this node id; map it to a sub-process node of " + to
                        + " with the same id and process, or migrate after the sub-process ended"));
            }
            if (!Flow.insideBranches(a, n) && Flow.insideBranches(b, t)) {
                out.add(new Reason(Problem.BRANCHES_IN_FLIGHT, n, "node '" + n + "' lies on no parallel branch but '" + t + "' of "
                        + to + " does: its join would not know which branches run; map it to a node outside the branches"));
            }
        }
        merged(r, plan, b, to, waitingBy, out);
        joins(r, plan, b, to, out);
        if (r.st.returnedFrom != null && r.status == InstanceStatus.RETURNED && target(plan, b, r.st.returnedFrom) == null) {
            out.add(new Reason(Problem.NO_COUNTERPART, r.st.returnedFrom, "the instance was returned from node '" + r.st.returnedFrom
                    + "', which has no counterpart in " + to + "; map it (plan.map(\"" + r.st.returnedFrom + "\", ...))"));
        }
        return out;
    }

    private static String type(Node n) {
        String name = n.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return (name.startsWith("a") || name.startsWith("e") || name.startsWith("i") ? "an " : "a ") + name;
    }

    /** An approval node's open tasks carry over to a node of the same mode and pooling; the fields it shows stay in the form. */
    private static void approval(InstanceChange r, Node.Approval x, Node.Approval y, ProcessDefinition b, String to, List<Reason> out) {
        if (x.mode() != y.mode() || !x.pool().equals(y.pool())) {
            out.add(new Reason(Problem.MODE_CHANGED, x.id(), "node '" + x.id() + "' decides " + mode(x) + " but '" + y.id() + "' of " + to
                    + " decides " + mode(y) + ": its open tasks and what was decided so far cannot carry over; map it to a node of the same"
                    + " mode, or migrate after the node completed"));
        }
        ProcessDefinition a = r.d();
        if (a.form() == null || b.form() == null) {
            return;
        }
        for (FormField f : a.form().fields()) {
            FieldAccess shown = x.fields().getOrDefault(f.key(), FieldAccess.READ_ONLY);
            boolean held = r.form().hasNonNull(f.key());
            if (held && shown != FieldAccess.HIDDEN && b.form().field(f.key()) == null) {
                out.add(new Reason(Problem.FIELD_DROPPED, x.id(), "form field '" + f.key() + "' that node '" + x.id()
                        + "' shows its approvers (with a value on this instance) is not in the form of " + to
                        + "; keep the field in " + to + " or migrate after the node completed"));
            }
        }
    }

    private static String mode(Node.Approval a) {
        String name = switch (a.mode()) {
            case ALL -> "ALL (会签)";
            case ANY -> "ANY (或签)";
            case SEQUENTIAL -> "SEQUENTIAL (依次审批)";
            case VOTE -> "VOTE (票签)";
        };
        return a.pool() ? name + " as a pool" : name;
    }

    /** Branches in flight: the join's counterpart joins the split's counterpart, and every waiting branch node stays between them. */
    private static void joins(InstanceChange r, MigrationPlan plan, ProcessDefinition b, String to, List<Reason> out) {
        for (Map.Entry<String, int[]> e : r.st.joins.entrySet()) {
            Node.Join j = (Node.Join) r.node(e.getKey());
            String waits = "branches of '" + j.split() + "' are in flight (join '" + j.id() + "' has " + e.getValue()[1] + " of "
                    + e.getValue()[0] + ")";
            String tj = target(plan, b, j.id());
            String ts = target(plan, b, j.split());
            Node joinB = tj == null ? null : b.node(tj).orElseThrow();
            if (!(joinB instanceof Node.Join jb) || !jb.split().equals(ts)) {
                out.add(new Reason(Problem.BRANCHES_IN_FLIGHT, j.id(), waits + " but " + to + " has no join of '" + (ts == null ? j.split() : ts)
                        + "' at '" + (tj == null ? j.id() : tj) + "'; map the join and its split to a join and its split, or migrate after"
                        + " the branches joined"));
                continue;
            }
            Set<String> inA = Flow.between(r.d(), j);
            Set<String> inB = Flow.between(b, jb);
            for (String n : r.st.active) {
                String t = target(plan, b, n);
                if (inA.contains(n) && t != null && !inB.contains(t)) {
                    out.add(new Reason(Problem.BRANCHES_IN_FLIGHT, n, "node '" + n + "' waits on a branch of '" + j.split() + "' but '" + t
                            + "' of " + to + " lies on no branch between '" + jb.split() + "' and '" + jb.id()
                            + "'; map it to a node on those branches"));
                }
            }
        }
    }

    /**
     * Moves a checked instance to the target version: the same state with its nodes renamed, its open tasks moved to
     * their nodes' counterparts (the tasks of the nodes' current runs, closed ones included, so counters and signed votes
     * carry over), deadlines of open tasks planned again from when they opened where the node's deadline changed, and a
     * timeline line. A node the target version lets complete now (a lower pass ratio) completes.
     *
     * @param r the instance as loaded, on its current version; {@link #check} found no reason
     * @param target the target version
     * @return the instance on the target version, with the effects to write
     */
    public InstanceChange apply(InstanceChange r, MigrationPlan plan, DefinitionService.Stored target) {
        ProcessDefinition a = r.d();
        ProcessDefinition b = target.definition();
        InstanceRow row = r.row;
        InstanceRow moved = new InstanceRow(row.id(), row.tenantId(), target.id(), row.key(), target.version(), row.title(),
                row.businessKey(), row.initiatorId(), row.status(), row.priority(), row.form(), row.state(), row.parentId(),
                row.parentNode(), row.startedAt(), row.endedAt());
        InstanceChange m = new InstanceChange(r.actor, r.now, moved, target, r.st, r.form(), r.status, new ArrayList<>(r.open), r.reads,
                null, r.json());
        InstanceState st = m.st;
        // the tasks of each waiting node's current run move with it
        Map<String, Integer> rounds = new LinkedHashMap<>();
        for (TaskRow t : r.open) {
            InstanceState.NodeRun run = st.runs.get(t.nodeId());
            rounds.putIfAbsent(t.nodeId() + "\u0000" + t.round(), t.round());
            if (run != null && run.round != t.round()) {
                rounds.putIfAbsent(t.nodeId() + "\u0000" + run.round, run.round);
            }
        }
        for (String n : st.active) {
            InstanceState.NodeRun run = st.runs.get(n);
            if (run != null) {
                rounds.putIfAbsent(n + "\u0000" + run.round, run.round);
            }
        }
        for (Map.Entry<String, Integer> e : rounds.entrySet()) {
            String n = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            String t = target(plan, b, n);
            Node into = b.node(t).orElseThrow();
            String name = into.name() == null ? into.id() : into.name();
            Node from = a.node(n).orElseThrow();
            if (!n.equals(t) || !Objects.equals(from.name() == null ? n : from.name(), name)) {
                m.effects.add(new Effect.RenameTasks(n, e.getValue(), t, name));
            }
        }
        m.open.replaceAll(t -> {
            String n = target(plan, b, t.nodeId());
            Node into = b.node(n).orElseThrow();
            TaskRow renamed = new TaskRow(t.id(), t.instanceId(), n, into.name() == null ? n : into.name(), t.round(), t.seq(), t.kind(),
                    t.waitingFor(), t.assigneeId(), t.ownerId(), t.status(), t.outcome(), t.key(), t.title(), t.initiatorId(),
                    t.actedBy(), t.createdAt(), t.completedAt(), t.dueAt(), t.proxyFor(), t.comment());
            return replan(m, a, b, t, renamed);
        });
        renameState(st, plan, b);
        m.effects.add(new Effect.MoveToVersion(target.id(), target.version()));
        String mapping = plan.mapping().isEmpty() ? "same node ids" : plan.mapping().toString();
        m.history("migrated", null, null, null, "migrated to version " + target.version() + " by " + r.actor.userId() + " (from version "
                + row.version() + "; mapping: " + mapping + ")");
        m.publishInstance("wf.instance.migrated", Map.of("processKey", row.key(), "fromVersion", row.version(),
                "toVersion", target.version(), "by", r.actor.userId()));
        m.summary("migrated instance " + row.id() + " of '" + row.key() + "' from v" + row.version() + " to v" + target.version()
                + " (mapping: " + mapping + ")");
        if (m.status == InstanceStatus.RUNNING) {
            for (String n : List.copyOf(st.active)) {
                if (m.node(n) instanceof Node.Approval ap) {
                    flow.evaluate(m, ap);
                }
            }
        }
        return m;
    }

    /** An open task whose node's deadline changed gets its deadline again, counted from when it opened on the new node's calendar. */
    private TaskRow replan(InstanceChange m, ProcessDefinition a, ProcessDefinition b, TaskRow old, TaskRow renamed) {
        if (old.status() != TaskStatus.OPEN || !(a.node(old.nodeId()).orElseThrow() instanceof Node.Approval x)
                || !(b.node(renamed.nodeId()).orElseThrow() instanceof Node.Approval y)) {
            return renamed;
        }
        Deadline before = a.deadlineOf(x);
        Deadline after = b.deadlineOf(y);
        if (Objects.equals(before, after)) {
            return renamed;
        }
        Instant due = deadlines.dueAt(after, m.row.priority(), old.createdAt());
        m.effects.add(new Effect.MoveDeadline(old.id(), due, after, old.createdAt()));
        return renamed.withDue(due);
    }

    /** Node ids in the state become the target's; what has no counterpart (or is no approval node there) is forgotten. */
    private static void renameState(InstanceState st, MigrationPlan plan, ProcessDefinition b) {
        st.active = new ArrayList<>(st.active.stream().map(n -> target(plan, b, n)).toList());
        st.joins = renameKeys(st.joins, plan, b);
        st.runs = renameKeys(st.runs, plan, b);
        st.chosen = renameKeys(st.chosen, plan, b);
        st.approvedBy = renameKeys(st.approvedBy, plan, b);
        st.approvedBy.keySet().removeIf(n -> !(b.node(n).orElseThrow() instanceof Node.Approval));
        List<String> visited = new ArrayList<>();
        for (String n : st.visited) {
            String t = target(plan, b, n);
            if (t != null && b.node(t).orElseThrow() instanceof Node.Approval && !visited.contains(t)) {
                visited.add(t);
            }
        }
        st.visited = visited;
        st.returnedFrom = st.returnedFrom == null ? null : target(plan, b, st.returnedFrom);
        st.lastCompleted = st.lastCompleted == null ? null : target(plan, b, st.lastCompleted);
    }

    /**
     * A waiting node mapped onto the target of another source node that holds state (a run, votes, a join count, a
     * choice, a visit) would mix the two: the state keeps one of them and the tasks of both share one node and round.
     */
    private static void merged(InstanceChange r, MigrationPlan plan, ProcessDefinition b, String to, Map<String, String> waitingBy,
                               List<Reason> out) {
        Set<String> withState = new LinkedHashSet<>(r.st.visited);
        withState.addAll(r.st.runs.keySet());
        withState.addAll(r.st.joins.keySet());
        withState.addAll(r.st.approvedBy.keySet());
        withState.addAll(r.st.chosen.keySet());
        waitingBy.forEach((t, n) -> withState.stream()
                .filter(o -> !o.equals(n) && !waitingBy.containsValue(o) && t.equals(target(plan, b, o)))
                .findFirst()
                .ifPresent(o -> out.add(new Reason(Problem.MERGED, n, "node '" + n + "' waits and maps to '" + t + "' of " + to
                        + ", which node '" + o + "' (already run) maps to as well: their votes and tasks would mix; map '" + n
                        + "' to a node of its own"))));
    }

    private static <V> Map<String, V> renameKeys(Map<String, V> m, MigrationPlan plan, ProcessDefinition b) {
        Map<String, V> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String t = target(plan, b, k);
            if (t != null) {
                out.putIfAbsent(t, v);
            }
        });
        return out;
    }
}

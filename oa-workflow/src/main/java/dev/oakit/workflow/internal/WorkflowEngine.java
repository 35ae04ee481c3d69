package dev.oakit.workflow.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.store.CcRepository;
import dev.oakit.workflow.internal.store.CoreJobStatements;
import dev.oakit.workflow.internal.store.HistoryRepository;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.store.TaskRepository;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.definition.SubProcessCalls;
import dev.oakit.workflow.internal.engine.mode.NodeMode;
import dev.oakit.workflow.internal.engine.mode.NodeTasks;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.expr.Conditions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval engine: every command loads the instance (row-locked) with its open tasks, checks
 * who may act and what the state allows, moves the instance along its routes, and writes tasks,
 * history and state back in the command's transaction. See docs/approval-semantics.md.
 */
@Singleton
public final class WorkflowEngine implements Approvals {
    static final String KIND_APPROVER = TaskKinds.APPROVER;
    static final String KIND_PARALLEL = TaskKinds.PARALLEL;
    static final String KIND_BEFORE = TaskKinds.BEFORE;
    static final String KIND_AFTER = TaskKinds.AFTER;
    static final String SERVICE_JOB = "wf.service";
    /** The assignee of a pooled task nobody claimed yet. */
    static final String UNASSIGNED = "";
    private static final int MAX_STEPS = 1000;

    private final Commands commands;
    private final DefinitionStore definitions;
    private final ApproverResolution resolution;
    private final Conditions conditions;
    private final ObjectMapper json;
    private final dev.oakit.core.notify.Notifications notifications;
    private final dev.oakit.workflow.WorkflowConfig config;
    private final dev.oakit.workflow.internal.deadline.Deadlines deadlines;
    private final Seating seating;
    private final InstanceRepository instances;
    private final TaskRepository tasks;
    private final HistoryRepository historyRecords;
    private final CcRepository ccRecords;

    @Inject
    public WorkflowEngine(Commands commands, DefinitionStore definitions, ApproverResolution resolution, Conditions conditions,
                          ObjectMapper json, dev.oakit.core.notify.Notifications notifications, dev.oakit.workflow.WorkflowConfig config,
                          dev.oakit.workflow.internal.deadline.Deadlines deadlines, Seating seating, InstanceRepository instances,
                          TaskRepository tasks, HistoryRepository historyRecords, CcRepository ccRecords) {
        this.instances = instances;
        this.tasks = tasks;
        this.historyRecords = historyRecords;
        this.ccRecords = ccRecords;
        this.seating = seating;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.config = config;
        this.commands = commands;
        this.definitions = definitions;
        this.resolution = resolution;
        this.conditions = conditions;
        this.json = json;
    }

    /** The state of one command on one instance. */
    final class Run {
        final CommandContext ctx;
        final Handle h;
        final Actor actor;
        final Instant now;
        InstanceRow row;
        DefinitionStore.Stored def;
        InstanceState st;
        ObjectNode form;
        InstanceStatus status;
        final List<TaskRow> open = new ArrayList<>();
        /** History entries written in one batch when the command saves the instance. */
        final List<Object[]> history = new ArrayList<>();
        /** A sub-process instance that is ending right now and so must not be cancelled with its parent. */
        Long endingChild;
        int steps;

        Run(CommandContext ctx) {
            this.ctx = ctx;
            this.h = ctx.handle();
            this.actor = ctx.actor();
            this.now = ctx.now();
        }

        ProcessDefinition d() {
            return def.definition();
        }

        String tenant() {
            return actor.tenantId();
        }

        Node node(String id) {
            return d().node(id).orElseThrow(() -> new IllegalStateException("node '" + id + "' missing from process '"
                    + row.key() + "' v" + row.version()));
        }

        String nodeName(String id) {
            Node n = node(id);
            return n.name() == null ? n.id() : n.name();
        }

        Map<String, Object> formMap() {
            return json.convertValue(form, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
    }

    // ------------------------------------------------------------------ start

    @Override
    public ProcessInstance start(Actor initiator, StartRequest request) {
        Checks.notNull("initiator", initiator);
        Checks.notNull("request", request);
        ProcessInstance[] built = new ProcessInstance[1];
        long id = commands.execute(CommandSpec.of(initiator, "wf.instance.start").withRequestId(request.requestId()), Long.class,
                ctx -> startIn(ctx, request, null, null, initiator.userId(), null, built));
        // the view built from the command's own state saves two reads; a repeated request id reads it back
        return built[0] != null ? built[0] : commands.query(h -> view(h, initiator, id));
    }

    /**
     * @param calls the process keys of the instances above a sub-process instance, outermost first;
     *              null for an instance a user starts
     */
    private long startIn(CommandContext ctx, StartRequest request, Long parentId, String parentNode, String initiatorId,
                         List<String> calls, ProcessInstance[] view) {
        Run r = new Run(ctx);
        DefinitionStore.Stored seen = definitions.latestSeen(r.tenant(), request.processKey());
        r.def = seen != null ? seen : definitions.latest(r.h, r.tenant(), request.processKey());
        ProcessDefinition d = r.d();
        Node.Start start = d.nodes().stream().filter(Node.Start.class::isInstance).map(Node.Start.class::cast).findFirst()
                .orElseThrow();
        ObjectNode empty = json.createObjectNode();
        ObjectNode submitted = json.valueToTree(request.form());
        r.form = d.form() == null ? submitted : FormAccess.of(d.form(), start.fields(), FieldAccess.EDITABLE).write(empty, submitted);
        r.st = new InstanceState();
        r.st.timelineChars = 0;
        r.st.calls = calls;
        r.st.chosen.putAll(request.chosenApprovers());
        r.status = InstanceStatus.RUNNING;
        String title = request.title() != null ? request.title()
                : (d.name() == null ? d.key() : d.name()) + " - " + initiatorId;
        Long inserted = insertInstance(r, request, parentId, parentNode, initiatorId, title, seen != null);
        if (inserted == null) {
            // a newer version was deployed (maybe by another node): forget the cached one and start on the newest
            definitions.forgetLatest(r.tenant(), request.processKey());
            return startIn(ctx, request, parentId, parentNode, initiatorId, calls, view);
        }
        long id = inserted;
        r.row = new InstanceRow(id, r.tenant(), r.def.id(), r.def.key(), r.def.version(), title, request.businessKey(),
                initiatorId, InstanceStatus.RUNNING, request.priority(), r.form.toString(), "{}", parentId, parentNode, r.now, null);
        ctx.target("process-instance", Long.toString(id));
        ctx.summary("started '" + title + "' (" + r.def.key() + " v" + r.def.version() + ")");
        history(r, "started", null, start.id(), null, null);
        checkChosen(r, request);
        leave(r, start.id());
        save(r);
        ctx.publish("wf.instance.started", "process-instance", Long.toString(id),
                Map.of("processKey", r.def.key(), "initiatorId", initiatorId, "title", title));
        view[0] = initiatorView(r);
        return id;
    }

    /**
     * Inserts the instance row. Guarded: only while no newer version of the definition exists (the
     * version came from this node's cache, so this costs no query of its own); returns null when
     * the guard fails.
     */
    private Long insertInstance(Run r, StartRequest request, Long parentId, String parentNode, String initiatorId, String title,
                                boolean guarded) {
        return instances.insert(r.h, new InstanceRepository.NewInstance(r.tenant(), r.def.id(), r.def.key(), r.def.version(), title,
                request.businessKey(), initiatorId, request.priority(), r.form.toString(), parentId, parentNode, r.now), guarded);
    }

    /** The instance as its initiator sees it right after the start, from the command's own state. */
    private ProcessInstance initiatorView(Run r) {
        Map<String, FieldAccess> access = ((Node.Start) r.node(startId(r))).fields();
        for (TaskRow t : r.open) {
            if (t.assigneeId().equals(r.row.initiatorId()) && t.status() == TaskStatus.OPEN
                    && r.node(t.nodeId()) instanceof Node.Approval a) {
                access = a.fields();
                break;
            }
        }
        JsonNode visible = r.d().form() == null ? r.form : FormAccess.of(r.d().form(), access, FieldAccess.READ_ONLY).read(r.form);
        return new ProcessInstance(r.row.id(), r.row.key(), r.row.version(), r.row.title(), r.row.businessKey(),
                r.row.initiatorId(), r.status, r.row.priority(),
                json.convertValue(visible, new TypeReference<LinkedHashMap<String, Object>>() { }),
                List.copyOf(r.st.active), r.row.startedAt(), r.status.ended() ? r.now : null);
    }

    private void checkChosen(Run r, StartRequest request) {
        for (Map.Entry<String, List<String>> e : request.chosenApprovers().entrySet()) {
            Node n = r.d().node(e.getKey()).orElseThrow(() -> ValidationException.of("chosenApprovers." + e.getKey(),
                    "process '" + r.def.key() + "' has no node '" + e.getKey() + "'"));
            if (!(n instanceof Node.Approval a) || a.approvers().stream().noneMatch(dev.oakit.workflow.ApproverRule.InitiatorChooses.class::isInstance)) {
                throw ValidationException.of("chosenApprovers." + e.getKey(), "node '" + e.getKey()
                        + "' does not let the initiator choose approvers");
            }
            dev.oakit.workflow.ApproverRule.InitiatorChooses rule = a.approvers().stream()
                    .filter(dev.oakit.workflow.ApproverRule.InitiatorChooses.class::isInstance)
                    .map(dev.oakit.workflow.ApproverRule.InitiatorChooses.class::cast).findFirst().orElseThrow();
            int count = new LinkedHashSet<>(e.getValue()).size();
            if (count < rule.min() || count > rule.max()) {
                throw ValidationException.of("chosenApprovers." + e.getKey(), "choose between " + rule.min() + " and "
                        + rule.max() + " approvers for node '" + e.getKey() + "', got " + count);
            }
            for (String u : e.getValue()) {
                if (!resolution.isActive(r.tenant(), u)) {
                    throw ValidationException.of("chosenApprovers." + e.getKey(), "user '" + u + "' is unknown or inactive");
                }
            }
        }
    }

    // ------------------------------------------------------------------ routing

    /** Leaves a node along its routes. */
    void leave(Run r, String nodeId) {
        Node n = r.node(nodeId);
        List<Route> out = r.d().routesFrom(nodeId);
        if (n instanceof Node.Exclusive) {
            enter(r, pick(r, nodeId, out, false).get(0).to());
        } else if (n instanceof Node.Inclusive) {
            List<Route> taken = pick(r, nodeId, out, true);
            joinFor(r, nodeId).ifPresent(j -> r.st.joins.put(j, new int[]{taken.size(), 0}));
            for (Route route : taken) {
                enter(r, route.to());
            }
        } else if (n instanceof Node.Parallel) {
            joinFor(r, nodeId).ifPresent(j -> r.st.joins.put(j, new int[]{out.size(), 0}));
            for (Route route : out) {
                enter(r, route.to());
            }
        } else {
            for (Route route : out) {
                enter(r, route.to());
            }
        }
    }

    private java.util.Optional<String> joinFor(Run r, String splitId) {
        return r.d().nodes().stream().filter(x -> x instanceof Node.Join j && splitId.equals(j.split())).map(Node::id).findFirst();
    }

    private List<Route> pick(Run r, String nodeId, List<Route> out, boolean all) {
        // the initiator's attributes cost directory reads: only when a condition asks for them
        boolean needsInitiator = out.stream().anyMatch(x -> x.condition() != null && x.condition().contains("initiator"));
        Map<String, Object> vars = Map.of("form", r.formMap(),
                "initiator", needsInitiator ? resolution.initiatorVariables(r.tenant(), r.row.initiatorId()) : Map.of(),
                "instance", Map.of("priority", r.row.priority(), "businessKey", r.row.businessKey() == null ? "" : r.row.businessKey()));
        List<Route> taken = new ArrayList<>();
        Route fallback = null;
        for (Route route : out) {
            if (route.isDefault()) {
                fallback = route;
            } else if (route.condition() == null || conditions.compile(route.condition()).evaluate(vars)) {
                taken.add(route);
                if (!all) {
                    break;
                }
            }
        }
        if (taken.isEmpty() && fallback != null) {
            taken.add(fallback);
        }
        if (taken.isEmpty()) {
            throw new ConflictException("OA-WF/NO_ROUTE", "branch '" + nodeId + "' of process '" + r.row.key() + "' v"
                    + r.row.version() + " has no route whose condition holds for instance " + r.row.id()
                    + " and no default route; add a default route or check the form data");
        }
        return taken;
    }

    /** Enters a node. */
    void enter(Run r, String nodeId) {
        if (++r.steps > MAX_STEPS) {
            throw new ConflictException("OA-WF/LOOP", "instance " + r.row.id() + " passed " + MAX_STEPS
                    + " nodes in one command; the process loops without waiting for anyone");
        }
        Node n = r.node(nodeId);
        if (n instanceof Node.Approval a) {
            activate(r, a);
        } else if (n instanceof Node.Cc c) {
            cc(r, c);
            leave(r, nodeId);
        } else if (n instanceof Node.Join) {
            int[] counter = r.st.joins.get(nodeId);
            if (counter == null) {
                leave(r, nodeId); // reached without its split (after a jump): pass through
                return;
            }
            counter[1]++;
            if (counter[1] >= counter[0]) {
                r.st.joins.remove(nodeId);
                leave(r, nodeId);
            }
        } else if (n instanceof Node.Service s) {
            r.st.active.add(nodeId);
            r.ctx.schedule(JobRequest.of(SERVICE_JOB, Map.of("instanceId", r.row.id(), "node", nodeId))
                    .maxAttempts(s.maxAttempts()).dedupe("wf-service-" + r.row.id() + "-" + nodeId));
            history(r, "service-scheduled", null, nodeId, null, "handler " + s.handler());
        } else if (n instanceof Node.SubProcess sp) {
            r.st.active.add(nodeId);
            // the sub-process runs for the parent's initiator (their managers, their department)
            // a cycle of calls (or a chain too deep) stops here with a clear error, not a StackOverflowError
            List<String> calls = SubProcessCalls.call(r.st.calls, r.row.key(), sp.process(), r.row.id(), nodeId);
            long child = startIn(r.ctx, new StartRequest(sp.process(), null, r.row.businessKey(), r.formMap(), null,
                    r.row.priority(), null), r.row.id(), nodeId, r.row.initiatorId(), calls, new ProcessInstance[1]);
            // startIn targeted the child; restore the parent's audit target
            r.ctx.target("process-instance", Long.toString(r.row.id()));
            history(r, "subprocess-started", null, nodeId, null, "instance " + child);
        } else if (n instanceof Node.End e) {
            end(r, e.outcome() == Node.Outcome.APPROVED ? InstanceStatus.APPROVED : InstanceStatus.REJECTED, nodeId);
        } else {
            leave(r, nodeId); // exclusive, parallel, inclusive, start
        }
    }

    private void cc(Run r, Node.Cc c) {
        List<ApproverResolution.Resolved> to = resolution.resolve(r.tenant(), r.row.initiatorId(), r.formMap(), r.st.chosen,
                c.id(), c.recipients());
        ccRecords.insert(r.h, r.tenant(), r.row.id(), c.id(), to.stream().map(ApproverResolution.Resolved::userId).toList(), r.now);
        history(r, "cc", null, c.id(), null, "cc to " + to.stream().map(ApproverResolution.Resolved::userId).toList());
        // issue 4: the recipients are told (stored only when someone listens)
        r.ctx.publish("wf.instance.cc", "process-instance", Long.toString(r.row.id()), Map.of("nodeId", c.id(), "title", r.row.title(),
                "recipients", to.stream().map(ApproverResolution.Resolved::userId).toList(), "initiatorId", r.row.initiatorId()));
    }

    /** Activates an approval node: resolves approvers and opens their tasks (or passes the node). */
    void activate(Run r, Node.Approval a) {
        InstanceState.NodeRun run = new InstanceState.NodeRun();
        run.approvedBy = new ArrayList<>();
        InstanceState.NodeRun previous = r.st.runs.get(a.id());
        run.round = previous == null ? 1 : previous.round + 1;
        run.decided = new ArrayList<>();
        r.st.runs.put(a.id(), run);
        List<ApproverResolution.Resolved> resolved = resolution.resolve(r.tenant(), r.row.initiatorId(), r.formMap(),
                r.st.chosen, a.id(), a.approvers());
        // the one check (AssigneeCheck) decides who may sit at the node; SKIP and MANAGER say what to do with the initiator
        Seating.Selection selection = seating.select(r, a, resolved.stream().map(ApproverResolution.Resolved::userId).toList());
        selection.notes().forEach(n -> history(r, n.action(), null, a.id(), null, n.detail()));
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
        if (users.isEmpty()) {
            switch (a.onEmpty()) {
                case SKIP -> {
                    history(r, "skipped", null, a.id(), null, "no approver resolved; the node is skipped");
                    complete(r, a);
                    return;
                }
                case ADMIN, USER -> {
                    List<Seating.Note> notes = new ArrayList<>();
                    users.addAll(seating.fallback(r, a, notes));
                    notes.forEach(n -> history(r, n.action(), null, a.id(), null, n.detail()));
                }
                case REFUSE -> { }
            }
            if (users.isEmpty()) {
                throw new ConflictException("OA-WF/NO_APPROVER", "node '" + a.id() + "' of process '" + r.row.key() + "' v"
                        + r.row.version() + " resolved no approver for instance " + r.row.id()
                        + "; configure onEmpty (SKIP, ADMIN or USER) or fix the organisation (e.g. give the department a head)");
            }
            history(r, "approver-fallback", null, a.id(), null, "no approver resolved; " + a.onEmpty() + " -> " + users);
        }
        r.st.active.add(a.id());
        int seq = 0;
        for (String u : users) {
            if (auto.contains(u)) {
                TaskRow t = insertTask(r, a.id(), run.round, seq++, KIND_APPROVER, null, u, null, TaskStatus.DONE);
                String why = u.equals(initiator) && a.whenInitiator() == Node.InitiatorApprover.SKIP
                        ? "the initiator approves their own step automatically"
                        : "approved at the preceding node '" + r.st.lastCompleted + "'";
                closeTask(r, t, TaskStatus.DONE, "AUTO_APPROVED", dev.oakit.core.Actor.SYSTEM_USER, null);
                history(r, "auto-approved", t.id(), a.id(), null, u + ": " + why);
                NodeMode.of(a).counted(run);
            }
        }
        List<String> manual = users.stream().filter(u -> !auto.contains(u)).toList();
        if (a.pool() && !run.anyApproved && !manual.isEmpty()) {
            // one task offered to every candidate; the first to claim it decides
            TaskRow t = insertTask(r, a.id(), run.round, seq, KIND_APPROVER, null, UNASSIGNED, null, TaskStatus.OPEN);
            tasks.offer(r.h, r.tenant(), t.id(), manual);
            history(r, "offered", t.id(), a.id(), null, "to the pool " + manual);
            r.ctx.publish("wf.task.offered", "task", Long.toString(t.id()),
                    Map.of("instanceId", r.row.id(), "candidates", manual, "nodeId", a.id(), "title", r.row.title()));
        } else if (!manual.isEmpty()) {
            NodeMode.of(a).open(nodeTasks(r, a, run), run, manual, seq);
        }
        evaluate(r, a);
    }

    /** Checks whether an approval node is complete, passed or failed (its mode's rule), and moves on. */
    void evaluate(Run r, Node.Approval a) {
        if (r.status != InstanceStatus.RUNNING || !r.st.active.contains(a.id())) {
            return;
        }
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        List<TaskRow> nodeOpen = r.open.stream().filter(t -> t.nodeId().equals(a.id()) && t.round() == run.round).toList();
        NodeMode.Completion c = NodeMode.of(a).completion(a, run, nodeOpen);
        if (c.failed()) {
            history(r, c.action(), null, a.id(), null, c.detail());
            end(r, InstanceStatus.REJECTED, a.id());
        } else if (c.passed()) {
            if (c.closeOthersAs() != null) {
                for (TaskRow t : nodeOpen) {
                    if (!t.kind().equals(KIND_AFTER)) {
                        closeTask(r, t, TaskStatus.CANCELLED, c.closeOthersAs(), null, null);
                    }
                }
            }
            if (c.action() != null) {
                history(r, c.action(), null, a.id(), null, c.detail());
            }
            if (nodeOpen.stream().noneMatch(t -> t.kind().equals(KIND_AFTER))) {
                complete(r, a);
            }
        }
    }

    /** The operations a node mode uses on the node's tasks of the current round. */
    private NodeTasks nodeTasks(Run r, Node.Approval a, InstanceState.NodeRun run) {
        return new NodeTasks() {
            @Override
            public void open(String userId, int seq) {
                insertTask(r, a.id(), run.round, seq, KIND_APPROVER, null, userId, null, TaskStatus.OPEN);
            }

            @Override
            public void openAll(List<String> userIds, int firstSeq) {
                insertOpenTasks(r, a.id(), run.round, firstSeq, userIds);
            }

            @Override
            public boolean stepOpen() {
                return r.open.stream().anyMatch(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                        && (x.kind().equals(KIND_APPROVER) || x.kind().equals(KIND_AFTER)));
            }

            @Override
            public boolean turn(String userId, int seq) {
                // deactivated, or separated by a node that completed in a parallel branch since the node started
                AssigneeCheck.Verdict v = seating.check(r, seating.seat(r, a, null), userId, AssigneeCheck.Path.TURN);
                if (v.allowed()) {
                    insertTask(r, a.id(), run.round, seq, KIND_APPROVER, null, userId, null, TaskStatus.OPEN);
                    return true;
                }
                history(r, "approver-skipped", null, a.id(), null, v.reason());
                return false;
            }
        };
    }

    /** An approval node is done: record who approved, and move on. */
    private void complete(Run r, Node.Approval a) {
        r.st.active.remove(a.id());
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        // runs started before approvers were kept in the state fall back to the task table
        List<String> approvers = run.approvedBy != null ? List.copyOf(new LinkedHashSet<>(run.approvedBy))
                : tasks.approversOfRound(r.h, r.row.id(), a.id(), run.round);
        r.st.approvedBy.put(a.id(), approvers);
        r.st.visited.remove(a.id());
        r.st.visited.add(a.id());
        r.st.lastCompleted = a.id();
        leave(r, a.id());
    }

    /** Ends the instance. */
    void end(Run r, InstanceStatus outcome, String nodeId) {
        r.status = outcome;
        for (TaskRow t : List.copyOf(r.open)) {
            closeTask(r, t, TaskStatus.CANCELLED, "INSTANCE_ENDED", null, null);
        }
        r.st.active.clear();
        r.st.joins.clear();
        cancelService(r);
        if (r.d().nodes().stream().anyMatch(Node.SubProcess.class::isInstance)) {
            cancelChildren(r);
        }
        history(r, "ended", null, nodeId, null, outcome.name());
        r.ctx.publish("wf.instance.ended", "process-instance", Long.toString(r.row.id()),
                Map.of("processKey", r.row.key(), "outcome", outcome.name(), "initiatorId", r.row.initiatorId()));
        if (r.row.parentId() != null) {
            r.ctx.afterCommit(() -> { });
            continueParent(r, outcome);
        }
    }

    /** Withdraws the instance's service jobs that have not started. */
    private static void cancelService(Run r) {
        if (r.d().nodes().stream().noneMatch(Node.Service.class::isInstance)) {
            return; // no service node, no service job to withdraw
        }
        CoreJobStatements.cancelServiceJobs(r.h, r.tenant(), r.row.id());
    }

    /** Cancels the sub-process instances still running under an instance that ends. */
    private void cancelChildren(Run r) {
        List<Long> children = new ArrayList<>(instances.unendedChildren(r.h, r.tenant(), r.row.id()));
        children.remove(r.endingChild);
        for (Long id : children) {
            Run c = new Run(r.ctx);
            load(c, id);
            c.status = InstanceStatus.CANCELLED;
            for (TaskRow t : List.copyOf(c.open)) {
                closeTask(c, t, TaskStatus.CANCELLED, "INSTANCE_ENDED", null, null);
            }
            c.st.active.clear();
            c.st.joins.clear();
            cancelService(c);
            cancelChildren(c);
            history(c, "ended", null, null, null, "CANCELLED with its parent instance " + r.row.id());
            save(c);
        }
    }

    private void continueParent(Run child, InstanceStatus outcome) {
        Run p = new Run(child.ctx);
        p.endingChild = child.row.id();
        load(p, child.row.parentId());
        String node = child.row.parentNode();
        if (p.status != InstanceStatus.RUNNING || !p.st.active.contains(node)) {
            return;
        }
        p.st.active.remove(node);
        Node.SubProcess sp = (Node.SubProcess) p.node(node);
        history(p, "subprocess-ended", null, node, null, "instance " + child.row.id() + " ended " + outcome);
        if (outcome == InstanceStatus.APPROVED || !sp.rejectWhenRejected()) {
            leave(p, node);
        } else {
            end(p, InstanceStatus.REJECTED, node);
        }
        save(p);
    }

    // ------------------------------------------------------------------ actions on tasks

    @Override
    public void approve(Actor actor, long taskId, Decision decision) {
        onTask(actor, taskId, decision, "wf.task.approve", (r, t, a) -> {
            requireAssignee(r, t);
            if (t.ownerId() != null) {
                throw new ForbiddenException("OA-WF/DELEGATED", "task " + t.id() + " is delegated to '" + t.assigneeId()
                        + "' by its owner '" + t.ownerId() + "'; the delegate resolves it and the owner decides");
            }
            applyForm(r, a, decision);
            closeTask(r, t, TaskStatus.DONE, "APPROVED", r.actor.userId(), decision.comment());
            history(r, "approved", t.id(), t.nodeId(), decision.comment(), attachments(decision));
            afterApproval(r, a, t);
            r.ctx.summary("approved task " + t.id() + " at '" + t.nodeId() + "'");
        });
    }

    void afterApproval(Run r, Node.Approval a, TaskRow t) {
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        if (t.kind().equals(KIND_BEFORE)) {
            reopenIfSignersDone(r, t.waitingFor());
            return;
        }
        NodeMode mode = NodeMode.of(a);
        if (!t.kind().equals(KIND_AFTER)) {
            mode.counted(run);
        }
        if (t.kind().equals(KIND_APPROVER) || t.kind().equals(KIND_AFTER)) {
            mode.next(nodeTasks(r, a, run), run);
        }
        evaluate(r, a);
    }

    private void reopenIfSignersDone(Run r, Long waitingTaskId) {
        if (waitingTaskId == null) {
            return;
        }
        boolean signersLeft = r.open.stream().anyMatch(x -> waitingTaskId.equals(x.waitingFor()));
        if (!signersLeft) {
            r.open.stream().filter(x -> x.id() == waitingTaskId && x.status() == TaskStatus.WAITING).findFirst().ifPresent(w -> {
                setTask(r, w, w.assigneeId(), w.ownerId(), TaskStatus.OPEN, null, null, null);
                history(r, "reopened", w.id(), w.nodeId(), null, "the signers added before approved");
            });
        }
    }

    @Override
    public void reject(Actor actor, long taskId, Decision decision) {
        onTask(actor, taskId, decision, "wf.task.reject", (r, t, a) -> {
            requireAssignee(r, t);
            if (t.ownerId() != null) {
                throw new ForbiddenException("OA-WF/DELEGATED", "task " + t.id() + " is delegated by '" + t.ownerId()
                        + "'; the delegate resolves it and the owner decides");
            }
            closeTask(r, t, TaskStatus.DONE, "REJECTED", r.actor.userId(), decision.comment());
            history(r, "rejected", t.id(), t.nodeId(), decision.comment(), attachments(decision));
            r.ctx.summary("rejected task " + t.id() + " at '" + t.nodeId() + "'");
            afterRejection(r, a, t);
        });
    }

    /** A rejection is a vote against on VOTE nodes and ends the instance everywhere else. */
    void afterRejection(Run r, Node.Approval a, TaskRow t) {
        if (NodeMode.of(a).rejectionIsVote() && (t.kind().equals(KIND_APPROVER) || t.kind().equals(KIND_PARALLEL))) {
            r.st.runs.get(a.id()).rejections++;
            evaluate(r, a);
        } else {
            end(r, InstanceStatus.REJECTED, t.nodeId());
        }
    }

    @Override
    public void returnTo(Actor actor, long taskId, String targetNodeId, Decision decision) {
        onTask(actor, taskId, decision, "wf.task.return", (r, t, a) -> {
            requireAssignee(r, t);
            requireNotDelegated(t, "return the instance");
            String startId = startId(r);
            String target = targetNodeId;
            if (target == null) {
                // the previous node on this path: the last one visited from which the returning node is reached
                // (inside parallel branches a sibling branch's node is never "previous")
                target = startId;
                for (int i = r.st.visited.size() - 1; i >= 0; i--) {
                    String v = r.st.visited.get(i);
                    if (!v.equals(t.nodeId()) && reachable(r.d(), v).contains(t.nodeId())) {
                        target = v;
                        break;
                    }
                }
            }
            if (!target.equals(startId) && (!r.st.visited.contains(target) || !reachable(r.d(), target).contains(t.nodeId()))) {
                throw new ConflictException("OA-WF/RETURN_TARGET", "instance " + r.row.id() + " can be returned to the initiator ('"
                        + startId + "') or to a visited approval node on the path to '" + t.nodeId() + "' "
                        + r.st.visited.stream().filter(v -> reachable(r.d(), v).contains(t.nodeId())).toList()
                        + ", not to '" + target + "'");
            }
            closeTask(r, t, TaskStatus.DONE, "RETURNED", r.actor.userId(), decision.comment());
            history(r, "returned", t.id(), t.nodeId(), decision.comment(), "to " + target);
            r.st.returnedFrom = t.nodeId();
            if (target.equals(startId)) {
                reset(r);
                // visited stays: BACK_TO_RETURNER resumes at the returner, whose earlier nodes remain return
                // targets; RERUN clears it on resubmit
                r.status = InstanceStatus.RETURNED;
            } else {
                resetFrom(r, target);
                enter(r, target);
            }
            r.ctx.summary("returned instance " + r.row.id() + " to '" + target + "'");
            r.ctx.publish("wf.instance.returned", "process-instance", Long.toString(r.row.id()),
                    Map.of("to", target, "by", r.actor.userId(), "initiatorId", r.row.initiatorId()));
        });
    }

    /**
     * Undoes the part of the instance that lies at or after {@code target}: open tasks and waiting
     * nodes reachable from it are closed, and a join whose split is reachable from it starts over.
     * Branches that {@code target} does not lead to (sibling parallel branches) keep their tasks
     * and their place at the join.
     */
    private void resetFrom(Run r, String target) {
        Set<String> affected = new LinkedHashSet<>(reachable(r.d(), target));
        affected.add(target);
        for (TaskRow o : List.copyOf(r.open)) {
            if (affected.contains(o.nodeId())) {
                closeTask(r, o, TaskStatus.CANCELLED, "RESET", null, null);
            }
        }
        for (String n : affected) {
            if (r.st.active.remove(n) && r.node(n) instanceof Node.Service) {
                CoreJobStatements.cancelServiceJob(r.h, r.tenant(), r.row.id(), n);
            }
        }
        r.st.joins.keySet().removeIf(j -> r.node(j) instanceof Node.Join join && affected.contains(join.split()));
        r.st.visited.removeIf(affected::contains);
        r.st.lastCompleted = null;
    }

    /** @return true when the node lies between a parallel or inclusive split and its join */
    static boolean insideBranches(ProcessDefinition d, String nodeId) {
        for (Node n : d.nodes()) {
            if (n instanceof Node.Join j && !j.id().equals(nodeId) && reachable(d, j.split()).contains(nodeId)
                    && reachable(d, nodeId).contains(j.id())) {
                return true;
            }
        }
        return false;
    }

    /** @return every node reachable from {@code from} along routes (itself only when on a loop) */
    static Set<String> reachable(ProcessDefinition d, String from) {
        Set<String> seen = new LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
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

    /** Closes every open task and forgets branches in flight. */
    private void reset(Run r) {
        for (TaskRow o : List.copyOf(r.open)) {
            closeTask(r, o, TaskStatus.CANCELLED, "RESET", null, null);
        }
        r.st.active.clear();
        r.st.joins.clear();
        cancelService(r);
        // after a reset no node was "just completed": nobody may withdraw an approval from an earlier round
        r.st.lastCompleted = null;
    }

    private String startId(Run r) {
        return r.d().nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow().id();
    }

    @Override
    public void resubmit(Actor initiator, long instanceId, Decision decision) {
        onInstance(initiator, instanceId, decision, "wf.instance.resubmit", r -> {
            requireInitiator(r, "resubmit");
            if (r.status != InstanceStatus.RETURNED) {
                throw new ConflictException("OA-WF/NOT_RETURNED", "instance " + r.row.id() + " is " + r.status
                        + "; only a returned or withdrawn instance can be resubmitted");
            }
            Node.Start start = (Node.Start) r.node(startId(r));
            if (r.d().form() != null && !decision.form().isEmpty()) {
                r.form = FormAccess.of(r.d().form(), start.fields(), FieldAccess.EDITABLE).write(r.form, json.valueToTree(decision.form()));
            }
            r.status = InstanceStatus.RUNNING;
            history(r, "resubmitted", null, start.id(), decision.comment(), null);
            String from = r.st.returnedFrom;
            r.st.returnedFrom = null;
            // going straight back is only possible outside parallel branches: inside them the siblings
            // would be lost (the return reset them), so the route runs again from the start
            if (from != null && r.node(from) instanceof Node.Approval a && a.resubmit() == Node.Resubmit.BACK_TO_RETURNER
                    && !insideBranches(r.d(), from)) {
                enter(r, from);
            } else {
                r.st.visited.clear();
                leave(r, start.id());
            }
            r.ctx.summary("resubmitted instance " + r.row.id());
        });
    }

    @Override
    public void withdraw(Actor actor, long instanceId, Decision decision) {
        onInstance(actor, instanceId, decision, "wf.instance.withdraw", r -> {
            requireRunning(r);
            if (r.actor.userId().equals(r.row.initiatorId())) {
                boolean touched = tasks.decidedAt(r.h, r.row.id(), r.st.active) > currentRoundExclusions(r);
                if (touched) {
                    throw new ConflictException("OA-WF/ALREADY_ACTED", "instance " + r.row.id()
                            + " cannot be withdrawn: an approver already acted on the current node " + r.st.active);
                }
                List<String> approvers = r.open.stream().map(TaskRow::assigneeId).filter(u -> !u.isEmpty()).distinct().toList();
                reset(r);
                r.status = InstanceStatus.RETURNED;
                r.st.returnedFrom = null;
                history(r, "withdrawn", null, startId(r), decision.comment(), "by the initiator");
                // issue 4: the approvers whose tasks went are told (stored only when someone listens)
                r.ctx.publish("wf.instance.withdrawn", "process-instance", Long.toString(r.row.id()),
                        Map.of("by", r.actor.userId(), "approvers", approvers, "title", r.row.title()));
                r.ctx.summary("initiator withdrew instance " + r.row.id());
                return;
            }
            String last = r.st.lastCompleted;
            List<String> lastApprovers = last == null ? List.of() : r.st.approvedBy.getOrDefault(last, List.of());
            if (last == null || !lastApprovers.contains(r.actor.userId())) {
                throw new ForbiddenException("OA-WF/WITHDRAW", "user '" + r.actor.userId() + "' may not withdraw instance "
                        + r.row.id() + "; the initiator '" + r.row.initiatorId() + "' may, and the approvers of the last completed node "
                        + (last == null ? "(none yet)" : "'" + last + "' " + lastApprovers) + " may while the next node is untouched");
            }
            if (!r.st.joins.isEmpty()) {
                throw new ConflictException("OA-WF/WITHDRAW_IN_BRANCH", "instance " + r.row.id()
                        + " is inside parallel branches; approvals there cannot be withdrawn, ask an administrator to jump");
            }
            boolean nextTouched = r.open.stream().anyMatch(t -> t.status() != TaskStatus.OPEN)
                    || tasks.decidedAfterApproval(r.h, r.row.id(), last, r.actor.userId()) > 0;
            if (nextTouched || r.status != InstanceStatus.RUNNING) {
                throw new ConflictException("OA-WF/ALREADY_ACTED", "instance " + r.row.id()
                        + " cannot be withdrawn by '" + r.actor.userId() + "': the next node was already acted on");
            }
            reset(r);
            r.st.visited.remove(last);
            r.st.lastCompleted = null;
            InstanceState.NodeRun run = r.st.runs.get(last);
            run.queue.clear();
            run.anyApproved = false;
            run.approvals = Math.max(0, run.approvals - 1);
            if (run.approvedBy != null) {
                run.approvedBy.remove(r.actor.userId());
            }
            if (run.decided != null) {
                run.decided.remove(r.actor.userId()); // they take their seat back
            }
            r.st.active.add(last);
            insertTask(r, last, run.round, 99, KIND_APPROVER, null, r.actor.userId(), null, TaskStatus.OPEN);
            history(r, "withdrawn", null, last, decision.comment(), "by approver " + r.actor.userId());
            r.ctx.summary("approver " + r.actor.userId() + " withdrew their approval of instance " + r.row.id());
        });
    }

    private int currentRoundExclusions(Run r) {
        // tasks of earlier rounds of the same nodes (before a return) do not count as acting on the current node
        int earlier = 0;
        for (String n : r.st.active) {
            InstanceState.NodeRun run = r.st.runs.get(n);
            if (run != null) {
                earlier += tasks.decidedBeforeRound(r.h, r.row.id(), n, run.round);
            }
        }
        return earlier;
    }

    @Override
    public void cancel(Actor actor, long instanceId, Decision decision) {
        onInstance(actor, instanceId, decision, "wf.instance.cancel", r -> {
            if (!r.actor.isAdmin() && !r.actor.userId().equals(r.row.initiatorId())) {
                throw new ForbiddenException("OA-WF/CANCEL", "user '" + r.actor.userId() + "' may not cancel instance " + r.row.id()
                        + "; the initiator '" + r.row.initiatorId() + "' and administrators may");
            }
            if (r.status.ended()) {
                throw new ConflictException("OA-WF/ENDED", "instance " + r.row.id() + " already ended " + r.status);
            }
            end(r, InstanceStatus.CANCELLED, null);
            r.ctx.summary("cancelled instance " + r.row.id());
        });
    }

    @Override
    public void transfer(Actor actor, long taskId, String toUserId, Decision decision) {
        Checks.id("toUserId", toUserId);
        onTask(actor, taskId, decision, "wf.task.transfer", (r, t, a) -> {
            requireAssignee(r, t);
            requireNotDelegated(t, "transfer it");
            seating.requireAll(r, t, List.of(toUserId), AssigneeCheck.Path.TRANSFER, true, "transfer of task " + t.id(), i -> "toUserId");
            setTask(r, t, toUserId, t.ownerId(), t.status(), null, null, null);
            history(r, "transferred", t.id(), t.nodeId(), decision.comment(), "to " + toUserId);
            r.ctx.summary("transferred task " + t.id() + " to " + toUserId);
            r.ctx.publish("wf.task.assigned", "task", Long.toString(t.id()),
                    Map.of("instanceId", r.row.id(), "assigneeId", toUserId, "nodeId", t.nodeId(), "title", r.row.title()));
        });
    }

    @Override
    public void delegate(Actor actor, long taskId, String toUserId, Decision decision) {
        Checks.id("toUserId", toUserId);
        onTask(actor, taskId, decision, "wf.task.delegate", (r, t, a) -> {
            requireAssignee(r, t);
            if (t.ownerId() != null) {
                throw new ConflictException("OA-WF/DELEGATED", "task " + t.id() + " is already delegated; resolve it first");
            }
            seating.requireAll(r, t, List.of(toUserId), AssigneeCheck.Path.DELEGATE, true, "delegation of task " + t.id(), i -> "toUserId");
            setTask(r, t, toUserId, r.actor.userId(), TaskStatus.OPEN, null, null, null);
            history(r, "delegated", t.id(), t.nodeId(), decision.comment(), "to " + toUserId);
            r.ctx.summary("delegated task " + t.id() + " to " + toUserId);
        });
    }

    @Override
    public void resolve(Actor delegate, long taskId, Decision decision) {
        onTask(delegate, taskId, decision, "wf.task.resolve", (r, t, a) -> {
            requireAssignee(r, t);
            if (t.ownerId() == null) {
                throw new ConflictException("OA-WF/NOT_DELEGATED", "task " + t.id() + " is not delegated; approve or reject it");
            }
            applyForm(r, a, decision);
            String owner = t.ownerId();
            setTask(r, t, owner, null, TaskStatus.OPEN, null, null, null);
            history(r, "resolved", t.id(), t.nodeId(), decision.comment(), "back to " + owner);
            r.ctx.onBehalfOf(owner);
            r.ctx.summary("resolved delegated task " + t.id() + " back to " + owner);
        });
    }

    @Override
    public void addSigner(Actor actor, long taskId, SignerPosition position, List<String> userIds, Decision decision) {
        Checks.notNull("position", position);
        Checks.elements("userIds", userIds);
        if (userIds.isEmpty()) {
            throw ValidationException.of("userIds", "name at least one signer");
        }
        onTask(actor, taskId, decision, "wf.task.add-signer", (r, t, a) -> {
            requireAssignee(r, t);
            if (t.ownerId() != null) {
                throw new ForbiddenException("OA-WF/DELEGATED", "a delegate may not add signers; the owner '" + t.ownerId() + "' may");
            }
            List<String> named = List.copyOf(new LinkedHashSet<>(userIds));
            seating.requireAll(r, t, named, AssigneeCheck.Path.ADD_SIGNER, false, "signers added to task " + t.id(),
                    i -> "userIds[" + userIds.indexOf(named.get(i)) + "]");
            InstanceState.NodeRun run = r.st.runs.get(a.id());
            int seq = 100;
            switch (position) {
                case PARALLEL -> {
                    for (String u : new LinkedHashSet<>(userIds)) {
                        insertTask(r, a.id(), run.round, seq++, KIND_PARALLEL, null, u, null, TaskStatus.OPEN);
                    }
                }
                case BEFORE -> {
                    setTask(r, t, t.assigneeId(), null, TaskStatus.WAITING, null, null, null);
                    for (String u : new LinkedHashSet<>(userIds)) {
                        insertTask(r, a.id(), run.round, seq++, KIND_BEFORE, t.id(), u, null, TaskStatus.OPEN);
                    }
                }
                case AFTER -> {
                    applyForm(r, a, decision);
                    closeTask(r, t, TaskStatus.DONE, "APPROVED", r.actor.userId(), decision.comment());
                    for (String u : new LinkedHashSet<>(userIds)) {
                        insertTask(r, a.id(), run.round, seq++, KIND_AFTER, null, u, null, TaskStatus.OPEN);
                    }
                }
            }
            history(r, "signer-added", t.id(), a.id(), decision.comment(), position + " " + userIds);
            if (position == SignerPosition.AFTER) {
                history(r, "approved", t.id(), t.nodeId(), decision.comment(), "with signers after");
                afterApproval(r, a, t);
            }
            r.ctx.summary("added signers " + userIds + " (" + position + ") at '" + a.id() + "'");
        });
    }

    @Override
    public void removeSigner(Actor actor, long taskId, String userId, Decision decision) {
        Checks.id("userId", userId);
        onTask(actor, taskId, decision, "wf.task.remove-signer", (r, t, a) -> {
            if (!r.actor.isAdmin()) {
                requireAssignee(r, t);
            }
            InstanceState.NodeRun run = r.st.runs.get(a.id());
            if (run.queue.remove(userId)) {
                history(r, "signer-removed", t.id(), a.id(), decision.comment(), userId + " (not yet due)");
            } else {
                TaskRow target = r.open.stream().filter(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                                && x.assigneeId().equals(userId) && x.id() != t.id()).findFirst()
                        .orElseThrow(() -> new ConflictException("OA-WF/NOT_A_SIGNER", "user '" + userId
                                + "' has no pending task at node '" + a.id() + "' of instance " + r.row.id()));
                long remaining = r.open.stream().filter(x -> x.nodeId().equals(a.id()) && x.round() == run.round
                        && x.id() != target.id() && !x.kind().equals(KIND_AFTER)).count();
                if (remaining == 0) {
                    throw new ConflictException("OA-WF/LAST_APPROVER", "user '" + userId + "' is the last approver of node '"
                            + a.id() + "'; the last approver cannot be removed");
                }
                closeTask(r, target, TaskStatus.CANCELLED, "REMOVED", r.actor.userId(), decision.comment());
                history(r, "signer-removed", target.id(), a.id(), decision.comment(), userId);
                if (target.kind().equals(KIND_BEFORE)) {
                    reopenIfSignersDone(r, target.waitingFor());
                }
                if (target.kind().equals(KIND_APPROVER)) {
                    NodeMode.of(a).next(nodeTasks(r, a, run), run); // the current step of a SEQUENTIAL node was removed: the next is due
                }
            }
            evaluate(r, a);
            r.ctx.summary("removed signer " + userId + " at '" + a.id() + "'");
        });
    }

    @Override
    public void claim(Actor actor, long taskId, Decision decision) {
        onTask(actor, taskId, decision, "wf.task.claim", (r, t, a) -> {
            if (!UNASSIGNED.equals(t.assigneeId())) {
                throw new ConflictException("OA-WF/ALREADY_CLAIMED", "task " + t.id() + " was claimed by '" + t.assigneeId()
                        + "'" + (t.assigneeId().equals(r.actor.userId()) ? " (you)" : "; it returns to the pool only if they release it"));
            }
            requireCandidate(r, t);
            AssigneeCheck.Verdict v = seating.check(r, seating.seat(r, a, t.id()), r.actor.userId(), AssigneeCheck.Path.CLAIM);
            if (!v.allowed()) {
                throw v.forbidden();
            }
            setTask(r, t, r.actor.userId(), null, TaskStatus.OPEN, null, null, null);
            history(r, "claimed", t.id(), t.nodeId(), decision.comment(), null);
            r.ctx.summary("claimed task " + t.id());
        });
    }

    @Override
    public void release(Actor actor, long taskId, Decision decision) {
        onTask(actor, taskId, decision, "wf.task.release", (r, t, a) -> {
            requireAssignee(r, t);
            if (!a.pool()) {
                throw new ConflictException("OA-WF/NOT_A_POOL", "task " + t.id() + " was not offered to a pool; transfer it instead");
            }
            requireNotDelegated(t, "release it");
            setTask(r, t, UNASSIGNED, null, TaskStatus.OPEN, null, null, null);
            history(r, "released", t.id(), t.nodeId(), decision.comment(), null);
            r.ctx.summary("released task " + t.id() + " to the pool");
        });
    }

    private void requireCandidate(Run r, TaskRow t) {
        List<String> candidates = tasks.candidates(r.h, t.id());
        if (!candidates.contains(r.actor.userId())) {
            throw new ForbiddenException("OA-WF/NOT_A_CANDIDATE", "user '" + r.actor.userId() + "' may not claim task " + t.id()
                    + "; its candidates " + candidates + " may");
        }
    }

    @Override
    public void urge(Actor actor, long instanceId, Decision decision) {
        onInstance(actor, instanceId, decision, "wf.instance.urge", r -> {
            if (!r.actor.isAdmin() && !r.actor.userId().equals(r.row.initiatorId())) {
                throw new ForbiddenException("OA-WF/URGE", "user '" + r.actor.userId() + "' may not urge instance " + r.row.id()
                        + "; its initiator '" + r.row.initiatorId() + "' and administrators may");
            }
            requireRunning(r);
            java.time.Duration every = config.urgeInterval();
            if (r.st.lastUrgedAt != null) {
                Instant next = Instant.ofEpochMilli(r.st.lastUrgedAt).plus(every);
                if (r.now.isBefore(next)) {
                    throw new ConflictException("OA-WF/URGE_TOO_SOON", "instance " + r.row.id() + " was urged at "
                            + Instant.ofEpochMilli(r.st.lastUrgedAt) + "; it can be urged again from " + next
                            + " (at most once every " + every + ")");
                }
            }
            List<TaskRow> waiting = r.open.stream().filter(t -> t.status() == TaskStatus.OPEN).toList();
            if (waiting.isEmpty()) {
                throw new ConflictException("OA-WF/NOBODY_TO_URGE", "instance " + r.row.id()
                        + " has no open task right now (it waits for a service task or a sub-process)");
            }
            r.st.lastUrgedAt = r.now.toEpochMilli();
            List<String> to = waiting.stream().map(TaskRow::assigneeId).distinct().toList();
            for (String userId : to) {
                String node = waiting.stream().filter(t -> t.assigneeId().equals(userId)).map(TaskRow::nodeName).findFirst().orElse("");
                notifications.send(r.actor, dev.oakit.core.notify.NotificationRequest.of(dev.oakit.workflow.WorkflowPlugin.URGED_TEMPLATE,
                        List.of(userId), Map.of("title", r.row.title(), "by", r.actor.userId(), "node", node,
                                "comment", decision.comment() == null ? "" : decision.comment(), "link", config.linkFor(r.row.id(), null))));
            }
            history(r, "urged", null, null, decision.comment(), "notified " + to);
            // issue 4: urges received, per task, for the statistics
            tasks.urged(r.h, waiting.stream().map(TaskRow::id).toList());
            r.ctx.publish("wf.instance.urged", "process-instance", Long.toString(r.row.id()),
                    Map.of("by", r.actor.userId(), "approvers", to));
            r.ctx.target("process-instance", Long.toString(r.row.id()));
            r.ctx.summary("urged " + to + " on instance " + r.row.id());
        });
    }

    @Override
    public void comment(Actor actor, long instanceId, Decision decision) {
        if (decision == null || (decision.comment() == null && decision.attachments().isEmpty())) {
            throw ValidationException.of("decision.comment", "write a comment or attach something");
        }
        onInstance(actor, instanceId, decision, "wf.instance.comment", r -> {
            if (!r.actor.isAdmin() && !participates(r.h, r.tenant(), r.row.id(), r.row.initiatorId(), r.actor.userId())) {
                throw new ForbiddenException("OA-WF/NOT_PARTICIPANT", "user '" + r.actor.userId()
                        + "' does not take part in instance " + r.row.id() + "; participants, cc'd users and administrators may comment");
            }
            history(r, "commented", null, null, decision.comment(), attachments(decision));
            r.ctx.summary("commented on instance " + r.row.id());
        });
    }

    @Override
    public void jump(Actor admin, long instanceId, String targetNodeId, Decision decision) {
        Checks.id("targetNodeId", targetNodeId);
        onInstance(admin, instanceId, decision, "wf.instance.jump", r -> {
            r.actor.requireAdmin("jump process instances");
            requireRunning(r);
            Node target = r.d().node(targetNodeId).orElseThrow(() -> ValidationException.of("targetNodeId",
                    "process '" + r.row.key() + "' v" + r.row.version() + " has no node '" + targetNodeId + "'"));
            if (target instanceof Node.Start) {
                throw ValidationException.of("targetNodeId", "jump to the initiator with returnTo or withdraw, not to the start node");
            }
            reset(r);
            history(r, "jumped", null, targetNodeId, decision.comment(), "by administrator " + r.actor.userId());
            enter(r, targetNodeId);
            r.ctx.summary("jumped instance " + r.row.id() + " to '" + targetNodeId + "'");
        });
    }

    @Override
    public void suspend(Actor admin, long instanceId, Decision decision) {
        onInstance(admin, instanceId, decision, "wf.instance.suspend", r -> {
            r.actor.requireAdmin("suspend process instances");
            requireRunning(r);
            r.status = InstanceStatus.SUSPENDED;
            history(r, "suspended", null, null, decision.comment(), null);
            r.ctx.summary("suspended instance " + r.row.id());
        });
    }

    @Override
    public void resume(Actor admin, long instanceId, Decision decision) {
        onInstance(admin, instanceId, decision, "wf.instance.resume", r -> {
            r.actor.requireAdmin("resume process instances");
            if (r.status != InstanceStatus.SUSPENDED) {
                throw new ConflictException("OA-WF/NOT_SUSPENDED", "instance " + r.row.id() + " is " + r.status + ", not suspended");
            }
            r.status = InstanceStatus.RUNNING;
            history(r, "resumed", null, null, decision.comment(), null);
            r.ctx.summary("resumed instance " + r.row.id());
        });
    }

    /** Completes a service node after its handler ran (called by the service job). */
    void serviceDone(CommandContext ctx, long instanceId, String nodeId, Map<String, Object> output) {
        Run r = new Run(ctx);
        load(r, instanceId);
        if (r.status != InstanceStatus.RUNNING || !r.st.active.contains(nodeId)) {
            return; // the instance moved on (cancelled, jumped): nothing to do
        }
        if (!output.isEmpty()) {
            ObjectNode merged = r.form.deepCopy();
            merged.setAll((ObjectNode) json.valueToTree(output));
            r.form = merged;
        }
        r.st.active.remove(nodeId);
        history(r, "service-done", null, nodeId, null, output.isEmpty() ? null : "output " + output.keySet());
        leave(r, nodeId);
        save(r);
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    interface TaskAction {
        void run(Run r, TaskRow task, Node.Approval node);
    }

    private void onTask(Actor actor, long taskId, Decision decision, String action, TaskAction body) {
        Checks.notNull("actor", actor);
        Decision d = decision == null ? Decision.none() : decision;
        commands.execute(CommandSpec.of(actor, action).withTarget("task", Long.toString(taskId)).withRequestId(d.requestId()),
                Void.class, ctx -> {
                    Run r = new Run(ctx);
                    // one round trip finds and locks the task's instance and reads its open tasks
                    lockAndLoad(r, true, taskId,
                            () -> new NotFoundException("OA-WF/TASK_NOT_FOUND", "task " + taskId
                                    + " does not exist in tenant '" + actor.tenantId() + "'"));
                    requireRunning(r);
                    TaskRow t = r.open.stream().filter(x -> x.id() == taskId).findFirst()
                            .orElseThrow(() -> new ConflictException("OA-WF/TASK_CLOSED", "task " + taskId
                                    + " is no longer open (someone acted on it, or the instance moved on); reload the todo list"));
                    if (t.status() == TaskStatus.WAITING) {
                        throw new ConflictException("OA-WF/TASK_WAITING", "task " + taskId
                                + " waits for the signers added before it; it reopens when they approved");
                    }
                    body.run(r, t, (Node.Approval) r.node(t.nodeId()));
                    save(r);
                    return null;
                });
    }

    private void onInstance(Actor actor, long instanceId, Decision decision, String action, java.util.function.Consumer<Run> body) {
        Checks.notNull("actor", actor);
        Decision d = decision == null ? Decision.none() : decision;
        commands.execute(CommandSpec.of(actor, action).withTarget("process-instance", Long.toString(instanceId))
                .withRequestId(d.requestId()), Void.class, ctx -> {
            Run r = new Run(ctx);
            load(r, instanceId);
            body.accept(r);
            save(r);
            return null;
        });
    }

    /** Loads and locks an instance with its open tasks. */
    private void load(Run r, long instanceId) {
        lockAndLoad(r, false, instanceId, () -> new NotFoundException("OA-WF/INSTANCE_NOT_FOUND", "process instance "
                + instanceId + " does not exist in tenant '" + r.tenant() + "'"));
    }

    /**
     * Locks the instance (of task {@code id} when {@code byTask}) and reads its open tasks in the
     * same statement; the tasks are read again only when they do not match the digest saved with
     * the state (see {@link InstanceState#openDigest}).
     */
    private void lockAndLoad(Run r, boolean byTask, long id, java.util.function.Supplier<NotFoundException> missing) {
        InstanceRepository.Locked locked = (byTask ? instances.lockByTask(r.h, r.tenant(), id) : instances.lock(r.h, r.tenant(), id))
                .orElseThrow(missing);
        r.row = locked.row();
        r.def = definitions.byId(r.h, r.row.definitionId());
        r.status = r.row.status();
        try {
            r.st = json.readValue(r.row.state(), InstanceState.class);
            r.form = (ObjectNode) json.readTree(r.row.form());
        } catch (Exception e) {
            throw new IllegalStateException("instance " + r.row.id() + " has unreadable state", e);
        }
        if (r.st.openDigest != null && r.st.openDigest.equals(digest(locked.openTasks()))) {
            r.open.addAll(locked.openTasks());
        } else {
            r.open.addAll(tasks.open(r.h, r.row.id()));
        }
    }

    /** @return a digest of open tasks: what changes when a task opens, closes, waits or moves */
    static String digest(List<TaskRow> open) {
        StringBuilder b = new StringBuilder();
        open.stream().sorted(java.util.Comparator.comparingLong(TaskRow::id)).forEach(t -> b.append(t.id()).append(':')
                .append(t.assigneeId()).append(':').append(t.ownerId()).append(':').append(t.status()).append(':')
                .append(t.dueAt() == null ? "" : t.dueAt().toEpochMilli()).append(':').append(t.proxyFor()).append(';'));
        return b.length() <= 200 ? b.toString() : sha(b.toString());
    }

    private static String sha(String s) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void save(Run r) {
        String append = flushHistory(r);
        r.st.openDigest = digest(r.open);
        String state;
        try {
            state = json.writeValueAsString(r.st);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // the step's history entries ride on the state's own UPDATE (see Timeline)
        instances.save(r.h, r.row.id(), r.status, r.form.toString(), state, r.now, append);
    }

    TaskRow insertTask(Run r, String nodeId, int round, int seq, String kind, Long waitingFor, String assignee,
                       String owner, TaskStatus status) {
        var who = seating.assignments(r, nodeId, List.of(assignee), status).get(0);
        Instant due = dueOf(r, nodeId, status);
        long id = tasks.insert(r.h, List.of(newTask(r, nodeId, round, seq, kind, waitingFor, who, owner, status, due))).get(0);
        return opened(r, id, nodeId, round, seq, kind, waitingFor, who, owner, status, due);
    }

    /** @return the deadline of a task opening now at the node (none for tasks not open) */
    private Instant dueOf(Run r, String nodeId, TaskStatus status) {
        return status == TaskStatus.OPEN ? deadlines.dueAt(r.d(), (Node.Approval) r.node(nodeId), r.row.priority(), r.now) : null;
    }

    private TaskRepository.NewTask newTask(Run r, String nodeId, int round, int seq, String kind, Long waitingFor,
                                           dev.oakit.workflow.internal.proxy.Proxies.Assignment who, String owner, TaskStatus status,
                                           Instant due) {
        return new TaskRepository.NewTask(r.tenant(), r.row.id(), nodeId, r.nodeName(nodeId), round, seq, kind, waitingFor, who.userId(),
                owner, status, null, null, null, r.row.key(), r.row.title(), r.row.initiatorId(), r.now, null, null, due,
                status == TaskStatus.OPEN ? who.principal() : null);
    }

    /**
     * Opens one approver task per user at a multi-approver node (会签, 或签, 票签) with one batched
     * insert, whatever the number of approvers.
     */
    private void insertOpenTasks(Run r, String nodeId, int round, int firstSeq, List<String> users) {
        if (users.size() <= 1) {
            users.forEach(u -> insertTask(r, nodeId, round, firstSeq, KIND_APPROVER, null, u, null, TaskStatus.OPEN));
            return;
        }
        List<dev.oakit.workflow.internal.proxy.Proxies.Assignment> who = seating.assignments(r, nodeId, users, TaskStatus.OPEN);
        Instant due = dueOf(r, nodeId, TaskStatus.OPEN);
        List<TaskRepository.NewTask> rows = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            rows.add(newTask(r, nodeId, round, firstSeq + i, KIND_APPROVER, null, who.get(i), null, TaskStatus.OPEN, due));
        }
        List<Long> ids = tasks.insert(r.h, rows);
        for (int i = 0; i < users.size(); i++) {
            opened(r, ids.get(i), nodeId, round, firstSeq + i, KIND_APPROVER, null, who.get(i), null, TaskStatus.OPEN, due);
        }
    }

    /** What follows a task's insert: its timeout ladder, proxy bookkeeping, the open list, the event. */
    private TaskRow opened(Run r, long id, String nodeId, int round, int seq, String kind, Long waitingFor,
                           dev.oakit.workflow.internal.proxy.Proxies.Assignment who, String owner, TaskStatus status, Instant due) {
        String assignee = who.userId();
        TaskRow t = new TaskRow(id, r.row.id(), nodeId, r.nodeName(nodeId), round, seq, kind, waitingFor, assignee, owner, status, null,
                r.row.key(), r.row.title(), r.row.initiatorId(), null, r.now, null, due, status == TaskStatus.OPEN ? who.principal() : null);
        if (status == TaskStatus.OPEN) {
            // hook (issue 4): timeout ladder, proxy bookkeeping; no statement for nodes without a deadline
            deadlines.opened(r.ctx, r.row.id(), r.d(), (Node.Approval) r.node(nodeId), id, r.now, due);
            if (who.note() != null) {
                history(r, who.principal() != null ? "proxy-assigned" : "proxy-kept", id, nodeId, null, who.note());
            }
            if (who.principal() != null) {
                r.st.proxyFor.put(id, who.principal());
            }
        }
        if (status == TaskStatus.OPEN || status == TaskStatus.WAITING) {
            r.open.add(t);
            if (status == TaskStatus.OPEN) {
                r.ctx.publish("wf.task.assigned", "task", Long.toString(id),
                        Map.of("instanceId", r.row.id(), "assigneeId", assignee, "nodeId", nodeId, "title", r.row.title()));
            }
        }
        return t;
    }

    void closeTask(Run r, TaskRow t, TaskStatus status, String outcome, String actedBy, String comment) {
        tasks.close(r.h, List.of(new TaskRepository.Closing(t.id(), status, outcome, actedBy, comment, r.now,
                deadlines.workMillis(r.d(), r.node(t.nodeId()), t.createdAt(), r.now))));
        r.open.removeIf(x -> x.id() == t.id());
        // hook (issue 4): the task's waiting timeout jobs go (no statement for nodes without a ladder)
        deadlines.closed(r.ctx, r.d(), (Node.Approval) r.node(t.nodeId()), t.id());
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

    void setTask(Run r, TaskRow t, String assignee, String owner, TaskStatus status, String outcome, String by, Instant done) {
        setTask(r, t, assignee, owner, status, t.proxyFor());
    }

    /** Changes a task's assignee, owner, status and the approver a proxy holds it for. */
    void setTask(Run r, TaskRow t, String assignee, String owner, TaskStatus status, String proxyFor) {
        tasks.change(r.h, List.of(new TaskRepository.Change(t.id(), assignee, owner, status, proxyFor)));
        r.open.replaceAll(x -> x.id() == t.id() ? x.with(assignee, owner, status, proxyFor) : x);
    }

    void history(Run r, String action, Long taskId, String nodeId, String comment, String detail) {
        r.history.add(new Object[]{action, taskId, nodeId,
                automatic(action) ? dev.oakit.core.Actor.SYSTEM_USER : r.actor.userId(), comment,
                detail == null ? null : detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail});
    }

    /**
     * Turns the buffered history entries into JSON lines for the instance's inline timeline, or,
     * when they do not fit (or the instance predates it), writes them to {@code oa_wf_history} in
     * one batch, in order.
     *
     * @return the lines to append to the timeline column, or null for none
     */
    private String flushHistory(Run r) {
        if (r.history.isEmpty()) {
            return null;
        }
        List<dev.oakit.workflow.HistoryEntry> entries = new ArrayList<>(r.history.size());
        for (Object[] e : r.history) {
            entries.add(new dev.oakit.workflow.HistoryEntry(r.now, (String) e[0], (String) e[3], onBehalfOf(r, e), (String) e[2],
                    (Long) e[1], (String) e[4], (String) e[5]));
        }
        r.history.clear();
        Integer inline = r.st.timelineChars;
        if (inline != null && inline != Timeline.SPILLED) {
            StringBuilder lines = new StringBuilder();
            entries.forEach(e -> lines.append(Timeline.line(json, e)));
            if (inline + lines.length() <= Timeline.INLINE_LIMIT) {
                r.st.timelineChars = inline + lines.length();
                return lines.toString();
            }
            r.st.timelineChars = Timeline.SPILLED;
        }
        historyRecords.append(r.h, r.tenant(), r.row.id(), entries);
        return null;
    }

    /** Issue 4: an action by a proxy on a task it holds for someone is recorded "by B on behalf of A". */
    private static String onBehalfOf(Run r, Object[] entry) {
        String principal = entry[1] == null || dev.oakit.core.Actor.SYSTEM_USER.equals(entry[3]) ? null : r.st.proxyFor.get((Long) entry[1]);
        if (principal != null) {
            r.ctx.onBehalfOf(principal);
        }
        return principal;
    }

    private static boolean automatic(String action) {
        return switch (action) {
            case "auto-approved", "skipped", "approver-fallback", "approver-replaced", "approver-excluded", "vote-passed",
                 "vote-failed", "ended", "cc", "service-scheduled", "service-done", "subprocess-started", "subprocess-ended",
                 "reopened", "approver-skipped", "auto-rejected", "proxy-assigned", "proxy-kept", "reminded", "escalated",
                 "timeout-reassigned" -> true;
            default -> false;
        };
    }

    private static String attachments(Decision d) {
        return d.attachments().isEmpty() ? null : "attachments " + d.attachments();
    }

    private void applyForm(Run r, Node.Approval a, Decision decision) {
        if (decision.form().isEmpty()) {
            return;
        }
        FormSchema schema = r.d().form();
        if (schema == null) {
            throw ValidationException.of("decision.form", "process '" + r.row.key() + "' has no form");
        }
        r.form = FormAccess.of(schema, a.fields(), FieldAccess.READ_ONLY).write(r.form, json.valueToTree(decision.form()));
    }

    private void requireRunning(Run r) {
        if (r.status != InstanceStatus.RUNNING) {
            throw new ConflictException("OA-WF/NOT_RUNNING", "instance " + r.row.id() + " is " + r.status
                    + (r.status == InstanceStatus.SUSPENDED ? "; an administrator must resume it first" : "; nothing can be done on it now"));
        }
    }

    private static void requireAssignee(Run r, TaskRow t) {
        if (UNASSIGNED.equals(t.assigneeId())) {
            throw new ConflictException("OA-WF/NOT_CLAIMED", "task " + t.id() + " is offered to a pool and nobody claimed it yet; "
                    + "a candidate claims it first (Approvals.claim)");
        }
        if (!t.assigneeId().equals(r.actor.userId())) {
            throw new ForbiddenException("OA-WF/NOT_ASSIGNEE", "user '" + r.actor.userId() + "' may not act on task " + t.id()
                    + "; only its assignee '" + t.assigneeId() + "' may");
        }
    }

    private static void requireNotDelegated(TaskRow t, String what) {
        if (t.ownerId() != null) {
            throw new ForbiddenException("OA-WF/DELEGATED", "task " + t.id() + " is delegated to '" + t.assigneeId()
                    + "' by its owner '" + t.ownerId() + "'; a delegate may not " + what
                    + ": the delegate resolves it and the owner decides");
        }
    }

    private void requireInitiator(Run r, String what) {
        if (!r.actor.userId().equals(r.row.initiatorId())) {
            throw new ForbiddenException("OA-WF/NOT_INITIATOR", "user '" + r.actor.userId() + "' may not " + what + " instance "
                    + r.row.id() + "; only its initiator '" + r.row.initiatorId() + "' may");
        }
    }

    /** @return true when the user started, acted on, was assigned or was cc'd on the instance */
    boolean participates(Handle h, String tenant, long instanceId, String initiator, String userId) {
        return userId.equals(initiator) || tasks.participates(h, tenant, instanceId, userId);
    }

    /** Builds the instance view for an actor (form filtered by the actor's field access). */
    ProcessInstance view(Handle h, Actor actor, long id) {
        return view(h, actor, instanceRow(h, actor, id, null));
    }

    /**
     * Reads an instance of the actor's tenant.
     *
     * @param timeline when not null, receives the inline timeline (read in the same statement)
     */
    InstanceRow instanceRow(Handle h, Actor actor, long id, String[] timeline) {
        return instances.find(h, actor.tenantId(), id, timeline)
                .orElseThrow(() -> new NotFoundException("OA-WF/INSTANCE_NOT_FOUND", "process instance " + id
                        + " does not exist in tenant '" + actor.tenantId() + "'"));
    }

    ProcessInstance view(Handle h, Actor actor, InstanceRow row) {
        ProcessDefinition d = definitions.byId(h, row.definitionId()).definition();
        InstanceState st;
        JsonNode form;
        try {
            st = json.readValue(row.state(), InstanceState.class);
            form = json.readTree(row.form());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (d.form() != null) {
            form = FormAccess.of(d.form(), accessFor(h, d, row, actor), FieldAccess.READ_ONLY).read(form);
        }
        return new ProcessInstance(row.id(), row.key(), row.version(), row.title(), row.businessKey(), row.initiatorId(),
                row.status(), row.priority(), json.convertValue(form, new TypeReference<LinkedHashMap<String, Object>>() { }),
                List.copyOf(st.active), row.startedAt(), row.endedAt());
    }

    /**
     * Field access of an actor: the initiator sees what the start node allows; an approver with an open
     * task what that node allows; others (cc'd, past approvers, admins) every field the most
     * restrictive… no: the start node's view, read-only.
     */
    private Map<String, FieldAccess> accessFor(Handle h, ProcessDefinition d, InstanceRow row, Actor actor) {
        List<String> openNodes = tasks.openNodesOf(h, row.id(), actor.userId());
        for (String n : openNodes) {
            if (d.node(n).orElse(null) instanceof Node.Approval a) {
                return a.fields();
            }
        }
        Node.Start start = (Node.Start) d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
        return start.fields();
    }

    // ------------------------------------------------------------------ system actions (issue 4)

    /**
     * Runs {@code body} on a task if it is still open on a running instance, with the instance
     * locked, and saves what it did in {@code ctx}'s transaction.
     *
     * @return false (and nothing done) when the task is closed, waiting, or gone
     */
    public boolean onOpenTask(CommandContext ctx, long taskId, java.util.function.Consumer<SystemTask> body) {
        Run r = new Run(ctx);
        try {
            lockAndLoad(r, true, taskId,
                    () -> new NotFoundException("OA-WF/TASK_NOT_FOUND", "task " + taskId + " is gone"));
        } catch (NotFoundException gone) {
            return false;
        }
        TaskRow t = r.open.stream().filter(x -> x.id() == taskId && x.status() == TaskStatus.OPEN).findFirst().orElse(null);
        if (r.status != InstanceStatus.RUNNING || t == null) {
            return false;
        }
        body.accept(new OpenTask(this, seating, r, t, (Node.Approval) r.node(t.nodeId())));
        save(r);
        return true;
    }
}

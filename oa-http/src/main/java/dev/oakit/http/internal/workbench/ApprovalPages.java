package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.http.internal.Bodies.Action;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.CcQuery;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Deployment;
import dev.oakit.workflow.DueState;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.TodoQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The approval pages: todo (待办), done (已办), started (我发起的), cc (抄送), an instance with its form, diagram,
 * timeline and actions, and starting a process with its predicted route. Every call is the engine's, as the person.
 */
public final class ApprovalPages implements PageGroup {
    static final int PAGE_SIZE = 20;
    private static final Set<String> TASK_ACTIONS = Set.of("approve", "reject", "return", "transfer", "add-signer", "claim",
            "release", "delegate", "resolve", "remove-signer");
    private static final Set<String> INSTANCE_ACTIONS = Set.of("withdraw", "urge", "comment", "cancel", "resubmit");

    private final Approvals approvals;
    private final ApprovalQueries queries;
    private final ProcessDefinitions definitions;

    public ApprovalPages(Approvals approvals, ApprovalQueries queries, ProcessDefinitions definitions) {
        this.approvals = approvals;
        this.queries = queries;
        this.definitions = definitions;
    }

    @Override
    public List<PageRoute> routes() {
        List<PageRoute> r = new ArrayList<>();
        r.add(PageRoute.get("/approvals/todo", c -> list(c, "todo", queries.todo(c.actor(), query(c)))));
        r.add(PageRoute.get("/approvals/done", c -> list(c, "done", queries.done(c.actor(), query(c)))));
        r.add(PageRoute.get("/approvals/started", c -> View.page("approvals/started.jte", "instances", queries.startedBy(c.actor(), query(c)),
                "q", query(c))));
        r.add(PageRoute.get("/approvals/cc", this::cc));
        r.add(PageRoute.post("/approvals/cc/{ccId}/read", c -> {
            queries.markCcRead(c.actor(), c.pathLong("ccId"));
            return View.redirect("/approvals/cc?msg=read");
        }));
        r.add(PageRoute.get("/approvals/instances/{id}", c -> instance(c, c.pathLong("id"))));
        r.add(PageRoute.post("/approvals/tasks/{taskId}/{action}", this::taskAction));
        r.add(PageRoute.post("/approvals/instances/{id}/{action}", this::instanceAction));
        r.add(PageRoute.get("/approvals/start", this::processes));
        r.add(PageRoute.get("/approvals/start/{key}", c -> startForm(c, definitions.latest(c.actor(), c.path("key")), null)));
        r.add(PageRoute.post("/approvals/start/{key}/preview", this::preview));
        r.add(PageRoute.post("/approvals/start/{key}", this::start));
        return r;
    }

    @Override
    public List<NavItem> nav() {
        return List.of(new NavItem("nav.todo", "/approvals/todo", queries::todoCount), NavItem.of("nav.done", "/approvals/done"),
                NavItem.of("nav.started", "/approvals/started"), new NavItem("nav.cc", "/approvals/cc", queries::unreadCcCount),
                NavItem.of("nav.start", "/approvals/start"));
    }

    static TodoQuery query(PageCall c) {
        return new TodoQuery(c.param("process"), c.param("initiator"), null, null, true, c.paramInt("page", 0), PAGE_SIZE,
                c.paramEnum("due", DueState.class));
    }

    private static View list(PageCall c, String which, List<Task> tasks) {
        return View.page("approvals/tasks.jte", "which", which, "tasks", tasks, "q", query(c));
    }

    private View cc(PageCall c) {
        CcQuery.ReadFilter read = c.paramEnum("read", CcQuery.ReadFilter.class);
        CcQuery q = new CcQuery(read == null ? CcQuery.ReadFilter.ALL : read, c.paramInt("page", 0), PAGE_SIZE);
        return View.page("approvals/cc.jte", "items", queries.ccToMe(c.actor(), q), "q", q);
    }

    /** The actions the person may take now, as the engine answers them ({@link Approvals#actionsFor}). */
    private List<Action> actions(Actor actor, long instanceId) {
        return approvals.actionsFor(actor, instanceId).stream()
                .map(a -> new Action(a.kind().label(), a.taskId(), a.userIds())).toList();
    }

    private View instance(PageCall c, long id) {
        InstanceDetail d = queries.detail(c.actor(), id);
        ProcessDefinition def = definitions.version(c.actor(), d.instance().processKey(), d.instance().processVersion());
        Task mine = d.tasks().stream().filter(t -> t.status() == TaskStatus.OPEN && c.actor().userId().equals(t.assigneeId())).findFirst()
                .orElse(null);
        Map<String, FieldAccess> access = mine != null && def.node(mine.nodeId()).orElse(null) instanceof Node.Approval a ? a.fields()
                : start(def).fields();
        List<FieldView> fields = FieldView.of(def.form(), access, FieldAccess.READ_ONLY, d.instance().form());
        if (mine == null) {
            fields = fields.stream().map(f -> f.editable() ? new FieldView(f.field(), f.value(), FieldAccess.READ_ONLY) : f).toList();
        }
        Set<String> current = new LinkedHashSet<>(d.instance().activeNodes());
        Set<String> done = new LinkedHashSet<>();
        done.add(start(def).id());
        d.timeline().stream().map(HistoryEntry::nodeId).filter(n -> n != null && !current.contains(n)).forEach(done::add);
        d.tasks().stream().filter(t -> t.status() == TaskStatus.DONE).map(Task::nodeId).filter(n -> !current.contains(n)).forEach(done::add);
        List<Action> actions = actions(c.actor(), id);
        Long taskId = actions.stream().map(Action::taskId).filter(t -> t != null).findFirst().orElse(null);
        Set<String> can = new LinkedHashSet<>();
        actions.forEach(a -> can.add(a.name()));
        Map<String, Action> byName = new LinkedHashMap<>();
        actions.forEach(a -> byName.putIfAbsent(a.name(), a));
        List<Node> returnTargets = def.nodes().stream().filter(n -> (n instanceof Node.Start || n instanceof Node.Approval) && done.contains(n.id())
                && !current.contains(n.id())).toList();
        String svg = ProcessDiagram.svg(def, current, done, def.name() == null ? def.key() : def.name());
        return View.page("approvals/instance.jte", "d", d, "fields", fields, "diagram", svg, "can", can, "taskId", taskId,
                "returnTargets", returnTargets, "byName", byName, "requestId", UUID.randomUUID().toString());
    }

    private static Node.Start start(ProcessDefinition d) {
        return (Node.Start) d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
    }

    private static Decision decision(PageCall c, Map<String, Object> form) {
        return new Decision(c.param("comment"), List.of(), form, c.param("requestId"));
    }

    private View taskAction(PageCall c) {
        String action = c.path("action");
        long taskId = c.pathLong("taskId");
        long instanceId = c.paramInt("instance", 0);
        if (!TASK_ACTIONS.contains(action)) {
            throw dev.oakit.core.ValidationException.of("action", "must be one of " + TASK_ACTIONS + ", was '" + action + "'");
        }
        Map<String, Object> form = null;
        if ("approve".equals(action) && instanceId > 0) {
            InstanceDetail d = queries.detail(c.actor(), instanceId);
            ProcessDefinition def = definitions.version(c.actor(), d.instance().processKey(), d.instance().processVersion());
            Task t = d.tasks().stream().filter(x -> x.id() == taskId).findFirst().orElse(null);
            if (t != null && def.node(t.nodeId()).orElse(null) instanceof Node.Approval a) {
                Map<String, Object> values = FieldView.values(FieldView.of(def.form(), a.fields(), FieldAccess.READ_ONLY, d.instance().form()), c);
                form = values.isEmpty() ? null : values;
            }
        }
        Decision dec = decision(c, form);
        switch (action) {
            case "approve" -> approvals.approve(c.actor(), taskId, dec);
            case "reject" -> approvals.reject(c.actor(), taskId, dec);
            case "return" -> approvals.returnTo(c.actor(), taskId, c.param("targetNodeId"), dec);
            case "transfer" -> approvals.transfer(c.actor(), taskId, c.param("toUserId"), dec);
            case "claim" -> approvals.claim(c.actor(), taskId, dec);
            case "release" -> approvals.release(c.actor(), taskId, dec);
            case "delegate" -> approvals.delegate(c.actor(), taskId, c.param("toUserId"), dec);
            case "resolve" -> approvals.resolve(c.actor(), taskId, dec);
            case "remove-signer" -> approvals.removeSigner(c.actor(), taskId, c.param("userId"), dec);
            default -> {
                SignerPosition p = c.paramEnum("position", SignerPosition.class);
                List<String> users = c.param("userIds") == null ? List.of()
                        : Arrays.stream(c.param("userIds").split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
                approvals.addSigner(c.actor(), taskId, p == null ? SignerPosition.AFTER : p, users, dec);
            }
        }
        return View.redirect(instanceId > 0 ? "/approvals/instances/" + instanceId + "?msg=" + action : "/approvals/todo?msg=" + action);
    }

    private View instanceAction(PageCall c) {
        String action = c.path("action");
        long id = c.pathLong("id");
        Decision dec = decision(c, null);
        switch (action) {
            case "withdraw" -> approvals.withdraw(c.actor(), id, dec);
            case "urge" -> approvals.urge(c.actor(), id, dec);
            case "comment" -> approvals.comment(c.actor(), id, dec);
            case "cancel" -> approvals.cancel(c.actor(), id, dec);
            case "resubmit" -> approvals.resubmit(c.actor(), id, dec);
            default -> throw dev.oakit.core.ValidationException.of("action", "must be one of " + INSTANCE_ACTIONS + ", was '" + action + "'");
        }
        return View.redirect("/approvals/instances/" + id + "?msg=" + action);
    }

    private View processes(PageCall c) {
        Map<String, Deployment> latest = new LinkedHashMap<>();
        for (Deployment d : definitions.deployments(c.actor())) {
            latest.merge(d.key(), d, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return View.page("approvals/processes.jte", "processes", List.copyOf(latest.values()));
    }

    private View startForm(PageCall c, ProcessDefinition def, String error) {
        List<FieldView> fields = FieldView.of(def.form(), start(def).fields(), FieldAccess.EDITABLE, null);
        if (error != null) {
            fields = fields.stream().map(f -> new FieldView(f.field(), c.param(f.name()), f.access())).toList();
        }
        View.Page p = View.page("approvals/start.jte", "def", def, "fields", fields, "error", error, "title", c.param("title"),
                "requestId", UUID.randomUUID().toString());
        return error == null ? p : new View.Page(p.template(), p.params(), 400);
    }

    private StartRequest startRequest(PageCall c, ProcessDefinition def) {
        Map<String, Object> form = FieldView.values(FieldView.of(def.form(), start(def).fields(), FieldAccess.EDITABLE, null), c);
        String title = c.param("title") == null ? (def.name() == null ? def.key() : def.name()) : c.param("title");
        return new StartRequest(def.key(), title, null, form, null, null, c.param("requestId"));
    }

    private View preview(PageCall c) {
        ProcessDefinition def = definitions.latest(c.actor(), c.path("key"));
        try {
            return View.page("approvals/preview.jte", "preview", queries.preview(c.actor(), startRequest(c, def)), "error", null);
        } catch (OaException e) {
            return View.page("approvals/preview.jte", "preview", null, "error", e.getMessage());
        }
    }

    private View start(PageCall c) {
        ProcessDefinition def = definitions.latest(c.actor(), c.path("key"));
        try {
            long id = approvals.start(c.actor(), startRequest(c, def)).id();
            return View.redirect("/approvals/instances/" + id + "?msg=started");
        } catch (dev.oakit.core.ValidationException e) {
            return startForm(c, def, e.getMessage());
        }
    }
}

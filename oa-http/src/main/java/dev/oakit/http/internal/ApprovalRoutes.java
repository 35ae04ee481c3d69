package dev.oakit.http.internal;

import dev.oakit.core.Actor;
import dev.oakit.http.internal.Bodies.Action;
import dev.oakit.http.internal.Bodies.ActionBody;
import dev.oakit.http.internal.Bodies.InstanceView;
import dev.oakit.http.internal.Bodies.StartBody;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.CcQuery;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.DueState;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The approval endpoints over {@link Approvals} and {@link ApprovalQueries}; every permission check is the engine's. */
public final class ApprovalRoutes {
    private static final Map<String, String> LIST_FILTERS = Map.of("process", "only this process key", "initiator", "only instances this user started",
            "due", "OVERDUE, DUE_SOON or ON_TIME (todo only)", "page", "page number from 0 (default 0)", "size", "page size 1..200 (default 20)");
    private static final String TAG = "approvals";

    private final Approvals approvals;
    private final ApprovalQueries queries;

    public ApprovalRoutes(Approvals approvals, ApprovalQueries queries) {
        this.approvals = approvals;
        this.queries = queries;
    }

    /** @return the approval routes, in the order OpenAPI lists them */
    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/me", "me", "workbench", "Who the caller is and the counts of their workbench", null, Bodies.Me.class, 200,
                Map.of(), this::me));
        r.add(new Route("POST", "/approvals/preview", "previewRoute", TAG, "Predicts the route and approvers a start would take",
                StartBody.class, RoutePreview.class, 200, Map.of(), c -> queries.preview(c.actor(), startRequest(c))));
        r.add(new Route("POST", "/approvals", "startApproval", TAG, "Starts an approval with its form (Idempotency-Key → request id)",
                StartBody.class, ProcessInstance.class, 201, Map.of(), c -> {
                    ProcessInstance pi = approvals.start(c.actor(), startRequest(c));
                    return Reply.created(pi, "approvals/instances/" + pi.id());
                }));
        r.add(new Route("GET", "/approvals/todo", "todo", TAG, "The caller's open tasks (待办)", null, Bodies.TaskPage.class, 200, LIST_FILTERS,
                c -> {
                    TodoQuery q = query(c);
                    return new Bodies.TaskPage(queries.todo(c.actor(), q), q.page(), q.size());
                }));
        r.add(new Route("GET", "/approvals/pool", "pool", TAG, "Tasks offered to the caller in a pool and not claimed yet (待领取)", null,
                Bodies.TaskPage.class, 200, LIST_FILTERS, c -> {
                    TodoQuery q = query(c);
                    return new Bodies.TaskPage(queries.pool(c.actor(), q), q.page(), q.size());
                }));
        r.add(new Route("GET", "/approvals/done", "done", TAG, "Tasks the caller acted on (已办), newest first", null, Bodies.TaskPage.class, 200,
                LIST_FILTERS, c -> {
                    TodoQuery q = query(c);
                    return new Bodies.TaskPage(queries.done(c.actor(), q), q.page(), q.size());
                }));
        r.add(new Route("GET", "/approvals/started", "started", TAG, "Instances the caller started (我发起的), newest first", null,
                Bodies.InstancePage.class, 200, LIST_FILTERS, c -> {
                    TodoQuery q = query(c);
                    return new Bodies.InstancePage(queries.startedBy(c.actor(), q), q.page(), q.size());
                }));
        r.add(new Route("GET", "/approvals/cc", "cc", TAG, "Instances copied to the caller (抄送我的)", null, Bodies.CcPage.class, 200,
                Map.of("read", "ALL, UNREAD or READ (default ALL)", "page", "page number from 0", "size", "page size 1..200"), c -> {
                    CcQuery q = new CcQuery(c.queryEnum("read", CcQuery.ReadFilter.class), c.queryInt("page", 0), c.queryInt("size", 20));
                    return new Bodies.CcPage(queries.ccToMe(c.actor(), q), q.page(), q.size());
                }));
        r.add(new Route("POST", "/approvals/cc/{ccId}/read", "markCcRead", TAG, "Marks a cc item read", null, null, 204, Map.of(), c -> {
            queries.markCcRead(c.actor(), c.pathLong("ccId"));
            return Reply.noContent();
        }));
        r.add(new Route("GET", "/approvals/instances/{instanceId}", "instance", TAG,
                "An instance with its tasks, timeline and the caller's actions; ETag, If-None-Match → 304", null, InstanceView.class, 200,
                Map.of(), c -> view(c.actor(), c.pathLong("instanceId"))));
        taskAction(r, "approve", "Approves the task (同意)", (a, id, d, b) -> approvals.approve(a, id, d));
        taskAction(r, "reject", "Rejects the task (驳回)", (a, id, d, b) -> approvals.reject(a, id, d));
        taskAction(r, "return", "Returns the instance to an earlier node (退回): targetNodeId",
                (a, id, d, b) -> approvals.returnTo(a, id, b.targetNodeId(), d));
        taskAction(r, "transfer", "Transfers the task to another user (转办): toUserId", (a, id, d, b) -> approvals.transfer(a, id, b.toUserId(), d));
        taskAction(r, "add-signer", "Adds signers (加签): position BEFORE/AFTER/PARALLEL, userIds",
                (a, id, d, b) -> approvals.addSigner(a, id, b.position(), b.userIds() == null ? List.of() : b.userIds(), d));
        taskAction(r, "remove-signer", "Removes a pending signer of the task's node (减签): userId",
                (a, id, d, b) -> approvals.removeSigner(a, id, b.userId(), d));
        taskAction(r, "delegate", "Delegates the task (委派): toUserId works on it, then it comes back to the caller to decide",
                (a, id, d, b) -> approvals.delegate(a, id, b.toUserId(), d));
        taskAction(r, "resolve", "The delegate hands the delegated task back to its owner", (a, id, d, b) -> approvals.resolve(a, id, d));
        taskAction(r, "claim", "Claims a task offered to a pool the caller is a candidate of (领取)", (a, id, d, b) -> approvals.claim(a, id, d));
        taskAction(r, "release", "Releases a claimed pool task back to the pool", (a, id, d, b) -> approvals.release(a, id, d));
        instanceAction(r, "withdraw", "Withdraws the instance or the caller's last approval (撤回)", (a, id, d, b) -> approvals.withdraw(a, id, d));
        instanceAction(r, "urge", "Urges the current approvers (催办)", (a, id, d, b) -> approvals.urge(a, id, d));
        instanceAction(r, "comment", "Comments on the instance (评论)", (a, id, d, b) -> approvals.comment(a, id, d));
        instanceAction(r, "cancel", "Cancels the instance (撤销)", (a, id, d, b) -> approvals.cancel(a, id, d));
        instanceAction(r, "resubmit", "Resubmits a returned instance (重新提交)", (a, id, d, b) -> approvals.resubmit(a, id, d));
        instanceAction(r, "abandon", "The initiator gives up a returned instance: it ends rejected", (a, id, d, b) -> approvals.abandon(a, id, d));
        instanceAction(r, "jump", "Administrators: moves a running instance to a node (跳转): targetNodeId",
                (a, id, d, b) -> approvals.jump(a, id, b.targetNodeId(), d));
        instanceAction(r, "suspend", "Administrators: suspends a running instance (挂起)", (a, id, d, b) -> approvals.suspend(a, id, d));
        instanceAction(r, "resume", "Administrators: resumes a suspended instance (恢复)", (a, id, d, b) -> approvals.resume(a, id, d));
        return r;
    }

    @FunctionalInterface
    private interface TaskCommand {
        void run(Actor actor, long taskId, Decision decision, ActionBody body);
    }

    @FunctionalInterface
    private interface InstanceCommand {
        void run(Actor actor, long instanceId, Decision decision, ActionBody body);
    }

    private void taskAction(List<Route> r, String name, String summary, TaskCommand command) {
        r.add(new Route("POST", "/approvals/tasks/{taskId}/" + name, camel("task-" + name), TAG, summary + " (Idempotency-Key → request id)",
                ActionBody.class, null, 204, Map.of(), c -> {
                    ActionBody b = c.body(ActionBody.class);
                    command.run(c.actor(), c.pathLong("taskId"), decision(c, b), b);
                    return Reply.noContent();
                }));
    }

    private void instanceAction(List<Route> r, String name, String summary, InstanceCommand command) {
        r.add(new Route("POST", "/approvals/instances/{instanceId}/" + name, camel("instance-" + name), TAG,
                summary + " (Idempotency-Key → request id; If-Match → 412 when the instance changed)", ActionBody.class, null, 204, Map.of(), c -> {
                    ActionBody b = c.body(ActionBody.class);
                    long id = c.pathLong("instanceId");
                    String ifMatch = c.header("If-Match");
                    if (ifMatch != null && !ETags.matches(ifMatch, ETags.of(view(c.actor(), id)))) {
                        throw new PreconditionFailed("instance " + id + " changed since ETag " + ifMatch + "; read it again and retry");
                    }
                    command.run(c.actor(), id, decision(c, b), b);
                    return Reply.noContent();
                }));
    }

    private static String camel(String s) {
        StringBuilder b = new StringBuilder();
        for (String part : s.split("-")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }

    private static Decision decision(Call c, ActionBody b) {
        return new Decision(b.comment(), b.attachments(), b.form(), c.idempotencyKey());
    }

    private static StartRequest startRequest(Call c) {
        StartBody b = c.body(StartBody.class);
        if (b.processKey() == null) {
            throw dev.oakit.core.ValidationException.of("processKey", "is required: the key of a deployed process, e.g. 'leave'");
        }
        return new StartRequest(b.processKey(), b.title(), b.businessKey(), b.form(), b.chosenApprovers(), b.priority(), c.idempotencyKey());
    }

    private static TodoQuery query(Call c) {
        return new TodoQuery(c.query("process"), c.query("initiator"), null, null, true, c.queryInt("page", 0), c.queryInt("size", 20),
                c.queryEnum("due", DueState.class));
    }

    private Bodies.Me me(Call c) {
        Workbench w = queries.workbench(c.actor());
        Actor a = c.actor();
        return new Bodies.Me(a.tenantId(), a.userId(), a.roles().stream().sorted().toList(), w.todo(), w.ccUnread(), w.startedInProgress(),
                w.returnedToMe());
    }

    InstanceView view(Actor actor, long instanceId) {
        InstanceDetail d = queries.detail(actor, instanceId);
        List<Action> actions = approvals.actionsFor(actor, instanceId).stream()
                .map(a -> new Action(a.kind().label(), a.taskId(), a.userIds())).toList();
        return new InstanceView(d.instance(), d.tasks(), d.timeline(), actions);
    }
}

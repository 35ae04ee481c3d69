package dev.oakit.workflow.internal.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.FormOptions;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.InstanceStates;
import dev.oakit.workflow.internal.InstanceViews;
import dev.oakit.workflow.internal.engine.Effect;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.action.ApprovalCommand;
import dev.oakit.workflow.internal.engine.action.InstanceAction;
import dev.oakit.workflow.internal.engine.action.ServiceDoneAction;
import dev.oakit.workflow.internal.engine.action.StartAction;
import dev.oakit.workflow.internal.engine.action.SubProcessEndedAction;
import dev.oakit.workflow.internal.engine.action.TaskAction;
import dev.oakit.workflow.internal.proxy.Proxies;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.store.TaskRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs a command: in oa-core's command (one transaction, audit, request ids) it locks the instance
 * and loads it with its open tasks in one statement, has the command's action decide, has the
 * {@link EffectWriter} write the decision, then decides and writes what the decision does to other
 * instances (a parent whose sub-process ended, sub-processes cancelled with their parent).
 */
@Singleton
public final class CommandRunner {
    private final Commands commands;
    private final DefinitionService definitions;
    private final InstanceRepository instances;
    private final TaskRepository tasks;
    private final EffectWriter writer;
    private final InstanceViews views;
    private final Proxies proxies;
    private final Flow flow;
    private final Tasks taskOps;
    private final Seating seating;
    private final StartAction starting;
    private final ServiceDoneAction serviceDone;
    private final SubProcessEndedAction subProcessEnded;
    private final ObjectMapper json;
    private final InstanceStates states;
    private final FormOptions formOptions;

    @Inject
    private CommandRunner(Commands commands, DefinitionService definitions, InstanceRepository instances, TaskRepository tasks,
                         EffectWriter writer, InstanceViews views, Proxies proxies, Flow flow, Tasks taskOps, Seating seating,
                         StartAction starting, ServiceDoneAction serviceDone, SubProcessEndedAction subProcessEnded,
                         ObjectMapper json, InstanceStates states, FormOptions formOptions) {
        this.commands = commands;
        this.definitions = definitions;
        this.instances = instances;
        this.tasks = tasks;
        this.writer = writer;
        this.views = views;
        this.proxies = proxies;
        this.flow = flow;
        this.taskOps = taskOps;
        this.seating = seating;
        this.starting = starting;
        this.serviceDone = serviceDone;
        this.subProcessEnded = subProcessEnded;
        this.json = json;
        this.states = states;
        this.formOptions = formOptions;
    }

    // ------------------------------------------------------------------ commands

    /** Runs a command on an open task (of a running instance, not waiting for signers added before). */
    public <C extends ApprovalCommand.OnTask> void onTask(Actor actor, C command, TaskAction<C> action) {
        long taskId = command.taskId();
        commands.execute(CommandSpec.of(actor, command.action()).withTarget("task", Long.toString(taskId))
                .withRequestId(command.decision().requestId()), Void.class, ctx -> {
            // one round trip finds and locks the task's instance and reads its open tasks
            InstanceChange r = load(ctx, true, taskId, () -> new NotFoundException(WorkflowErrors.TASK_NOT_FOUND, "task " + taskId
                    + " does not exist in tenant '" + actor.tenantId() + "'"));
            TaskRow t = actionable(r, taskId);
            action.decide(r, t, (Node.Approval) r.node(t.nodeId()), command);
            write(ctx, r);
            return null;
        });
    }

    /** Runs a command on an instance. */
    public <C extends ApprovalCommand.OnInstance> void onInstance(Actor actor, C command, InstanceAction<C> action) {
        onInstance(actor, command.action(), command.instanceId(), command.decision().requestId(), r -> {
            action.decide(r, command);
            return r;
        });
    }

    /**
     * Runs a command on an instance: locks and loads it, has {@code decide} return the change to write (the loaded one,
     * decided on, or one made from it), and writes that.
     *
     * @param requestId the command's request id; null for none
     */
    void onInstance(Actor actor, String action, long instanceId, String requestId, UnaryOperator<InstanceChange> decide) {
        commands.execute(CommandSpec.of(actor, action).withTarget("process-instance", Long.toString(instanceId))
                .withRequestId(requestId), Void.class, ctx -> {
            InstanceChange r = load(ctx, false, instanceId, () -> missing(ctx, instanceId));
            write(ctx, decide.apply(r));
            return null;
        });
    }

    /**
     * The checks every command on a task passes before its action decides: the instance runs, the task is open and not
     * waiting for signers added before it.
     */
    static TaskRow actionable(InstanceChange r, long taskId) {
        Guards.requireRunning(r);
        TaskRow t = null;
        for (TaskRow x : r.open) {
            if (x.id() == taskId) {
                t = x;
                break;
            }
        }
        if (t == null) {
            throw new ConflictException(WorkflowErrors.TASK_CLOSED, "task " + taskId
                    + " is no longer open (someone acted on it, or the instance moved on); reload the todo list");
        }
        if (t.status() == TaskStatus.WAITING) {
            throw new ConflictException(WorkflowErrors.TASK_WAITING, "task " + taskId
                    + " waits for the signers added before it; it reopens when they approved");
        }
        return t;
    }

    /** Starts an instance; returns it as the initiator sees it. */
    public ProcessInstance start(Actor initiator, StartRequest request) {
        ProcessInstance[] built = new ProcessInstance[1];
        long id = commands.execute(CommandSpec.of(initiator, "wf.instance.start").withRequestId(request.requestId()), Long.class,
                ctx -> start(ctx, request, null, null, initiator.userId(), null, built));
        // the view built from the command's own state saves two reads; a repeated request id reads it back
        return built[0] != null ? built[0] : commands.query(h -> views.view(h, initiator, id));
    }

    /**
     * @param calls the process keys of the instances above a sub-process instance, outermost first;
     *              null for an instance a user starts
     * @param view receives the instance as its initiator sees it; null for a sub-process instance
     */
    private long start(CommandContext ctx, StartRequest request, Long parentId, String parentNode, String initiatorId,
                       List<String> calls, ProcessInstance[] view) {
        String tenant = ctx.tenantId();
        DefinitionService.Stored seen = definitions.latestSeen(tenant, request.processKey());
        DefinitionService.Stored def = seen != null ? seen : definitions.latest(ctx.handle(), tenant, request.processKey());
        ProcessDefinition d = def.definition();
        ObjectNode submitted = dev.oakit.workflow.internal.FormTrees.of(json, request.form());
        ObjectNode form = d.form() == null ? submitted : def.startAccess().write(json.createObjectNode(), submitted);
        if (def.sourcedForm()) {
            formOptions.check(ctx.actor(), d.form(), form, null);
        }
        String title = request.title() != null ? request.title() : (d.name() == null ? d.key() : d.name()) + " - " + initiatorId;
        // guarded when the version came from this node's cache: only while no newer version exists
        String formText = form.toString();
        Long inserted = instances.insert(ctx.handle(), new InstanceRepository.NewInstance(tenant, def.id(), def.key(), def.version(),
                title, request.businessKey(), initiatorId, request.priority(), formText, parentId, parentNode, ctx.now()),
                seen != null);
        if (inserted == null) {
            // a newer version was deployed (maybe by another node): forget the cached one and start on the newest
            definitions.forgetLatest(tenant, request.processKey());
            return start(ctx, request, parentId, parentNode, initiatorId, calls, view);
        }
        long id = inserted;
        InstanceRow row = new InstanceRow(id, tenant, def.id(), def.key(), def.version(), title, request.businessKey(), initiatorId,
                InstanceStatus.RUNNING, request.priority(), formText, "{}", parentId, parentNode, ctx.now(), null);
        if (view != null) {
            ctx.target("process-instance", Long.toString(id));
            ctx.summary("started '" + title + "' (" + def.key() + " v" + def.version() + ")");
        }
        InstanceState st = new InstanceState();
        st.timelineChars = 0;
        st.calls = calls;
        st.chosen.putAll(request.chosenApprovers());
        InstanceChange r = new InstanceChange(ctx.actor(), ctx.now(), row, def, st, form, formText, InstanceStatus.RUNNING,
                new ArrayList<>(), new StoreReads(ctx, proxies, tasks), null, json);
        starting.decide(r, request);
        write(ctx, r);
        if (view != null) {
            view[0] = views.initiatorView(row, def, r.form(), r.status, r.open, r.st.active, r.now);
        }
        return id;
    }

    // ------------------------------------------------------------------ system actions

    /** Completes a service node after its handler ran (called by the service job, in its command). */
    public void serviceDone(CommandContext ctx, long instanceId, String nodeId, Map<String, Object> output) {
        InstanceChange r = load(ctx, false, instanceId, () -> missing(ctx, instanceId));
        if (serviceDone.decide(r, nodeId, output)) {
            write(ctx, r);
        }
    }

    /**
     * Runs {@code body} on a task if it is still open on a running instance, with the instance
     * locked, and writes what it did in {@code ctx}'s transaction.
     *
     * @return false (and nothing done) when the task is closed, waiting, or gone
     */
    public boolean onOpenTask(CommandContext ctx, long taskId, Consumer<SystemTask> body) {
        return onTask(ctx, taskId, false, body);
    }

    /**
     * Like {@link #onOpenTask}, and also on a task that waits (前加签) or whose instance is suspended:
     * a task someone holds, as a handover sees it.
     *
     * @return false (and nothing done) when the task is closed or gone, or its instance ended or returned
     */
    public boolean onHeldTask(CommandContext ctx, long taskId, Consumer<SystemTask> body) {
        return onTask(ctx, taskId, true, body);
    }

    private boolean onTask(CommandContext ctx, long taskId, boolean held, Consumer<SystemTask> body) {
        InstanceChange r;
        try {
            r = load(ctx, true, taskId, () -> new NotFoundException(WorkflowErrors.TASK_NOT_FOUND, "task " + taskId + " is gone"));
        } catch (NotFoundException gone) {
            return false;
        }
        TaskRow t = r.open.stream().filter(x -> x.id() == taskId
                && (x.status() == TaskStatus.OPEN || held && x.status() == TaskStatus.WAITING)).findFirst().orElse(null);
        boolean live = r.status == InstanceStatus.RUNNING || held && r.status == InstanceStatus.SUSPENDED;
        if (!live || t == null) {
            return false;
        }
        body.accept(new OpenTask(flow, taskOps, seating, r, t, (Node.Approval) r.node(t.nodeId())));
        write(ctx, r);
        return true;
    }

    // ------------------------------------------------------------------ plumbing

    static NotFoundException missing(CommandContext ctx, long instanceId) {
        return new NotFoundException(WorkflowErrors.INSTANCE_NOT_FOUND, "process instance " + instanceId + " does not exist in tenant '"
                + ctx.tenantId() + "'");
    }

    /**
     * Locks the instance (of task {@code id} when {@code byTask}) and reads its open tasks in the
     * same statement; the tasks are read again only when they do not match the digest saved with
     * the state (see {@link InstanceState#openDigest}).
     */
    InstanceChange load(CommandContext ctx, boolean byTask, long id, Supplier<NotFoundException> missing) {
        var h = ctx.handle();
        InstanceRepository.Locked locked = (byTask ? instances.lockByTask(h, ctx.tenantId(), id)
                : instances.lock(h, ctx.tenantId(), id)).orElseThrow(missing);
        InstanceRow row = locked.row();
        InstanceState st = state(row);
        List<TaskRow> open = st.openDigest != null && st.openDigest.equals(EffectWriter.digest(locked.openTasks()))
                ? new ArrayList<>(locked.openTasks()) : new ArrayList<>(tasks.open(h, row.id()));
        return change(ctx, row, definitions.byId(h, row.definitionId()), st, open);
    }

    /** A fresh working copy of an instance {@link #load} loaded, as it was loaded: to decide several times on one load. */
    InstanceChange copy(CommandContext ctx, InstanceChange loaded) {
        return change(ctx, loaded.row, loaded.def, state(loaded.row), new ArrayList<>(loaded.open));
    }

    private InstanceChange change(CommandContext ctx, InstanceRow row, DefinitionService.Stored def, InstanceState st, List<TaskRow> open) {
        // the form is read from its text only when the decision needs it
        return new InstanceChange(ctx.actor(), ctx.now(), row, def, st, null, row.form(), row.status(), open,
                new StoreReads(ctx, proxies, tasks), null, json);
    }

    private InstanceState state(InstanceRow row) {
        try {
            return states.read(row.state());
        } catch (Exception e) {
            throw new IllegalStateException("instance " + row.id() + " has unreadable state", e);
        }
    }

    /**
     * Writes a decision, then decides and writes its effects on other instances. Form values changed by the
     * decision (edits an approver may make, a resubmission) are checked against their option sources first.
     */
    void write(CommandContext ctx, InstanceChange r) {
        if (r.def.sourcedForm() && !r.formText().equals(r.row.form())) {
            try {
                formOptions.check(r.actor, r.d().form(), r.form(), json.readTree(r.row.form()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("instance " + r.row.id() + " has an unreadable form", e);
            }
        }
        for (Effect e : writer.write(ctx, r, this::startChild)) {
            if (e instanceof Effect.CancelChildren x) {
                List<Long> children = new ArrayList<>(instances.unendedChildren(ctx.handle(), r.tenant(), r.row.id()));
                children.remove(x.except());
                for (long child : children) {
                    InstanceChange c = load(ctx, false, child, () -> missing(ctx, child));
                    flow.cancelWithParent(c, r.row.id());
                    write(ctx, c);
                }
            } else if (e instanceof Effect.ContinueParent x) {
                InstanceChange parent = load(ctx, false, x.parentId(), () -> missing(ctx, x.parentId()));
                parent.endingChild = r.row.id();
                if (subProcessEnded.decide(parent, x.parentNode(), r.row.id(), x.outcome())) {
                    write(ctx, parent);
                }
            }
        }
    }

    private long startChild(CommandContext ctx, Effect.StartChild child, InstanceChange parent) {
        return start(ctx, child.request(), parent.row.id(), child.nodeId(), child.initiatorId(), child.calls(), null);
    }
}

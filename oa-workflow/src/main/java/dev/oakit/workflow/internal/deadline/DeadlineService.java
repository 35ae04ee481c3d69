package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.TaskDeadlines;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.TaskRepository;
import dev.oakit.workflow.internal.runner.CommandRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Moves deadlines and re-schedules the ladder under the same job keys. */
@Singleton
public final class DeadlineService implements TaskDeadlines {
    private final Commands commands;
    private final CommandRunner runner;
    private final Deadlines deadlines;
    private final TaskRepository tasks;
    private final InstanceRepository instances;

    @Inject
    private DeadlineService(Commands commands, CommandRunner runner, Deadlines deadlines, TaskRepository tasks,
                           InstanceRepository instances) {
        this.tasks = tasks;
        this.instances = instances;
        this.commands = commands;
        this.runner = runner;
        this.deadlines = deadlines;
    }

    @Override
    public void moveDeadline(Actor admin, long taskId, Instant dueAt, String reason) {
        Checks.notNull("admin", admin);
        Checks.notNull("dueAt", dueAt);
        admin.requireAdmin("move task deadlines");
        commands.execute(CommandSpec.of(admin, "wf.task.deadline").withTarget("task", Long.toString(taskId)), Void.class, ctx -> {
            boolean open = runner.onOpenTask(ctx, taskId, t -> {
                t.moveDeadline(dueAt, "to " + dueAt + (reason == null ? "" : ": " + reason));
            });
            if (!open) {
                throw new ConflictException(WorkflowErrors.TASK_CLOSED, "task " + taskId + " is not open; only an open task's deadline moves");
            }
            ctx.summary("moved the deadline of task " + taskId + " to " + dueAt);
            return null;
        });
    }

    @Override
    public void changePriority(Actor actor, long instanceId, String priority, String reason) {
        Checks.notNull("actor", actor);
        if (!"normal".equals(priority) && !"urgent".equals(priority)) {
            throw ValidationException.of("priority", "is '" + priority + "'; use normal or urgent");
        }
        commands.execute(CommandSpec.of(actor, "wf.instance.priority").withTarget("process-instance", Long.toString(instanceId)),
                Void.class, ctx -> {
                    String initiator = instances.lockInitiator(ctx.handle(), ctx.tenantId(), instanceId)
                            .orElseThrow(() -> new NotFoundException(WorkflowErrors.INSTANCE_NOT_FOUND, "process instance " + instanceId
                                    + " does not exist in tenant '" + ctx.tenantId() + "'"));
                    if (!actor.isAdmin() && !actor.userId().equals(initiator)) {
                        throw new ForbiddenException(WorkflowErrors.PRIORITY, "user '" + actor.userId() + "' may not change the priority of instance "
                                + instanceId + "; its initiator '" + initiator + "' and administrators may");
                    }
                    instances.setPriority(ctx.handle(), instanceId, priority);
                    tasks.setPriority(ctx.handle(), instanceId, priority);
                    List<Long> open = tasks.openIds(ctx.handle(), instanceId);
                    for (long taskId : open) {
                        runner.onOpenTask(ctx, taskId, t -> {
                            Deadline d = t.definition().deadlineOf(t.node());
                            if (d != null) {
                                Instant due = deadlines.dueAt(d, priority, t.task().createdAt());
                                t.moveDeadline(due, "priority " + priority + (reason == null ? "" : ": " + reason) + "; due " + due);
                            }
                        });
                    }
                    ctx.summary("instance " + instanceId + " is now " + priority);
                    return null;
                });
    }
}

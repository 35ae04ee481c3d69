package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.WorkflowConfig;
import dev.oakit.workflow.WorkflowTemplateKeys;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.store.Rows;
import dev.oakit.workflow.internal.runner.CommandRunner;
import dev.oakit.workflow.internal.runner.SystemTask;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one rung of a task's timeout ladder. The instance is locked and the task must still be
 * open, so nothing fires after the task ended; a reminder that repeats schedules its successor
 * under the same key while it runs, so the count never exceeds the rung's {@code times}.
 */
public final class TimeoutJob implements JobHandler {
    private final Commands commands;
    private final CommandRunner runner;
    private final Deadlines deadlines;
    private final ApproverResolution resolution;
    private final Notifications notifications;
    private final WorkflowConfig config;

    @Inject
    private TimeoutJob(Commands commands, CommandRunner runner, Deadlines deadlines, ApproverResolution resolution,
                      Notifications notifications, WorkflowConfig config) {
        this.commands = commands;
        this.runner = runner;
        this.deadlines = deadlines;
        this.resolution = resolution;
        this.notifications = notifications;
        this.config = config;
    }

    @Override
    public String type() {
        return Deadlines.TIMEOUT_JOB;
    }

    @Override
    public void handle(JobContext job) {
        long taskId = job.payload().get("taskId").asLong();
        int rung = job.payload().get("rung").asInt();
        int count = job.payload().path("count").asInt(1);
        commands.execute(CommandSpec.of(Actor.system(job.tenantId()), "wf.task.timeout").withTarget("task", Long.toString(taskId)),
                Void.class, ctx -> {
                    boolean open = runner.onOpenTask(ctx, taskId, t -> run(ctx, t, rung, count));
                    if (!open) {
                        ctx.summary("timeout rung " + rung + " of task " + taskId + ": the task is no longer open, nothing done");
                    }
                    return null;
                });
    }

    /**
     * Adds the assignee's manager as a signer, or gives them the task. A manager who may not (the
     * one check: the initiator, separated, already at the node, inactive) is passed over for the
     * next manager up, then the node's onEmpty fallback; the timeline records each person passed
     * over. When nobody may, the task stays as it is and the timeline says so.
     */
    private static void toManager(SystemTask t, Timeout.Action action, String assignee, String reason) {
        boolean move = action == Timeout.Action.REASSIGN_TO_MANAGER;
        SystemTask.Choice to = assignee.isEmpty() ? null
                : t.firstAllowedUpFrom(null, assignee, move, AssigneeCheck.Path.TIMEOUT, reason);
        if (to == null || to.userId() == null) {
            t.note("escalated", (assignee.isEmpty() ? "nobody claimed the task" : "nobody above '" + assignee + "' may "
                    + (move ? "take the task" : "be added as a signer")) + "; it stays as it is (" + reason + ")");
        } else if (move) {
            t.reassign(to.userId(), null, "timeout-reassigned", reason);
        } else {
            t.addSigner(to.userId(), reason);
        }
    }

    /** With {@code workflow.notifications}: the assignee hears that the deadline is near, or passed. */
    private void notifyDue(CommandContext ctx, Rows.TaskRow task, int rung, Instant due) {
        if (!task.assigneeId().isEmpty()) {
            notifications.send(ctx.actor(), NotificationRequest.of(rung == Deadlines.DUE_SOON_RUNG ? WorkflowTemplateKeys.DUE_SOON
                    : WorkflowTemplateKeys.OVERDUE, List.of(task.assigneeId()), Map.of("title", task.title(),
                    "node", task.nodeName() == null ? task.nodeId() : task.nodeName(), "due", due.toString(),
                    "link", config.linkFor(task.instanceId(), task.id()))));
        }
        ctx.summary("task " + task.id() + (rung == Deadlines.DUE_SOON_RUNG ? " is due soon" : " is overdue") + " (" + due + ")");
    }

    private void run(CommandContext ctx, SystemTask t, int rung, int count) {
        Deadline d = t.definition().deadlineOf(t.node());
        List<Timeout> ladder = d == null || d.timeouts() == null ? List.of() : d.timeouts();
        Rows.TaskRow task = t.task();
        Instant due = task.dueAt(); // read under the instance lock (the open tasks' digest covers it)
        if (rung < 0 && due != null) {
            notifyDue(ctx, t.task(), rung, due);
            return;
        }
        if (rung >= ladder.size() || due == null) {
            ctx.summary("task " + task.id() + " has no timeout rung " + rung + " any more (redeployed definitions keep their version)");
            return;
        }
        Timeout step = ladder.get(rung);
        String reason = "timeout: " + step.action() + " at " + step.offset() + " from the deadline " + due + " (rung " + rung + ")";
        String assignee = task.assigneeId();
        boolean pooled = assignee.isEmpty();
        Map<String, Object> vars = Map.of("title", task.title(), "node", task.nodeName() == null ? task.nodeId() : task.nodeName(),
                "due", due.toString(), "assignee", assignee, "link", config.linkFor(task.instanceId(), task.id()));
        switch (step.action()) {
            case REMIND -> {
                if (!pooled) {
                    notifications.send(ctx.actor(), NotificationRequest.of(WorkflowTemplateKeys.REMIND, List.of(assignee), vars));
                }
                t.note("reminded", (pooled ? "nobody claimed the task; " : assignee + ", ") + "reminder " + count + " of " + step.times());
                if (count < step.times() && step.every() != null) {
                    Instant next = WorkingTime.parse(step.every()).after(deadlines.calendar(d), ctx.now());
                    ctx.schedule(JobRequest.of(Deadlines.TIMEOUT_JOB, Map.of("instanceId", task.instanceId(), "taskId", task.id(),
                            "rung", rung, "count", count + 1)).at(next).dedupe(Deadlines.jobKey(task.id(), rung)));
                }
            }
            case NOTIFY_MANAGER -> {
                Optional<String> manager = pooled ? Optional.empty() : resolution.manager(ctx.tenantId(), assignee)
                        .filter(m -> !m.equals(assignee));
                manager.ifPresent(m -> notifications.send(ctx.actor(),
                        NotificationRequest.of(WorkflowTemplateKeys.ESCALATED, List.of(m), vars)));
                t.note("escalated", manager.map(m -> "notified " + m + ", manager of " + assignee)
                        .orElse("no manager to notify for '" + assignee + "'"));
            }
            case ADD_MANAGER, REASSIGN_TO_MANAGER -> toManager(t, step.action(), assignee, reason);
            case AUTO_APPROVE -> t.approve(reason);
            case AUTO_REJECT -> t.reject(reason);
        }
        ctx.summary("task " + task.id() + ": " + reason);
    }
}

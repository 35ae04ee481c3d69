package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Timeout;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deadlines of approval tasks and the jobs of their timeout ladder. The engine asks it for a new
 * task's deadline, and calls it where a task opened and where it closed; for nodes without a
 * deadline it issues no statement.
 */
@Singleton
public final class Deadlines {
    /** Job type of a timeout rung. */
    public static final String TIMEOUT_JOB = "wf.timeout";
    /** The calendar of deadlines that name none. */
    public static final String DEFAULT_CALENDAR = "24x7";

    /** Rung numbers of the due-soon and overdue notifications (with {@code workflow.notifications}). */
    public static final int DUE_SOON_RUNG = -1;
    public static final int OVERDUE_RUNG = -2;

    private final BusinessCalendars calendars;
    private final dev.oakit.workflow.WorkflowConfig config;

    @Inject
    private Deadlines(BusinessCalendars calendars, dev.oakit.workflow.WorkflowConfig config) {
        this.calendars = calendars;
        this.config = config;
    }

    /** @return the calendar a node's deadline counts on (the default calendar without a deadline) */
    public BusinessCalendar calendar(Deadline d) {
        return calendars.get(d == null || d.calendar() == null ? DEFAULT_CALENDAR : d.calendar());
    }

    /** @return the deadline of a task opened at {@code opened} on an instance of {@code priority}, or null */
    public Instant dueAt(Deadline d, String priority, Instant opened) {
        if (d == null) {
            return null;
        }
        String within = "urgent".equalsIgnoreCase(priority) && d.urgent() != null ? d.urgent() : d.normal();
        return within == null ? null : WorkingTime.parse(within).after(calendar(d), opened);
    }

    /** @return the dedupe key of one rung of a task's ladder */
    public static String jobKey(long taskId, int rung) {
        return jobKeyPrefix(taskId) + rung;
    }

    /** @return the start of the dedupe keys of a task's ladder and due-date jobs */
    private static String jobKeyPrefix(long taskId) {
        return "wf-timeout-" + taskId + "-";
    }

    /**
     * A task opened with deadline {@code due} (see {@link #dueAt}): schedules its ladder and, with
     * {@code workflow.notifications}, its due-soon and overdue reminders. No statement without a deadline.
     */
    public void opened(CommandContext ctx, long instanceId, ProcessDefinition def, Node.Approval node, long taskId, Instant opened,
                       Instant due) {
        if (due != null) {
            schedule(ctx, instanceId, taskId, def.deadlineOf(node), opened, due);
        }
    }

    /** @return the deadline of a task opened now at {@code node} of an instance of {@code priority}, or null */
    public Instant dueAt(ProcessDefinition def, Node.Approval node, String priority, Instant opened) {
        return dueAt(def.deadlineOf(node), priority, opened);
    }

    /** Schedules every rung of a task's ladder (replacing waiting ones of the same task). */
    public void schedule(CommandContext ctx, long instanceId, long taskId, Deadline d, Instant opened, Instant due) {
        if (config.notifications()) {
            Instant soon = due.minus(config.dueSoon());
            if (soon.isAfter(opened)) {
                ctx.schedule(JobRequest.of(TIMEOUT_JOB, Map.of("instanceId", instanceId, "taskId", taskId, "rung", DUE_SOON_RUNG))
                        .at(soon).dedupe(jobKey(taskId, DUE_SOON_RUNG)));
            }
            ctx.schedule(JobRequest.of(TIMEOUT_JOB, Map.of("instanceId", instanceId, "taskId", taskId, "rung", OVERDUE_RUNG))
                    .at(due).dedupe(jobKey(taskId, OVERDUE_RUNG)));
        }
        List<Timeout> ladder = d.timeouts() == null ? List.of() : d.timeouts();
        for (int i = 0; i < ladder.size(); i++) {
            Instant at = WorkingTime.parse(ladder.get(i).offset()).relativeTo(calendar(d), opened, due);
            ctx.schedule(JobRequest.of(TIMEOUT_JOB, Map.of("instanceId", instanceId, "taskId", taskId, "rung", i, "count", 1))
                    .at(at).dedupe(jobKey(taskId, i)));
        }
    }

    /** @return true when a closing task of the node may have waiting ladder or due-date jobs to withdraw */
    public boolean hasJobs(ProcessDefinition def, Node.Approval node) {
        Deadline d = def.deadlineOf(node);
        return d != null && (config.notifications() || (d.timeouts() != null && !d.timeouts().isEmpty()));
    }

    /** A task closed: withdraws its waiting ladder and due-date jobs (no statement for nodes without them). */
    public void closed(CommandContext ctx, ProcessDefinition def, Node.Approval node, long taskId) {
        if (hasJobs(def, node)) {
            cancel(ctx, taskId);
        }
    }

    /** Withdraws the waiting ladder jobs of a task. */
    public static void cancel(CommandContext ctx, long taskId) {
        ctx.cancelJobsByKeyPrefix(jobKeyPrefix(taskId));
    }

    /** @return working time between a task's opening and closing on its node's calendar, in milliseconds */
    public long workMillis(ProcessDefinition def, Node node, Instant opened, Instant closed) {
        String own = node instanceof Node.Approval a && a.deadline() != null ? a.deadline().calendar() : null;
        String name = own != null ? own : def.deadline() != null ? def.deadline().calendar() : null;
        Duration work = calendars.get(name == null ? DEFAULT_CALENDAR : name).between(opened, closed);
        return Math.max(0, work.toMillis());
    }
}

package dev.oakit.workflow.internal.deadline;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.internal.Rows;
import dev.oakit.workflow.internal.Rows.InstanceRow;
import dev.oakit.workflow.internal.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deadlines of approval tasks and the jobs of their timeout ladder. The engine calls it where a
 * task opens and where it closes; for nodes without a deadline it issues no statement.
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
    public Deadlines(BusinessCalendars calendars, dev.oakit.workflow.WorkflowConfig config) {
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
        return "wf-timeout-" + taskId + "-" + rung;
    }

    /**
     * A task opened: writes its deadline and the approver it works for (a proxy's principal), and
     * schedules its ladder. No statement when neither applies.
     */
    public void opened(CommandContext ctx, InstanceRow row, ProcessDefinition def, Node.Approval node, TaskRow t, String proxyFor) {
        Deadline d = def.deadlineOf(node);
        Instant due = dueAt(d, row.priority(), t.createdAt());
        if (due == null && proxyFor == null) {
            return;
        }
        ctx.handle().createUpdate("UPDATE oa_wf_task SET due_at = :due, proxy_for = :p WHERE id = :id")
                .bind("due", Rows.db(due)).bind("p", proxyFor).bind("id", t.id()).execute();
        if (due != null) {
            schedule(ctx, row.id(), t.id(), d, t.createdAt(), due);
        }
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

    /** A task closed: withdraws its waiting ladder and due-date jobs (no statement for nodes without them). */
    public void closed(CommandContext ctx, ProcessDefinition def, Node.Approval node, TaskRow t) {
        Deadline d = def.deadlineOf(node);
        if (d != null && (config.notifications() || (d.timeouts() != null && !d.timeouts().isEmpty()))) {
            cancel(ctx, t.id());
        }
    }

    /** Withdraws the waiting ladder jobs of a task. */
    public static void cancel(CommandContext ctx, long taskId) {
        ctx.handle().createUpdate("UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL"
                        + " WHERE tenant_id = :t AND dedupe_key LIKE :k AND status = 'READY'")
                .bind("t", ctx.tenantId()).bind("k", "wf-timeout-" + taskId + "-%").execute();
    }

    /** @return working time between a task's opening and closing on its node's calendar, in milliseconds */
    public long workMillis(ProcessDefinition def, Node node, Instant opened, Instant closed) {
        String own = node instanceof Node.Approval a && a.deadline() != null ? a.deadline().calendar() : null;
        String name = own != null ? own : def.deadline() != null ? def.deadline().calendar() : null;
        Duration work = calendars.get(name == null ? DEFAULT_CALENDAR : name).between(opened, closed);
        return Math.max(0, work.toMillis());
    }
}

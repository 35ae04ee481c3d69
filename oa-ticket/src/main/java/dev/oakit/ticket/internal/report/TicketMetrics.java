package dev.oakit.ticket.internal.report;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.internal.command.QueueCalendar;
import dev.oakit.ticket.internal.store.MetricRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Records the per-ticket figures the reports aggregate (V40__ticket_metrics.sql), in the
 * command's transaction, when they become known: creation, the first public agent reply and the
 * current resolution (with their working-time durations on the queue's calendar), assignments,
 * reopenings, and SLA outcomes. Without an SLA clock the resolution outcome is "breached" when a
 * ticket with a due time is resolved after it; an SLA clock reports its own outcomes through
 * {@link #outcome}, and those are never overwritten by that default.
 */
@Singleton
public final class TicketMetrics {
    static final String FROM_SLA = "sla";
    static final String FROM_DUE = "due";

    private final BusinessCalendars calendars;
    private final TicketConfig config;
    private final MetricRepository metrics;
    private final QueueRepository queues;
    private final QueueCalendar queueCalendar;

    @Inject
    public TicketMetrics(BusinessCalendars calendars, TicketConfig config, MetricRepository metrics, QueueRepository queues,
                         QueueCalendar queueCalendar) {
        this.queueCalendar = queueCalendar;
        this.calendars = calendars;
        this.config = config;
        this.metrics = metrics;
        this.queues = queues;
    }

    /** @return the zone whose local days the reports count in */
    public ZoneId zone() {
        return calendars.get(config.calendar()).zone();
    }

    /** @return the Monday of the ISO week of a day */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone()).toLocalDate();
    }

    private BusinessCalendar calendar(Handle h, String tenant, String queue) {
        return queueCalendar.of(queues.queue(h, tenant, queue).orElse(null));
    }

    /** Called by the command writer with the history entries a command wrote for one ticket, oldest first. */
    public void recorded(Handle h, TicketRow row, List<TicketEvent> events) {
        boolean sync = false;
        for (TicketEvent e : events) {
            switch (e.kind()) {
                case CREATED -> {
                    LocalDate d = day(e.at());
                    metrics.created(h, row.tenantId, row.id, row.queue, row.type, row.category, e.at(), d, weekOf(d));
                }
                case AGENT_REPLY -> {
                    if (!e.internal()) {
                        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
                        metrics.firstResponse(h, row.tenantId, row.id, e.at(), day(e.at()), secs, e.actorId());
                    }
                }
                case RESOLVED -> resolved(h, row, e);
                case CLOSED -> metrics.closed(h, row.tenantId, row.id, e.at());
                case REOPENED -> metrics.reopened(h, row.tenantId, row.id, FROM_DUE);
                case ASSIGNED -> {
                    Object to = e.detail().get("to");
                    if (to != null) {
                        metrics.assigned(h, row.tenantId, row.id, to.toString(), e.at(), day(e.at()));
                    }
                    sync |= "reassign".equals(e.action()); // only 转派 moves a ticket to another queue
                }
                case UPDATED -> sync = true; // category (or parent) changes; rare, so no need to tell which
                default -> { }
            }
        }
        if (sync) {
            metrics.classify(h, row.tenantId, row.id, row.queue, row.type, row.category);
        }
    }

    private void resolved(Handle h, TicketRow row, TicketEvent e) {
        LocalDate d = day(e.at());
        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
        metrics.resolved(h, row.tenantId, row.id, e.at(), d, weekOf(d), secs, row.assignee != null ? row.assignee : e.actorId());
        if (row.dueAt != null) {
            write(h, row.tenantId, row.id, SlaTarget.RESOLUTION, row.dueAt, e.at().isAfter(row.dueAt), e.at(), FROM_DUE);
        }
    }

    /**
     * Records the outcome of an SLA target, for the SLA clock; call it in the command's
     * transaction when the target is met or breached. A later call for the same ticket and target
     * replaces the outcome (for example after a reopen).
     *
     * @param dueAt the due time of the target, or null if unknown
     * @param breached true when the target was missed
     * @param at when the outcome became known (the reply or resolution, or the breach)
     */
    public void outcome(Handle h, String tenant, long ticketId, SlaTarget target, Instant dueAt, boolean breached, Instant at) {
        write(h, tenant, ticketId, target, dueAt, breached, at, FROM_SLA);
    }

    private void write(Handle h, String tenant, long ticketId, SlaTarget target, Instant dueAt, boolean breached, Instant at, String source) {
        String existing = metrics.outcomeOrigin(h, tenant, ticketId, target).orElse(null);
        if (FROM_DUE.equals(source) && FROM_SLA.equals(existing)) {
            return;
        }
        metrics.outcome(h, tenant, ticketId, target, dueAt, breached, at, day(at), source, existing != null);
    }
}

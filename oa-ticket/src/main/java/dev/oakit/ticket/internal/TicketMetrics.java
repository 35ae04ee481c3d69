package dev.oakit.ticket.internal;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.sla.SlaTarget;
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

    @Inject
    public TicketMetrics(BusinessCalendars calendars, TicketConfig config) {
        this.calendars = calendars;
        this.config = config;
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
        String name = QueueStore.queue(h, tenant, queue).map(Queue::calendar).orElse(null);
        return calendars.get(name != null ? name : config.calendar());
    }

    /** Called by the engine with the history entries a command wrote for one ticket, oldest first. */
    void recorded(Handle h, TicketRow row, List<TicketEvent> events) {
        boolean sync = false;
        for (TicketEvent e : events) {
            switch (e.kind()) {
                case CREATED -> created(h, row, e.at());
                case AGENT_REPLY -> {
                    if (!e.internal()) {
                        firstResponse(h, row, e);
                    }
                }
                case RESOLVED -> resolved(h, row, e);
                case CLOSED -> h.createUpdate("UPDATE oa_tk_metric SET closed_at = :at WHERE ticket_id = :id AND tenant_id = :t")
                        .bind("at", TicketRow.db(e.at())).bind("id", row.id).bind("t", row.tenantId).execute();
                case REOPENED -> reopened(h, row);
                case ASSIGNED -> {
                    Object to = e.detail().get("to");
                    if (to != null) {
                        h.createUpdate("INSERT INTO oa_tk_metric_assign (tenant_id, ticket_id, agent_id, assigned_at, assigned_day) VALUES (:t, :id, :a, :at, :d)")
                                .bind("t", row.tenantId).bind("id", row.id).bind("a", to.toString()).bind("at", TicketRow.db(e.at()))
                                .bind("d", day(e.at())).execute();
                    }
                    sync |= "reassign".equals(e.action()); // only 转派 moves a ticket to another queue
                }
                case UPDATED -> sync = true; // category (or parent) changes; rare, so no need to tell which
                default -> { }
            }
        }
        if (sync) {
            h.createUpdate("UPDATE oa_tk_metric SET queue_key = :q, type_key = :ty, category_key = :c WHERE ticket_id = :id AND tenant_id = :t")
                    .bind("q", row.queue).bind("ty", row.type).bind("c", row.category).bind("id", row.id).bind("t", row.tenantId).execute();
        }
    }

    private void created(Handle h, TicketRow row, Instant at) {
        LocalDate d = day(at);
        h.createUpdate("""
                INSERT INTO oa_tk_metric (ticket_id, tenant_id, queue_key, type_key, category_key, created_at, created_day, created_week, reopened)
                VALUES (:id, :t, :q, :ty, :c, :at, :d, :w, 0)""")
                .bind("id", row.id).bind("t", row.tenantId).bind("q", row.queue).bind("ty", row.type).bind("c", row.category)
                .bind("at", TicketRow.db(at)).bind("d", d).bind("w", weekOf(d)).execute();
    }

    private void firstResponse(Handle h, TicketRow row, TicketEvent e) {
        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
        h.createUpdate("""
                UPDATE oa_tk_metric SET first_response_at = :at, first_response_day = :d, first_response_secs = :s, first_responder = :by
                WHERE ticket_id = :id AND tenant_id = :t AND first_response_at IS NULL""")
                .bind("at", TicketRow.db(e.at())).bind("d", day(e.at())).bind("s", secs).bind("by", e.actorId())
                .bind("id", row.id).bind("t", row.tenantId).execute();
    }

    private void resolved(Handle h, TicketRow row, TicketEvent e) {
        LocalDate d = day(e.at());
        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
        h.createUpdate("""
                UPDATE oa_tk_metric SET resolved_at = :at, resolved_day = :d, resolved_week = :w, resolution_secs = :s, resolved_by = :by
                WHERE ticket_id = :id AND tenant_id = :t""")
                .bind("at", TicketRow.db(e.at())).bind("d", d).bind("w", weekOf(d)).bind("s", secs)
                .bind("by", row.assignee != null ? row.assignee : e.actorId()).bind("id", row.id).bind("t", row.tenantId).execute();
        if (row.dueAt != null) {
            write(h, row.tenantId, row.id, SlaTarget.RESOLUTION, row.dueAt, e.at().isAfter(row.dueAt), e.at(), FROM_DUE);
        }
    }

    private void reopened(Handle h, TicketRow row) {
        h.createUpdate("""
                UPDATE oa_tk_metric SET resolved_at = NULL, resolved_day = NULL, resolved_week = NULL, resolution_secs = NULL,
                    resolved_by = NULL, closed_at = NULL, reopened = reopened + 1
                WHERE ticket_id = :id AND tenant_id = :t""").bind("id", row.id).bind("t", row.tenantId).execute();
        h.createUpdate("DELETE FROM oa_tk_metric_sla WHERE ticket_id = :id AND tenant_id = :t AND target = :g AND origin = :s")
                .bind("id", row.id).bind("t", row.tenantId).bind("g", SlaTarget.RESOLUTION.name()).bind("s", FROM_DUE).execute();
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
        String existing = h.createQuery("SELECT origin FROM oa_tk_metric_sla WHERE ticket_id = :id AND target = :g AND tenant_id = :t")
                .bind("id", ticketId).bind("g", target.name()).bind("t", tenant).mapTo(String.class).findOne().orElse(null);
        if (FROM_DUE.equals(source) && FROM_SLA.equals(existing)) {
            return;
        }
        if (existing != null) {
            h.createUpdate("""
                    UPDATE oa_tk_metric_sla SET breached = :b, due_at = :due, known_at = :at, known_day = :d, origin = :s
                    WHERE ticket_id = :id AND target = :g AND tenant_id = :t""")
                    .bind("b", breached).bind("due", TicketRow.db(dueAt)).bind("at", TicketRow.db(at)).bind("d", day(at)).bind("s", source)
                    .bind("id", ticketId).bind("g", target.name()).bind("t", tenant).execute();
        } else {
            h.createUpdate("""
                    INSERT INTO oa_tk_metric_sla (tenant_id, ticket_id, target, breached, due_at, known_at, known_day, origin)
                    VALUES (:t, :id, :g, :b, :due, :at, :d, :s)""")
                    .bind("b", breached).bind("due", TicketRow.db(dueAt)).bind("at", TicketRow.db(at)).bind("d", day(at)).bind("s", source)
                    .bind("id", ticketId).bind("g", target.name()).bind("t", tenant).execute();
        }
    }
}

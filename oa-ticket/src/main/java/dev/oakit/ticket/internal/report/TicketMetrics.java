package dev.oakit.ticket.internal.report;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.internal.command.QueueCalendar;
import dev.oakit.ticket.internal.store.MetricDayRepository;
import dev.oakit.ticket.internal.store.MetricDayRepository.Delta;
import dev.oakit.ticket.internal.store.MetricRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the per-ticket figures the reports aggregate (V40__ticket_metrics.sql) and their counts per
 * day (V66__ticket_metric_day.sql, {@link MetricDayRepository}), in the command's transaction, when they become known: creation, the first public agent reply and the
 * current resolution (with their working-time durations on the queue's calendar), assignments,
 * reopenings, SLA outcomes and ratings (each also per category, for the reports with a category filter). Without an SLA clock the resolution outcome is "breached" when a
 * ticket with a due time is resolved after it; an SLA clock reports its own outcomes through
 * {@link #outcome}, and those are never overwritten by that default.
 *
 * <p>Creations and assignments, the facts every create writes, are not counted here: their rows are written
 * "not rolled up" (V71__ticket_metric_rollup.sql), the rollup job counts them in batches
 * ({@link MetricDayRepository#rollUp}) and the reports add the rows not rolled up yet. So a create writes no figures
 * per day, and no create waits on a queue's month row. A move of a ticket moves only what the figures hold: its
 * creation and assignments once rolled up (read locked, so a rollup cannot count them meanwhile).
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
    private final MetricDayRepository days;
    private final RatingRepository ratings;

    @Inject
    public TicketMetrics(BusinessCalendars calendars, TicketConfig config, MetricRepository metrics, QueueRepository queues,
                         QueueCalendar queueCalendar, MetricDayRepository days, RatingRepository ratings) {
        this.days = days;
        this.ratings = ratings;
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

    /** @return the day of an instant in the reports' zone (the day the figures count a fact on) */
    public LocalDate day(Instant at) {
        return at.atZone(zone()).toLocalDate();
    }

    private BusinessCalendar calendar(Handle h, String tenant, String queue) {
        return queueCalendar.of(queues.queue(h, tenant, queue).orElse(null));
    }

    /**
     * Called by the command writer with the history entries a command wrote for one ticket, oldest first. When the
     * command changed the ticket's queue, type or category ({@code moved}: a reassign, an SLA step moving the ticket to
     * another queue, an edit of the category, whatever the entry's kind) that change is applied first, moving the
     * ticket's figures per day from the queue, type and category its metric row holds, so the entries' figures count
     * under the ticket's current ones.
     */
    public void recorded(Handle h, TicketRow row, List<TicketEvent> events, boolean moved) {
        MetricRepository.Figures movedFrom = moved ? classify(h, row) : null;
        List<Delta> deltas = new ArrayList<>();
        for (TicketEvent e : events) {
            switch (e.kind()) {
                case CREATED -> {
                    LocalDate d = day(e.at());
                    metrics.created(h, row.tenantId, row.id, row.queue, row.type, row.category, e.at(), d, weekOf(d)); // counted by the rollup
                }
                case AGENT_REPLY -> {
                    if (!e.internal()) {
                        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
                        if (metrics.firstResponse(h, row.tenantId, row.id, e.at(), day(e.at()), secs, e.actorId()) == 1) {
                            firstResponse(day(e.at()), secs, row.queue, row.type, row.category, 1, deltas);
                        }
                    }
                }
                case RESOLVED -> resolved(h, row, e, deltas);
                case CLOSED -> metrics.closed(h, row.tenantId, row.id, e.at());
                case REOPENED -> reopened(h, row, deltas);
                case ASSIGNED -> {
                    Object to = e.detail().get("to");
                    if (to != null) {
                        metrics.assigned(h, row.tenantId, row.id, to.toString(), e.at(), day(e.at())); // counted by the rollup
                    }
                }
                case RATED -> {
                    Object score = e.detail().get("score");
                    if (score != null) {
                        if (!moved) {
                            // the lock every writer of a ticket's counts takes first: a rating during a rebuild waits and is counted once
                            metrics.lockFigures(h, row.tenantId, row.id);
                        }
                        // a command that rates and moves: the move above moved every stored rating, this one too (stored
                        // before the figures), from where it was never counted: count it there, so the move's -1 undoes it
                        String queue = movedFrom == null ? row.queue : movedFrom.queue();
                        String type = movedFrom == null ? row.type : movedFrom.type();
                        String category = movedFrom == null ? row.category : movedFrom.category();
                        rated(day(e.at()), Integer.parseInt(score.toString()), queue, type, category, 1, deltas);
                    }
                }
                default -> { }
            }
        }
        days.add(h, row.tenantId, deltas);
    }

    /**
     * Copies queue, type and category to the ticket's figures, moving its figures per day when they changed: the
     * creation and the assignments only once rolled up (the rollup counts the others where the ticket is then).
     *
     * @return the figures as they were when it moved them, or null when nothing moved
     */
    private MetricRepository.Figures classify(Handle h, TicketRow row) {
        MetricRepository.Figures was = metrics.lockFigures(h, row.tenantId, row.id).orElse(null);
        if (was == null || java.util.Objects.equals(was.queue(), row.queue) && java.util.Objects.equals(was.type(), row.type)
                && java.util.Objects.equals(was.category(), row.category)) {
            return null;
        }
        metrics.classify(h, row.tenantId, row.id, row.queue, row.type, row.category);
        List<Delta> deltas = new ArrayList<>();
        figures(was, was.queue(), was.type(), was.category(), -1, deltas);
        figures(was, row.queue, row.type, row.category, 1, deltas);
        for (MetricRepository.Outcome o : metrics.outcomes(h, row.tenantId, row.id)) {
            sla(o.day(), o.target(), o.breached(), was.queue(), was.type(), was.category(), -1, deltas);
            sla(o.day(), o.target(), o.breached(), row.queue, row.type, row.category, 1, deltas);
        }
        for (Map.Entry<String, LocalDate> a : metrics.rolledAssignments(h, row.tenantId, row.id)) {
            assigned(a.getValue(), a.getKey(), was.queue(), was.type(), was.category(), -1, deltas);
            assigned(a.getValue(), a.getKey(), row.queue, row.type, row.category, 1, deltas);
        }
        for (RatingRepository.Counted r : ratings.counted(h, row.tenantId, row.id)) {
            rated(r.day(), r.score(), was.queue(), was.type(), was.category(), -1, deltas);
            rated(r.day(), r.score(), row.queue, row.type, row.category, 1, deltas);
        }
        days.add(h, row.tenantId, deltas);
        return was;
    }

    /**
     * Adds {@code sign} times the figures of a ticket's row (creation once rolled up, first response, resolution) under
     * the given queue, type and category.
     */
    private static void figures(MetricRepository.Figures f, String queue, String type, String category, int sign, List<Delta> out) {
        if (f.rolled()) {
            out.add(MetricDayRepository.delta(MetricDayRepository.CREATED, f.createdDay(), queue, type, null, null, 0, sign));
            out.add(MetricDayRepository.delta(MetricDayRepository.CREATED_BY_CATEGORY, f.createdDay(), queue, type, category, null, 0, sign));
        }
        if (f.firstResponseSecs() != null) {
            firstResponse(f.firstResponseDay(), f.firstResponseSecs(), queue, type, category, sign, out);
        }
        resolution(f.resolvedDay(), f.resolutionSecs(), f.resolvedBy(), queue, type, category, sign, out);
    }

    /*
     * Each fact below is counted twice: in its measure (category "") and in its twin per category (the category filter's
     * figures, V72__ticket_metric_category.sql).
     */

    private static void firstResponse(LocalDate day, long secs, String queue, String type, String category, int sign, List<Delta> out) {
        long bucket = MetricDayRepository.bucket(secs);
        out.add(MetricDayRepository.delta(MetricDayRepository.FIRST_RESPONSE_HISTOGRAM, day, queue, type, null, null, bucket, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.FIRST_RESPONSE_BY_CATEGORY, day, queue, type, category, null, bucket, sign));
    }

    private static void sla(LocalDate day, String target, boolean breached, String queue, String type, String category, int sign, List<Delta> out) {
        out.add(MetricDayRepository.delta(MetricDayRepository.SLA, day, queue, type, null, target, breached ? 1 : 0, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.SLA_BY_CATEGORY, day, queue, type, category, target, breached ? 1 : 0, sign));
    }

    private static void assigned(LocalDate day, String agent, String queue, String type, String category, int sign, List<Delta> out) {
        out.add(MetricDayRepository.delta(MetricDayRepository.ASSIGNED, day, queue, type, null, agent, 0, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.ASSIGNED_BY_CATEGORY, day, queue, type, category, agent, 0, sign));
    }

    private static void rated(LocalDate day, int score, String queue, String type, String category, int sign, List<Delta> out) {
        out.add(MetricDayRepository.delta(MetricDayRepository.RATED, day, queue, type, null, null, score, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.RATED_BY_CATEGORY, day, queue, type, category, null, score, sign));
    }

    /** Adds {@code sign} times a resolution's figures per day (none when {@code day} is null). */
    private static void resolution(LocalDate day, Long secs, String by, String queue, String type, String category, int sign, List<Delta> out) {
        if (day == null) {
            return;
        }
        out.add(MetricDayRepository.delta(MetricDayRepository.RESOLVED, day, queue, type, null, by, 0, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.RESOLVED_BY_CATEGORY, day, queue, type, category, null, 0, sign));
        out.add(MetricDayRepository.delta(MetricDayRepository.RESOLVED_BY_AGENT_CATEGORY, day, queue, type, category, by, 0, sign));
        if (secs != null) {
            out.add(MetricDayRepository.delta(MetricDayRepository.RESOLUTION_HISTOGRAM, day, queue, type, null, null, MetricDayRepository.bucket(secs), sign));
            out.add(MetricDayRepository.delta(MetricDayRepository.RESOLUTION_BY_CATEGORY, day, queue, type, category, null,
                    MetricDayRepository.bucket(secs), sign));
        }
    }

    private void resolved(Handle h, TicketRow row, TicketEvent e, List<Delta> deltas) {
        LocalDate d = day(e.at());
        long secs = calendar(h, row.tenantId, row.queue).between(row.createdAt, e.at()).toSeconds();
        String by = row.assignee != null ? row.assignee : e.actorId();
        // a resolution replaces the current one (normally withdrawn by a reopen before)
        metrics.figures(h, row.tenantId, row.id).ifPresent(was ->
                resolution(was.resolvedDay(), was.resolutionSecs(), was.resolvedBy(), row.queue, row.type, row.category, -1, deltas));
        metrics.resolved(h, row.tenantId, row.id, e.at(), d, weekOf(d), secs, by);
        resolution(d, secs, by, row.queue, row.type, row.category, 1, deltas);
        if (row.dueAt != null) {
            write(h, row.tenantId, row.id, SlaTarget.RESOLUTION, row.dueAt, e.at().isAfter(row.dueAt), e.at(), FROM_DUE, deltas);
        }
    }

    private void reopened(Handle h, TicketRow row, List<Delta> deltas) {
        metrics.figures(h, row.tenantId, row.id).ifPresent(was ->
                resolution(was.resolvedDay(), was.resolutionSecs(), was.resolvedBy(), row.queue, row.type, row.category, -1, deltas));
        for (MetricRepository.Outcome o : metrics.outcomes(h, row.tenantId, row.id)) {
            if (SlaTarget.RESOLUTION.name().equals(o.target()) && FROM_DUE.equals(o.origin())) {
                sla(o.day(), o.target(), o.breached(), row.queue, row.type, row.category, -1, deltas);
            }
        }
        metrics.reopened(h, row.tenantId, row.id, FROM_DUE);
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
        // the lock every writer of a ticket's counts takes first (a rebuild takes them all): the SLA clock writes its
        // outcome after the command's own figures, which do not always lock the ticket's metric row (a reply that is
        // not the first, a state change), so an outcome committing during a rebuild would be counted twice
        metrics.lockFigures(h, tenant, ticketId);
        List<Delta> deltas = new ArrayList<>();
        write(h, tenant, ticketId, target, dueAt, breached, at, FROM_SLA, deltas);
        days.add(h, tenant, deltas);
    }

    private void write(Handle h, String tenant, long ticketId, SlaTarget target, Instant dueAt, boolean breached, Instant at, String source,
                       List<Delta> deltas) {
        MetricRepository.OutcomeAt now = metrics.outcomeAt(h, tenant, ticketId, target).orElse(null);
        String existing = now == null ? null : now.origin();
        if (FROM_DUE.equals(source) && FROM_SLA.equals(existing)) {
            return;
        }
        metrics.outcome(h, tenant, ticketId, target, dueAt, breached, at, day(at), source, existing != null);
        if (now != null) {
            if (existing != null) {
                sla(now.day(), target.name(), now.breached(), now.queue(), now.type(), now.category(), -1, deltas);
            }
            sla(day(at), target.name(), breached, now.queue(), now.type(), now.category(), 1, deltas);
        }
    }
}

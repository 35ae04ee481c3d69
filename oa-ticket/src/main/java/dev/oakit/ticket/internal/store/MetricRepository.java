package dev.oakit.ticket.internal.store;

import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.ticket.sla.SlaTarget;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Every write on the report figures: {@code oa_tk_metric} (one row per ticket), {@code oa_tk_metric_assign}
 * (assignments) and {@code oa_tk_metric_sla} (SLA outcomes). What to record when is decided by {@code TicketMetrics};
 * the reports read these tables ({@code ReportEngine}).
 */
@Singleton
public final class MetricRepository {
    /** The ticket's row of figures, at its creation; its counts per day come with the next rollup (rolled 0). */
    public void created(Handle h, String tenant, long ticketId, String queue, String type, String category, Instant at, LocalDate day,
                        LocalDate week) {
        // every create writes it: plain JDBC held per connection (HeldStatements)
        PlainJdbc.update(h, PlainJdbc.Prepared.HELD, CREATED, p -> {
            p.setLong(1, ticketId);
            p.setString(2, tenant);
            PlainJdbc.text(p, 3, queue);
            PlainJdbc.text(p, 4, type);
            PlainJdbc.text(p, 5, category);
            PlainJdbc.time(p, 6, at);
            PlainJdbc.day(p, 7, day);
            PlainJdbc.day(p, 8, week);
        });
    }

    private static final String CREATED = """
            INSERT INTO oa_tk_metric (ticket_id, tenant_id, queue_key, type_key, category_key, created_at, created_day, created_week, reopened, rolled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)""";

    /** Queue, type and category as the ticket has them now. */
    public void classify(Handle h, String tenant, long ticketId, String queue, String type, String category) {
        h.createUpdate("UPDATE oa_tk_metric SET queue_key = :q, type_key = :ty, category_key = :c WHERE ticket_id = :id AND tenant_id = :t")
                .bind("q", queue).bind("ty", type).bind("c", category).bind("id", ticketId).bind("t", tenant).execute();
    }

    /** The first public agent reply, unless one was recorded; @return 1 when this one was recorded, else 0 */
    public int firstResponse(Handle h, String tenant, long ticketId, Instant at, LocalDate day, long seconds, String by) {
        return h.createUpdate("""
                UPDATE oa_tk_metric SET first_response_at = :at, first_response_day = :d, first_response_secs = :s, first_responder = :by
                WHERE ticket_id = :id AND tenant_id = :t AND first_response_at IS NULL""")
                .bind("at", Columns.db(at)).bind("d", day).bind("s", seconds).bind("by", by)
                .bind("id", ticketId).bind("t", tenant).execute();
    }

    /** The current resolution. */
    public void resolved(Handle h, String tenant, long ticketId, Instant at, LocalDate day, LocalDate week, long seconds, String by) {
        h.createUpdate("""
                UPDATE oa_tk_metric SET resolved_at = :at, resolved_day = :d, resolved_week = :w, resolution_secs = :s, resolved_by = :by
                WHERE ticket_id = :id AND tenant_id = :t""")
                .bind("at", Columns.db(at)).bind("d", day).bind("w", week).bind("s", seconds)
                .bind("by", by).bind("id", ticketId).bind("t", tenant).execute();
    }

    /** The ticket closed. */
    public void closed(Handle h, String tenant, long ticketId, Instant at) {
        h.createUpdate("UPDATE oa_tk_metric SET closed_at = :at WHERE ticket_id = :id AND tenant_id = :t")
                .bind("at", Columns.db(at)).bind("id", ticketId).bind("t", tenant).execute();
    }

    /** A reopen withdraws the resolution, and the resolution outcome of that origin. */
    public void reopened(Handle h, String tenant, long ticketId, String withdrawnOrigin) {
        h.createUpdate("""
                UPDATE oa_tk_metric SET resolved_at = NULL, resolved_day = NULL, resolved_week = NULL, resolution_secs = NULL,
                    resolved_by = NULL, closed_at = NULL, reopened = reopened + 1
                WHERE ticket_id = :id AND tenant_id = :t""").bind("id", ticketId).bind("t", tenant).execute();
        h.createUpdate("DELETE FROM oa_tk_metric_sla WHERE ticket_id = :id AND tenant_id = :t AND target = :g AND origin = :s")
                .bind("id", ticketId).bind("t", tenant).bind("g", SlaTarget.RESOLUTION.name()).bind("s", withdrawnOrigin).execute();
    }

    /**
     * An assignment to an agent, with the day of the ticket's previous assignment to the same agent (null for the first);
     * its count per day comes with the next rollup (rolled 0).
     */
    public void assigned(Handle h, String tenant, long ticketId, String agentId, Instant at, LocalDate day) {
        // every assignment writes it: plain JDBC held per connection (HeldStatements)
        PlainJdbc.update(h, PlainJdbc.Prepared.HELD, ASSIGNED, p -> {
            p.setString(1, tenant);
            p.setLong(2, ticketId);
            PlainJdbc.text(p, 3, agentId);
            PlainJdbc.time(p, 4, at);
            PlainJdbc.day(p, 5, day);
            p.setLong(6, ticketId);
            PlainJdbc.text(p, 7, agentId);
        });
    }

    private static final String ASSIGNED = """
            INSERT INTO oa_tk_metric_assign (tenant_id, ticket_id, agent_id, assigned_at, assigned_day, prev_day, rolled)
            SELECT ?, ?, ?, ?, ?, MAX(p.assigned_day), 0 FROM oa_tk_metric_assign p WHERE p.ticket_id = ? AND p.agent_id = ?""";

    /**
     * The figures of a ticket's row that the figures per day count; {@code rolled}: its creation is counted in them
     * (else the rollup still has to).
     */
    public record Figures(String queue, String type, String category, LocalDate createdDay, LocalDate firstResponseDay, Long firstResponseSecs,
                          LocalDate resolvedDay, Long resolutionSecs, String resolvedBy, boolean rolled) {
    }

    /** @return the ticket's figures, empty before its creation is recorded */
    public Optional<Figures> figures(Handle h, String tenant, long ticketId) {
        return figures(h, tenant, ticketId, "");
    }

    /**
     * The ticket's figures, its row locked until the transaction ends: the rollup cannot count its creation meanwhile,
     * and {@code rolled} is the committed mark (the rollup locks the rows it counts, so this waits for a running one).
     *
     * @return the ticket's figures, empty before its creation is recorded
     */
    public Optional<Figures> lockFigures(Handle h, String tenant, long ticketId) {
        return figures(h, tenant, ticketId, " FOR UPDATE");
    }

    private Optional<Figures> figures(Handle h, String tenant, long ticketId, String lock) {
        return h.createQuery("""
                SELECT queue_key, type_key, category_key, created_day, first_response_day, first_response_secs, resolved_day, resolution_secs,
                    resolved_by, rolled FROM oa_tk_metric WHERE ticket_id = :id AND tenant_id = :t""" + lock)
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new Figures(rs.getString(1), rs.getString(2), rs.getString(3), day(rs.getObject(4, java.sql.Date.class)),
                        day(rs.getObject(5, java.sql.Date.class)), rs.getObject(6, Long.class), day(rs.getObject(7, java.sql.Date.class)),
                        rs.getObject(8, Long.class), rs.getString(9), rs.getInt(10) == 1)).findOne();
    }

    private static LocalDate day(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }

    /** A recorded SLA outcome. */
    public record Outcome(String target, boolean breached, LocalDate day, String origin) {
    }

    /** @return the ticket's recorded SLA outcomes */
    public java.util.List<Outcome> outcomes(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT target, breached, known_day, origin FROM oa_tk_metric_sla WHERE ticket_id = :id AND tenant_id = :t")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> new Outcome(rs.getString(1), rs.getBoolean(2), day(rs.getObject(3, java.sql.Date.class)), rs.getString(4))).list();
    }

    /**
     * The days of the ticket's assignments that the figures per day count already (rolled), per agent (one entry per
     * assignment), the rows locked: call it with the ticket's figures locked ({@link #lockFigures}).
     */
    public java.util.List<java.util.Map.Entry<String, LocalDate>> rolledAssignments(Handle h, String tenant, long ticketId) {
        return h.createQuery("SELECT agent_id, assigned_day FROM oa_tk_metric_assign WHERE ticket_id = :id AND tenant_id = :t AND rolled = 1 FOR UPDATE")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> java.util.Map.entry(rs.getString(1), rs.getObject(2, java.sql.Date.class).toLocalDate())).list();
    }

    /** The ticket's queue, type and category, and the recorded outcome of one SLA target (origin null when none is recorded). */
    public record OutcomeAt(String queue, String type, String category, String origin, boolean breached, LocalDate day) {
    }

    /** @return the ticket's queue and type with the recorded outcome of the target, empty when the ticket has no figures */
    public Optional<OutcomeAt> outcomeAt(Handle h, String tenant, long ticketId, SlaTarget target) {
        return h.createQuery("""
                SELECT m.queue_key, m.type_key, m.category_key, o.origin, o.breached, o.known_day FROM oa_tk_metric m
                LEFT JOIN oa_tk_metric_sla o ON o.ticket_id = m.ticket_id AND o.target = :g
                WHERE m.ticket_id = :id AND m.tenant_id = :t""")
                .bind("id", ticketId).bind("g", target.name()).bind("t", tenant)
                .map((rs, c) -> new OutcomeAt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        day(rs.getObject(6, java.sql.Date.class)))).findOne();
    }

    /** Records the outcome of an SLA target, replacing a recorded one when {@code replace}. */
    public void outcome(Handle h, String tenant, long ticketId, SlaTarget target, Instant dueAt, boolean breached, Instant at, LocalDate day,
                        String origin, boolean replace) {
        String sql = replace ? """
                UPDATE oa_tk_metric_sla SET breached = :b, due_at = :due, known_at = :at, known_day = :d, origin = :s
                WHERE ticket_id = :id AND target = :g AND tenant_id = :t""" : """
                INSERT INTO oa_tk_metric_sla (tenant_id, ticket_id, target, breached, due_at, known_at, known_day, origin)
                VALUES (:t, :id, :g, :b, :due, :at, :d, :s)""";
        h.createUpdate(sql).bind("b", breached).bind("due", Columns.db(dueAt)).bind("at", Columns.db(at)).bind("d", day).bind("s", origin)
                .bind("id", ticketId).bind("g", target.name()).bind("t", tenant).execute();
    }
}

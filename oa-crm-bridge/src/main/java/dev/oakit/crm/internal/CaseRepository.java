package dev.oakit.crm.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

import static dev.oakit.crm.internal.Rows.db;

/** Every statement on {@code oa_crm_case}: each CRM case handled as a ticket, and what each side last said about its status. */
@jakarta.inject.Singleton
public final class CaseRepository {
    /** A case's row; {@code crmPriority} and {@code escalated} as the CRM last said. */
    record CaseRow(String target, String caseId, long ticketId, String crmStatus, long crmVersion, String ticketState, String oakitStatus,
                   String crmPriority, boolean escalated) {
        /** @return the row with another ticket state and status OAKit wrote */
        CaseRow withTicket(String state, String status) {
            return new CaseRow(target, caseId, ticketId, crmStatus, crmVersion, state, status, crmPriority, escalated);
        }
    }

    private static final String COLUMNS = "target, case_id, ticket_id, crm_status, crm_version, ticket_state, oakit_status, crm_priority, crm_escalated";

    private static final String UPDATE = "UPDATE oa_crm_case SET crm_status = :s, crm_version = :v, ticket_state = :state, oakit_status = :src,"
            + " crm_priority = :p, crm_escalated = :e, updated_at = :now WHERE tenant_id = :t AND target = :target AND case_id = :c";

    Optional<CaseRow> byCase(Handle h, String tenant, String target, String caseId, boolean lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_case WHERE tenant_id = :t AND target = :target AND case_id = :c"
                        + (lock ? " FOR UPDATE" : "")).bind("t", tenant).bind("target", target).bind("c", caseId).map((rs, c) -> row(rs)).findOne();
    }

    Optional<CaseRow> byTicket(Handle h, String tenant, long ticketId, boolean lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_case WHERE tenant_id = :t AND ticket_id = :id" + (lock ? " FOR UPDATE" : ""))
                .bind("t", tenant).bind("id", ticketId).map((rs, c) -> row(rs)).findOne();
    }

    void insert(Handle h, String tenant, CaseRow r, Instant now) {
        h.createUpdate("INSERT INTO oa_crm_case (tenant_id, " + COLUMNS + ", updated_at) VALUES (:t, :target, :c, :ticket, :s, :v, :state, :src, :p, :e, :now)")
                .bind("t", tenant).bind("target", r.target()).bind("c", r.caseId()).bind("ticket", r.ticketId()).bind("s", r.crmStatus())
                .bind("v", r.crmVersion()).bind("state", r.ticketState()).bind("src", r.oakitStatus()).bind("p", r.crmPriority())
                .bind("e", r.escalated() ? 1 : 0).bind("now", db(now)).execute();
    }

    /**
     * Stores what the CRM said of a case at {@code r}'s version, unless that version or a newer one is stored already
     * (another node applied it): the version check and the write in one statement, no read under the row's lock.
     *
     * @return whether the row was updated
     */
    boolean updateIfNewer(Handle h, String tenant, CaseRow r, Instant now) {
        return bound(h.createUpdate(UPDATE + " AND crm_version < :v"), tenant, r, now).execute() == 1;
    }

    void update(Handle h, String tenant, CaseRow r, Instant now) {
        bound(h.createUpdate(UPDATE), tenant, r, now).execute();
    }

    private static org.jdbi.v3.core.statement.Update bound(org.jdbi.v3.core.statement.Update u, String tenant, CaseRow r, Instant now) {
        return u.bind("t", tenant).bind("target", r.target()).bind("c", r.caseId()).bind("s", r.crmStatus()).bind("v", r.crmVersion())
                .bind("state", r.ticketState()).bind("src", r.oakitStatus()).bind("p", r.crmPriority()).bind("e", r.escalated() ? 1 : 0)
                .bind("now", db(now));
    }

    /**
     * Records the ticket's state and the status OAKit wrote, provided neither side's status changed since {@code seen}
     * was read (without a lock): the common case then costs this one statement, no read under the row's lock.
     *
     * @return false when a status changed meanwhile (nothing written): decide again on the row read under its lock
     */
    boolean updateTicketSideIfUnchanged(Handle h, String tenant, CaseRow seen, String ticketState, String oakitStatus, Instant now) {
        var update = h.createUpdate("UPDATE oa_crm_case SET ticket_state = :state, oakit_status = :src, updated_at = :now"
                        + " WHERE tenant_id = :t AND target = :target AND case_id = :c"
                        + " AND crm_status " + (seen.crmStatus() == null ? "IS NULL" : "= :seenCrm")
                        + " AND oakit_status " + (seen.oakitStatus() == null ? "IS NULL" : "= :seenOakit"))
                .bind("t", tenant).bind("target", seen.target()).bind("c", seen.caseId()).bind("state", ticketState).bind("src", oakitStatus)
                .bind("now", db(now));
        if (seen.crmStatus() != null) {
            update.bind("seenCrm", seen.crmStatus());
        }
        if (seen.oakitStatus() != null) {
            update.bind("seenOakit", seen.oakitStatus());
        }
        return update.execute() == 1;
    }

    private static CaseRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CaseRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getInt(9) != 0);
    }
}

package dev.oakit.crm.internal;

import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.Decision;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_crm_deal_request}. Changes of status are compare-and-set on the statuses they leave. */
@Singleton
public final class DealRepository {
    private static final String COLUMNS = "target, kind, request_id, version, instance_id, title, account_id, status, on_changed, outcome, requested_by, reason, updated_at";

    /** A round with the definition's policy (null until the policy node ran) and the CRM user who asked. */
    public record Row(DealRequest deal, DealApproval.OnChanged onChanged, String requestedBy) {
        ApprovalRequest.Kind kind() {
            return deal.kind();
        }
    }

    /** Inserts a round as {@link DealStatus#IN_APPROVAL}. */
    public void insert(Handle h, String tenant, String target, ApprovalRequest request, long instanceId, Instant now) {
        h.createUpdate("INSERT INTO oa_crm_deal_request (tenant_id, target, kind, request_id, version, instance_id, title, account_id,"
                        + " status, requested_by, created_at, updated_at) VALUES (:t, :target, :kind, :id, :v, :i, :title, :acc, :s, :by, :now, :now)")
                .bind("t", tenant).bind("target", target).bind("kind", request.kind().name()).bind("id", request.id())
                .bind("v", request.version()).bind("i", instanceId).bind("title", request.title()).bind("acc", request.accountId()).bind("s", DealStatus.IN_APPROVAL.name())
                .bind("by", request.requestedBy()).bind("now", db(now)).execute();
    }

    /** @return every round of a record, oldest version first */
    public List<Row> rounds(Handle h, String tenant, String target, ApprovalRequest.Kind kind, String requestId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_deal_request WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND request_id = :id ORDER BY version")
                .bind("t", tenant).bind("target", target).bind("kind", kind.name()).bind("id", requestId).map((rs, c) -> row(rs)).list();
    }

    /** @return the latest round of a record */
    public Optional<Row> latest(Handle h, String tenant, String target, ApprovalRequest.Kind kind, String requestId) {
        List<Row> all = rounds(h, tenant, target, kind, requestId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** @return the round of an instance */
    public Optional<Row> byInstance(Handle h, String tenant, long instanceId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_deal_request WHERE tenant_id = :t AND instance_id = :i")
                .bind("t", tenant).bind("i", instanceId).map((rs, c) -> row(rs)).findOne();
    }

    /** @return the rounds of those instances (those that are deal approvals) */
    public List<Row> byInstances(Handle h, String tenant, List<Long> instanceIds) {
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_deal_request WHERE tenant_id = :t AND instance_id IN (<ids>)")
                .bind("t", tenant).bindList("ids", instanceIds).map((rs, c) -> row(rs)).list();
    }

    /** @return the rounds of a customer's requests, newest first, at most {@code limit} */
    public List<Row> byAccount(Handle h, String tenant, String target, String accountId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_deal_request WHERE tenant_id = :t AND target = :target AND account_id = :a"
                        + " ORDER BY updated_at DESC, instance_id DESC")
                .bind("t", tenant).bind("target", target).bind("a", accountId).setMaxRows(limit).map((rs, c) -> row(rs)).list();
    }

    /** Records the definition's policy on the round of an instance. */
    public void policy(Handle h, String tenant, long instanceId, DealApproval.OnChanged onChanged) {
        h.createUpdate("UPDATE oa_crm_deal_request SET on_changed = :p WHERE tenant_id = :t AND instance_id = :i")
                .bind("p", onChanged.name()).bind("t", tenant).bind("i", instanceId).execute();
    }

    /** Moves a round, with the outcome (kept when null) and a reason. @return false when it was not in {@code from} */
    public boolean move(Handle h, String tenant, DealRequest d, List<DealStatus> from, DealStatus to, Decision.Outcome outcome, String reason,
                        Instant now) {
        return h.createUpdate("UPDATE oa_crm_deal_request SET status = :s, outcome = COALESCE(:o, outcome), reason = COALESCE(:r, reason),"
                        + " updated_at = :now WHERE tenant_id = :t AND target = :target AND kind = :kind AND request_id = :id AND version = :v"
                        + " AND status IN (<from>)")
                .bind("s", to.name()).bind("o", outcome == null ? null : outcome.name()).bind("r", cut(reason)).bind("now", db(now))
                .bind("t", tenant).bind("target", d.target()).bind("kind", d.kind().name()).bind("id", d.requestId()).bind("v", d.version())
                .bindList("from", from.stream().map(Enum::name).toList()).execute() == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        LocalDateTime u = rs.getObject("updated_at", LocalDateTime.class);
        String outcome = rs.getString("outcome");
        String policy = rs.getString("on_changed");
        return new Row(new DealRequest(rs.getString("target"), ApprovalRequest.Kind.valueOf(rs.getString("kind")), rs.getString("request_id"),
                rs.getLong("version"), rs.getLong("instance_id"), rs.getString("title"), rs.getString("account_id"), DealStatus.valueOf(rs.getString("status")),
                outcome == null ? null : Decision.Outcome.valueOf(outcome), rs.getString("reason"), u.toInstant(ZoneOffset.UTC)),
                policy == null ? null : DealApproval.OnChanged.valueOf(policy), rs.getString("requested_by"));
    }

    private static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}

package dev.oakit.erp.internal;

import dev.oakit.erp.RequisitionOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_erp_requisition} (the documents of purchase requisitions and expense claims). Changes of status are compare-and-set on the status they leave. */
@Singleton
public final class RequisitionRepository {
    private static final String COLUMNS = "instance_id, round_no, target, operation, po_key, status, remote_id, po_number, po_link, reason, last_error, updated_at";

    /** A row with the operation of its document and the remote id it was confirmed as. */
    public record Row(RequisitionOrder order, String operation, String remoteId) {
    }

    /** Inserts a round as {@link RequisitionOrderStatus#ORDERING}. */
    public void insert(Handle h, String tenant, long instanceId, int round, String target, String operation, String key, Instant now) {
        h.createUpdate("INSERT INTO oa_erp_requisition (tenant_id, instance_id, round_no, target, operation, po_key, status, created_at,"
                        + " updated_at) VALUES (:t, :i, :r, :target, :op, :k, :s, :now, :now)")
                .bind("t", tenant).bind("i", instanceId).bind("r", round).bind("target", target).bind("op", operation).bind("k", key)
                .bind("s", RequisitionOrderStatus.ORDERING.name()).bind("now", db(now)).execute();
    }

    /** @return the latest round of an instance */
    public Optional<Row> latest(Handle h, String tenant, long instanceId) {
        List<Row> all = all(h, tenant, instanceId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** @return one round */
    public Optional<Row> get(Handle h, String tenant, long instanceId, int round) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_erp_requisition WHERE tenant_id = :t AND instance_id = :i AND round_no = :r")
                .bind("t", tenant).bind("i", instanceId).bind("r", round).map((rs, c) -> row(rs)).findOne();
    }

    /** @return every round, oldest first */
    public List<Row> all(Handle h, String tenant, long instanceId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_erp_requisition WHERE tenant_id = :t AND instance_id = :i ORDER BY round_no")
                .bind("t", tenant).bind("i", instanceId).map((rs, c) -> row(rs)).list();
    }

    /** The order is confirmed: its remote id, number and link. @return false when the round was no longer ORDERING */
    public boolean ordered(Handle h, String tenant, long instanceId, int round, String remoteId, String number, String link, Instant now) {
        return h.createUpdate("UPDATE oa_erp_requisition SET status = :s, remote_id = :rid, po_number = :n, po_link = :l, updated_at = :now"
                        + " WHERE tenant_id = :t AND instance_id = :i AND round_no = :r AND status = :from")
                .bind("s", RequisitionOrderStatus.ORDERED.name()).bind("rid", remoteId).bind("n", number).bind("l", link)
                .bind("now", db(now)).bind("t", tenant).bind("i", instanceId).bind("r", round)
                .bind("from", RequisitionOrderStatus.ORDERING.name()).execute() == 1;
    }

    /** Moves a round from one status to another, with a reason or an error. @return false when it was not in {@code from} */
    public boolean move(Handle h, String tenant, long instanceId, int round, List<RequisitionOrderStatus> from, RequisitionOrderStatus to,
                        String reason, String error, Instant now) {
        return h.createUpdate("UPDATE oa_erp_requisition SET status = :s, reason = COALESCE(:reason, reason), last_error = :e, updated_at = :now"
                        + " WHERE tenant_id = :t AND instance_id = :i AND round_no = :r AND status IN (<from>)")
                .bind("s", to.name()).bind("reason", reason).bind("e", cut(error)).bind("now", db(now)).bind("t", tenant)
                .bind("i", instanceId).bind("r", round).bindList("from", from.stream().map(Enum::name).toList()).execute() == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        LocalDateTime u = rs.getObject("updated_at", LocalDateTime.class);
        return new Row(new RequisitionOrder(rs.getLong("instance_id"), rs.getInt("round_no"), rs.getString("target"), rs.getString("po_key"),
                RequisitionOrderStatus.valueOf(rs.getString("status")), rs.getString("po_number"), rs.getString("po_link"),
                rs.getString("reason"), rs.getString("last_error"), u.toInstant(ZoneOffset.UTC)), rs.getString("operation"), rs.getString("remote_id"));
    }

    private static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}

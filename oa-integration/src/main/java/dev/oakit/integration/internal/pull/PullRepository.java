package dev.oakit.integration.internal.pull;

import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.pull.PullState;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Every statement on {@code oa_int_pull}. */
@Singleton
public final class PullRepository {
    private static final String COLUMNS = "target, entity_type, watermark, every_ms, overlap_ms, page_size, pulled, applied, echoes,"
            + " last_run_at, last_error, lease_owner";

    /** A pull as a worker sees it when it claims a page. */
    public record Row(PullState state, long fence) {
    }

    /** @return the pull with its fence */
    public Optional<Row> row(Handle h, String tenant, String target, String entityType) {
        return h.createQuery("SELECT " + COLUMNS + ", fence FROM oa_int_pull WHERE tenant_id = :t AND target = :target AND entity_type = :et")
                .bind("t", tenant).bind("target", target).bind("et", entityType)
                .map((rs, c) -> new Row(state(rs), rs.getLong("fence"))).findOne();
    }

    /** Stores the spec of a pull, new or changed; the watermark and counts stay. */
    public void save(Handle h, String tenant, PullSpec s, Instant now) {
        Long every = s.every() == null ? null : s.every().toMillis();
        int n = h.createUpdate("UPDATE oa_int_pull SET every_ms = :e, overlap_ms = :o, page_size = :p, updated_at = :now"
                        + " WHERE tenant_id = :t AND target = :target AND entity_type = :et")
                .bind("e", every).bind("o", s.overlap().toMillis()).bind("p", s.pageSize()).bind("now", Columns.db(now))
                .bind("t", tenant).bind("target", s.target()).bind("et", s.entityType()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_int_pull (tenant_id, target, entity_type, every_ms, overlap_ms, page_size, fence, pulled, applied,"
                            + " echoes, updated_at) VALUES (:t, :target, :et, :e, :o, :p, 0, 0, 0, 0, :now)")
                    .bind("e", every).bind("o", s.overlap().toMillis()).bind("p", s.pageSize()).bind("now", Columns.db(now))
                    .bind("t", tenant).bind("target", s.target()).bind("et", s.entityType()).execute();
        }
    }

    /** Takes the pull for one page: a new fence and the lease. @return whether this worker holds it */
    public boolean claim(Handle h, String tenant, String target, String entityType, long seenFence, String owner, Instant leaseUntil,
                         Instant now) {
        return h.createUpdate("UPDATE oa_int_pull SET fence = fence + 1, lease_owner = :o, lease_until = :u, updated_at = :now"
                        + " WHERE tenant_id = :t AND target = :target AND entity_type = :et AND fence = :f"
                        + " AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :o)")
                .bind("o", owner).bind("u", Columns.db(leaseUntil)).bind("now", Columns.db(now)).bind("t", tenant).bind("target", target)
                .bind("et", entityType).bind("f", seenFence).execute() == 1;
    }

    /** @return whether the worker still holds the pull with this fence and its lease lasts until at least {@code until} */
    public boolean holds(Handle h, String tenant, String target, String entityType, long fence, String owner, Instant until) {
        return h.createQuery("SELECT COUNT(*) FROM oa_int_pull WHERE tenant_id = :t AND target = :target AND entity_type = :et"
                        + " AND fence = :f AND lease_owner = :o AND lease_until >= :u")
                .bind("t", tenant).bind("target", target).bind("et", entityType).bind("f", fence).bind("o", owner)
                .bind("u", Columns.db(until)).mapTo(Long.class).one() > 0;
    }

    /**
     * Records a page: the watermark raised to {@code highest} (never lowered), the counts, the error cleared;
     * the lease is released when {@code last}. Only while the fence is ours.
     *
     * @return false when another worker took the pull over
     */
    public boolean recordPage(Handle h, String tenant, String target, String entityType, long fence, Long highest, int pulled, int applied,
                              int echoes, boolean last, Instant now) {
        var u = h.createUpdate("UPDATE oa_int_pull SET "
                        + (highest == null ? "" : "watermark = CASE WHEN watermark IS NULL OR watermark < :w THEN :w ELSE watermark END,")
                        + " pulled = pulled + :n, applied = applied + :a, echoes = echoes + :e, last_error = NULL, last_run_at = :now,"
                        + " updated_at = :now" + (last ? ", lease_owner = NULL, lease_until = NULL" : "")
                        + " WHERE tenant_id = :t AND target = :target AND entity_type = :et AND fence = :f")
                .bind("n", pulled).bind("a", applied).bind("e", echoes).bind("now", Columns.db(now)).bind("t", tenant)
                .bind("target", target).bind("et", entityType).bind("f", fence);
        if (highest != null) {
            u.bind("w", highest);
        }
        return u.execute() == 1;
    }

    /** Records a failed call and releases the lease; the watermark stays. Only while the fence is ours. */
    public boolean recordFailure(Handle h, String tenant, String target, String entityType, long fence, String error, Instant now) {
        return h.createUpdate("UPDATE oa_int_pull SET last_error = :err, lease_owner = NULL, lease_until = NULL, updated_at = :now"
                        + " WHERE tenant_id = :t AND target = :target AND entity_type = :et AND fence = :f")
                .bind("err", Columns.cut(error, 2000)).bind("now", Columns.db(now)).bind("t", tenant).bind("target", target)
                .bind("et", entityType).bind("f", fence).execute() == 1;
    }

    private static PullState state(ResultSet rs) throws SQLException {
        long every = rs.getLong("every_ms");
        Duration e = rs.wasNull() ? null : Duration.ofMillis(every);
        long w = rs.getLong("watermark");
        Long watermark = rs.wasNull() ? null : w;
        PullSpec spec = new PullSpec(rs.getString("target"), rs.getString("entity_type"), e, Duration.ofMillis(rs.getLong("overlap_ms")),
                rs.getInt("page_size"));
        return new PullState(spec, watermark, rs.getLong("pulled"), rs.getLong("applied"), rs.getLong("echoes"),
                Columns.instant(rs, "last_run_at"), rs.getString("last_error"), rs.getString("lease_owner") != null);
    }
}

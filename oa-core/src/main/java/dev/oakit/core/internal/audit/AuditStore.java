package dev.oakit.core.internal.audit;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.audit.AuditVerification;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Appends to and verifies the per-tenant hash chain. */
@Singleton
public final class AuditStore implements AuditLog {
    static final String GENESIS = "0".repeat(64);

    private static final RowMapper<AuditRecord> MAPPER = (rs, ctx) -> new AuditRecord(
            rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("actor_id"), rs.getString("on_behalf_of"),
            rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "occurred_at", ctx),
            rs.getString("request_id"), rs.getString("summary"), rs.getString("prev_hash"), rs.getString("hash"));

    private final Commands commands;
    private final AuditSealer sealer;

    @Inject
    public AuditStore(Commands commands, AuditSealer sealer) {
        this.commands = commands;
        this.sealer = sealer;
    }

    /**
     * Appends one entry inside the caller's transaction: a single insert, without sequence number
     * or hash. {@link AuditSealer} chains committed entries shortly after (and before every read),
     * so that concurrent commands of one tenant never wait for each other here.
     */
    public static void append(Handle h, String tenantId, String actorId, String onBehalfOf, String action,
                              String targetType, String targetId, Instant at, String requestId, String summary) {
        String shortSummary = summary == null ? null : summary.length() > 1000 ? summary.substring(0, 997) + "..." : summary;
        // the chain uses millisecond precision, which every supported database stores exactly
        Instant when = Instant.ofEpochMilli(at.toEpochMilli());
        h.createUpdate("""
                INSERT INTO oa_core_audit (tenant_id, actor_id, on_behalf_of, action, target_type, target_id,
                    occurred_at, request_id, summary)
                VALUES (:tenant, :actor, :behalf, :action, :ttype, :tid, :at, :rid, :summary)""")
                .bind("tenant", tenantId).bind("actor", actorId).bind("behalf", onBehalfOf)
                .bind("action", action).bind("ttype", targetType).bind("tid", targetId)
                .bind("at", InstantAsUtc.toDb(when)).bind("rid", requestId).bind("summary", shortSummary).execute();
    }

    /**
     * Creates the tenant's chain head in its own short transaction, so that concurrent first
     * commands of a tenant only ever contend on the row lock, never on its insertion.
     */
    public static void ensureHead(org.jdbi.v3.core.Jdbi jdbi, String tenantId) {
        try {
            jdbi.useHandle(h -> {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM oa_core_audit_head WHERE tenant_id = :t")
                        .bind("t", tenantId).mapTo(Integer.class).one() > 0;
                if (!exists) {
                    h.createUpdate("INSERT INTO oa_core_audit_head (tenant_id, last_seq, last_hash) VALUES (:t, 0, :g)")
                            .bind("t", tenantId).bind("g", GENESIS).execute();
                }
            });
        } catch (org.jdbi.v3.core.JdbiException e) {
            if (!(e.getCause() instanceof java.sql.SQLException s && dev.oakit.core.internal.db.Dialect.isDuplicateKey(s))) {
                throw e;
            }
        }
    }

    static String hash(AuditRecord r) {
        String canonical = String.join("\u001f", r.prevHash(), Long.toString(r.seq()), r.tenantId(), r.actorId(),
                nz(r.onBehalfOf()), r.action(), nz(r.targetType()), nz(r.targetId()),
                Long.toString(r.occurredAt().toEpochMilli()), nz(r.requestId()), nz(r.summary()));
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }

    @Override
    public List<AuditRecord> forTarget(Actor actor, String targetType, String targetId) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("read the audit log");
        dev.oakit.core.Checks.id("targetType", targetType);
        dev.oakit.core.Checks.text("targetId", targetId, 128);
        sealer.seal(actor.tenantId());
        return commands.query(h -> h.createQuery("SELECT * FROM oa_core_audit WHERE tenant_id = :t AND target_type = :tt AND target_id = :ti AND seq IS NOT NULL ORDER BY seq")
                .bind("t", actor.tenantId()).bind("tt", targetType).bind("ti", targetId).map(MAPPER).list());
    }

    @Override
    public List<AuditRecord> recent(Actor actor, int limit) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("read the audit log");
        if (limit < 1 || limit > 1000) {
            throw ValidationException.of("limit", "must be between 1 and 1000, was " + limit);
        }
        sealer.seal(actor.tenantId());
        return commands.query(h -> h.createQuery("SELECT * FROM oa_core_audit WHERE tenant_id = :t AND seq IS NOT NULL ORDER BY seq DESC")
                .bind("t", actor.tenantId()).setMaxRows(limit).map(MAPPER).list());
    }

    @Override
    public AuditVerification verify(Actor actor) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("verify the audit log");
        sealer.seal(actor.tenantId());
        // in a transaction: the chain is streamed with a fetch size (PostgreSQL buffers it all in auto-commit mode)
        return commands.queryInTransaction(h -> {
            Optional<Head> head = h.createQuery("SELECT last_seq, last_hash FROM oa_core_audit_head WHERE tenant_id = :t")
                    .bind("t", actor.tenantId()).map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).findOne();
            long checked = 0;
            String prev = GENESIS;
            long expectedSeq = 1;
            try (Stream<AuditRecord> rows = h.createQuery("SELECT * FROM oa_core_audit WHERE tenant_id = :t AND seq IS NOT NULL ORDER BY seq")
                    .bind("t", actor.tenantId()).setFetchSize(500).map(MAPPER).stream()) {
                for (Iterator<AuditRecord> it = rows.iterator(); it.hasNext(); ) {
                    AuditRecord r = it.next();
                    checked++;
                    if (r.seq() != expectedSeq) {
                        return new AuditVerification(false, checked, expectedSeq, "entry " + expectedSeq
                                + " is missing (next entry found is " + r.seq() + ")");
                    }
                    if (!r.prevHash().equals(prev)) {
                        return new AuditVerification(false, checked, r.seq(), "entry " + r.seq()
                                + " does not link to the previous entry (an entry was replaced or removed)");
                    }
                    if (!hash(r).equals(r.hash())) {
                        return new AuditVerification(false, checked, r.seq(), "entry " + r.seq()
                                + " was changed after it was written (its hash does not match its content)");
                    }
                    prev = r.hash();
                    expectedSeq++;
                }
            }
            long lastSeq = expectedSeq - 1;
            if (head.isPresent() && (head.get().seq() != lastSeq || !head.get().hash().equals(prev))) {
                return new AuditVerification(false, checked, lastSeq + 1, "entries after " + lastSeq
                        + " were removed (the chain head records " + head.get().seq() + ")");
            }
            if (head.isEmpty() && checked > 0) {
                return new AuditVerification(false, checked, 1L, "the chain head is missing");
            }
            return new AuditVerification(true, checked, null, null);
        });
    }


    private record Head(long seq, String hash) {
    }
}

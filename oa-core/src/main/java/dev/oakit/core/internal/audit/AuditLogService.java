package dev.oakit.core.internal.audit;

import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditChainHead;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.audit.AuditVerification;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.PlainJdbc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Appends to, reads and verifies the per-tenant hash chain (the rules of an intact chain live in {@link ChainCheck}). */
@Singleton
public final class AuditLogService implements AuditLog {

    private static final RowMapper<AuditRecord> MAPPER = (rs, ctx) -> new AuditRecord(
            rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("actor_id"), rs.getString("on_behalf_of"),
            rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "occurred_at", ctx),
            rs.getString("request_id"), rs.getString("summary"), rs.getString("prev_hash"), rs.getString("hash"),
            rs.getString("key_id"));

    private final Commands commands;
    private final AuditSealer sealer;
    private final AuditKeys keys;

    @Inject
    private AuditLogService(Commands commands, AuditSealer sealer, AuditKeys keys) {
        this.commands = commands;
        this.sealer = sealer;
        this.keys = keys;
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
        // every command appends one: plain JDBC held per connection (HeldStatements), bound as Jdbi bound it
        // (Jdbi's own work around a statement cost about as much as embedded H2's)
        PlainJdbc.update(h, PlainJdbc.Prepared.HELD, APPEND, p -> {
            String[] texts = {tenantId, actorId, onBehalfOf, action, targetType, targetId};
            for (int i = 0; i < texts.length; i++) {
                PlainJdbc.text(p, i + 1, texts[i]);
            }
            PlainJdbc.time(p, 7, when);
            PlainJdbc.text(p, 8, requestId);
            PlainJdbc.text(p, 9, shortSummary);
        });
    }

    private static final String APPEND = """
            INSERT INTO oa_core_audit (tenant_id, actor_id, on_behalf_of, action, target_type, target_id,
                occurred_at, request_id, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

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
                            .bind("t", tenantId).bind("g", AuditKeys.GENESIS).execute();
                }
            });
        } catch (org.jdbi.v3.core.JdbiException e) {
            if (!(e.getCause() instanceof java.sql.SQLException s && dev.oakit.core.internal.db.Dialect.isDuplicateKey(s))) {
                throw e;
            }
        }
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
        return check(actor, null);
    }

    @Override
    public AuditVerification verify(Actor actor, AuditChainHead exported) {
        dev.oakit.core.Checks.notNull("head", exported);
        return check(actor, exported);
    }

    private AuditVerification check(Actor actor, AuditChainHead exported) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("verify the audit log");
        String tenant = actor.tenantId();
        if (exported != null && !exported.tenantId().equals(tenant)) {
            throw ValidationException.of("head.tenantId", "is '" + exported.tenantId() + "' but the chain of tenant '" + tenant
                    + "' is verified; check each tenant's chain against a head exported for that tenant");
        }
        // in a transaction: the chain is streamed with a fetch size (PostgreSQL buffers it all in auto-commit mode)
        AuditVerification result = commands.queryInTransaction(h -> {
            // the head row first: entries up to it are sealed and stay put while the sealer carries on after it
            Optional<ChainCheck.HeadRow> head = h.createQuery("SELECT last_seq, last_hash FROM oa_core_audit_head WHERE tenant_id = :t")
                    .bind("t", tenant).map((rs, ctx) -> new ChainCheck.HeadRow(rs.getLong(1), rs.getString(2))).findOne();
            long last = head.map(ChainCheck.HeadRow::seq).orElse(Long.MAX_VALUE);
            ChainCheck check = new ChainCheck(keys, exported);
            try (Stream<AuditRecord> rows = h.createQuery("SELECT * FROM oa_core_audit WHERE tenant_id = :t AND seq IS NOT NULL"
                            + " AND seq <= :last ORDER BY seq")
                    .bind("t", tenant).bind("last", last).setFetchSize(500).map(MAPPER).stream()) {
                for (Iterator<AuditRecord> it = rows.iterator(); it.hasNext(); ) {
                    Optional<AuditVerification> bad = check.next(it.next());
                    if (bad.isPresent()) {
                        return bad.get();
                    }
                }
            }
            Optional<AuditVerification> bad = check.end(head);
            if (bad.isPresent()) {
                return bad.get();
            }
            long unsealed = h.createQuery("SELECT COUNT(*) FROM oa_core_audit WHERE tenant_id = :t AND seq IS NULL")
                    .bind("t", tenant).mapTo(Long.class).one();
            long sealedMeanwhile = h.createQuery("SELECT COUNT(*) FROM oa_core_audit WHERE tenant_id = :t AND seq > :last")
                    .bind("t", tenant).bind("last", last).mapTo(Long.class).one();
            return check.result(unsealed, sealedMeanwhile);
        });
        // seal what this check could not cover, so that the next one does (on nodes whose background sealer is off too)
        sealer.seal(tenant);
        return result;
    }

    @Override
    public AuditChainHead head(Actor actor) {
        dev.oakit.core.Checks.notNull("actor", actor).requireAdmin("export the audit chain head");
        String tenant = actor.tenantId();
        return commands.query(h -> h.createQuery("SELECT seq, hash, key_id FROM oa_core_audit WHERE tenant_id = :t"
                        + " AND seq IS NOT NULL ORDER BY seq DESC")
                .bind("t", tenant).setMaxRows(1)
                .map((rs, ctx) -> new AuditChainHead(tenant, rs.getLong(1), rs.getString(2), rs.getString(3))).findOne())
                .orElse(new AuditChainHead(tenant, 0, AuditKeys.GENESIS, null));
    }
}

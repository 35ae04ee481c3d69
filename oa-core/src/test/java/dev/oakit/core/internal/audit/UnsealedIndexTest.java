package dev.oakit.core.internal.audit;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.QueryPlans;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealer asks every second which tenants have unsealed entries: the index
 * {@code oa_core_audit_unsealed} (a partial index on PostgreSQL) answers from the unsealed entries
 * alone, where the chain's own index {@code (tenant_id, seq)} had to be read whole. A tenant's
 * pending entries are then a seek in either index. Checked through each database's plan.
 */
class UnsealedIndexTest {
    private static final String INDEX = "oa_core_audit_unsealed";

    @DbTest
    void theSealersQuestionsAreServedByAnIndex(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.config("core", Map.of("audit", Map.of("sealInterval", "PT0S"))));
        try (Connection c = db.dataSource().getConnection()) {
            sealedHistory(c, 3000);
            oa.service(dev.oakit.core.directory.Directory.class).createUser(Actor.admin("acme", "root"),
                    dev.oakit.core.directory.User.of("u1", "U1")); // one unsealed entry
            QueryPlans.analyze(c, db.kind(), "oa_core_audit");

            assertThat(QueryPlans.plan(c, AuditSealer.UNSEALED_TENANTS_SQL.replace(":t", "?"))).containsIgnoringCase(INDEX);
            // a tenant's pending entries: a seek on (tenant, seq IS NULL) in this index or the chain's own (tenant_id, seq)
            assertThat(QueryPlans.plan(c, AuditSealer.PENDING_SQL.replace(":t", "?"), "acme").toLowerCase(Locale.ROOT))
                    .containsAnyOf(INDEX, "oa_core_audit_seq").doesNotContain("tablescan", "seq scan", "type=all");
        }
    }

    /** Many sealed entries of another tenant, as a log that has run for a while has. */
    private static void sealedHistory(Connection c, int n) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO oa_core_audit (tenant_id, seq, actor_id, action, occurred_at,"
                + " prev_hash, hash) VALUES ('old', ?, 'someone', 'x.y', ?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                p.setLong(1, i);
                p.setObject(2, LocalDateTime.of(2024, 1, 1, 0, 0));
                p.setString(3, "0".repeat(64));
                p.setString(4, "0".repeat(64));
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}

package dev.oakit.core.internal.audit;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
            analyze(c, db.kind());

            assertThat(plan(c, db.kind(), AuditSealer.UNSEALED_TENANTS_SQL, null)).containsIgnoringCase(INDEX);
            // a tenant's pending entries: a seek on (tenant, seq IS NULL) in this index or the chain's own (tenant_id, seq)
            assertThat(plan(c, db.kind(), AuditSealer.PENDING_SQL, "acme").toLowerCase(Locale.ROOT))
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

    private static void analyze(Connection c, TestDatabase.Kind kind) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(switch (kind) {
                case H2 -> "ANALYZE";
                case POSTGRESQL -> "ANALYZE oa_core_audit";
                case MARIADB -> "ANALYZE TABLE oa_core_audit";
            });
        }
    }

    /** @return the database's plan of the statement, as text */
    private static String plan(Connection c, TestDatabase.Kind kind, String sql, String tenant) throws Exception {
        String jdbc = sql.replace(":t", "?");
        try (PreparedStatement p = c.prepareStatement("EXPLAIN " + jdbc)) {
            if (tenant != null) {
                p.setString(1, tenant);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        line.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(rs.getString(i)).append(' ');
                    }
                    lines.add(line.toString());
                }
            }
            return String.join("\n", lines);
        }
    }
}

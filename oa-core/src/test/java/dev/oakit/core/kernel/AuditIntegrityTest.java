package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditChainHead;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditVerification;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the audit chain proves against someone with write access to the database: entries not yet
 * sealed are never reported intact, every node seals, an HMAC key defeats a recomputed chain, and a
 * head exported earlier defeats truncation and rewrites.
 */
class AuditIntegrityTest {
    private static final String KEY_1 = "k1-0123456789abcdef0123456789abcdef";
    private static final String KEY_2 = "k2-fedcba9876543210fedcba9876543210";
    private final Actor alice = Actor.of("acme", "alice");
    private final Actor admin = Actor.admin("acme", "root");

    private static OaKit start(TestDatabase db, Map<String, Object> audit) {
        return db.start(b -> b.plugin(new SamplePlugin()).config("core", Map.of("audit", audit)));
    }

    private static void add(OaKit oa, Actor actor, int n) {
        for (int i = 0; i < n; i++) {
            oa.service(SamplePlugin.Notes.class).add(actor, "note " + i);
        }
    }

    @DbTest
    void entriesNotSealedYetAreNeverReportedIntact(TestDatabase db) throws Exception {
        OaKit oa = start(db, Map.of("sealInterval", "PT0S")); // no background sealer: the entries wait
        add(oa, alice, 3);
        long first = db.queryLong("SELECT MIN(id) FROM oa_core_audit WHERE seq IS NULL");
        db.execute("UPDATE oa_core_audit SET actor_id = 'mallory' WHERE id = " + (first + 1));
        db.execute("DELETE FROM oa_core_audit WHERE id = " + (first + 2));

        AuditVerification v = oa.service(AuditLog.class).verify(admin);

        assertThat(v.intact()).as(v.toString()).isFalse();
        assertThat(v.tampered()).as("nothing sealed was touched").isFalse();
        assertThat(v.unverifiable()).isEqualTo(2);
        assertThat(v.checked()).isZero();
        assertThat(v.problem()).contains("2 entries are not sealed yet");
        // the check sealed them afterwards, so the next one covers them (what was done to them before is beyond any chain)
        AuditVerification again = oa.service(AuditLog.class).verify(admin);
        assertThat(again.checked()).isEqualTo(2);
        assertThat(again.unverifiable()).isZero();
    }

    @DbTest
    void aNodeWithoutJobWorkersStillSealsEveryEntry(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        add(oa, alice, 2);
        // no read of the log: only the background sealer can chain them
        await().atMost(Duration.ofSeconds(15)).until(() ->
                db.queryLong("SELECT COUNT(*) FROM oa_core_audit WHERE seq IS NOT NULL AND hash IS NOT NULL") == 2);
    }

    @DbTest
    void withAKeyAChainRecomputedWithPlainShaIsDetected(TestDatabase db) throws Exception {
        OaKit oa = start(db, Map.of("keys", List.of(Map.of("id", "k1", "secret", KEY_1))));
        add(oa, alice, 4);
        assertThat(oa.service(AuditLog.class).recent(admin, 10)).allSatisfy(r -> assertThat(r.keyId()).isEqualTo("k1"));
        assertThat(oa.service(AuditLog.class).verify(admin).intact()).isTrue();
        assertThat(oa.service(AuditLog.class).head(admin).keyId()).isEqualTo("k1");

        Attacker.rewrite(db, "acme", 2, false);
        AuditVerification v = oa.service(AuditLog.class).verify(admin);
        assertThat(v.tampered()).as(v.toString()).isTrue();
        assertThat(v.firstBadSeq()).isEqualTo(2L);
        assertThat(v.problem()).contains("entry 2 was changed");

        Attacker.rewrite(db, "acme", 1, true); // and claim no key was ever used
        AuditVerification downgraded = oa.service(AuditLog.class).verify(admin);
        assertThat(downgraded.intact()).as(downgraded.toString()).isFalse();
        assertThat(downgraded.unverifiable()).isEqualTo(4);
        assertThat(downgraded.problem()).contains("sealed without a key");
    }

    @DbTest
    void aHeadExportedEarlierDetectsTruncation(TestDatabase db) throws Exception {
        OaKit oa = start(db, Map.of());
        AuditLog audit = oa.service(AuditLog.class);
        add(oa, alice, 5);
        audit.recent(admin, 1); // seals
        AuditChainHead head = audit.head(admin);
        assertThat(head.tenantId()).isEqualTo("acme");
        assertThat(head.seq()).isEqualTo(5);
        assertThat(head.hash()).hasSize(64);
        assertThat(head.keyId()).isNull();
        add(oa, alice, 2);
        audit.recent(admin, 1);

        Attacker.truncate(db, "acme", 3);

        assertThat(audit.verify(admin).intact()).as("the chain alone cannot tell").isTrue();
        AuditVerification v = audit.verify(admin, head);
        assertThat(v.tampered()).as(v.toString()).isTrue();
        assertThat(v.firstBadSeq()).isEqualTo(4L);
        assertThat(v.problem()).contains("ends at entry 3", "exported head", "entry 5");
        assertThatThrownBy(() -> audit.verify(Actor.admin("other", "root"), head))
                .isInstanceOf(ValidationException.class).hasMessageContaining("head.tenantId");
    }

    @DbTest
    void aHeadExportedEarlierDetectsARecomputedChain(TestDatabase db) throws Exception {
        OaKit oa = start(db, Map.of());
        AuditLog audit = oa.service(AuditLog.class);
        add(oa, alice, 5);
        audit.recent(admin, 1);
        AuditChainHead head = audit.head(admin);
        assertThat(audit.verify(admin, head).intact()).isTrue();
        add(oa, alice, 1);
        audit.recent(admin, 1);
        assertThat(audit.verify(admin, head).intact()).as("a later chain still contains the exported head").isTrue();

        Attacker.rewrite(db, "acme", 2, false);

        assertThat(audit.verify(admin).intact()).as("the chain alone cannot tell").isTrue();
        AuditVerification v = audit.verify(admin, head);
        assertThat(v.tampered()).as(v.toString()).isTrue();
        assertThat(v.firstBadSeq()).isEqualTo(5L);
        assertThat(v.problem()).contains("entry 5 differs from the exported head");
    }

    @DbTest
    void keysRotateAndEntriesKeepTheirKeyId(TestDatabase db) throws Exception {
        OaKit first = start(db, Map.of("keys", List.of(Map.of("id", "k1", "secret", KEY_1))));
        add(first, alice, 2);
        first.service(AuditLog.class).recent(admin, 1);
        first.close();

        OaKit rotated = start(db, Map.of("keys", List.of(Map.of("id", "k2", "secret", KEY_2), Map.of("id", "k1", "secret", KEY_1))));
        add(rotated, alice, 2);
        AuditLog audit = rotated.service(AuditLog.class);
        assertThat(audit.recent(admin, 10)).extracting(r -> r.keyId()).containsExactly("k2", "k2", "k1", "k1");
        assertThat(audit.verify(admin)).isEqualTo(new AuditVerification(true, 4, null, null, 0));
        rotated.close();

        OaKit forgotten = start(db, Map.of("keys", List.of(Map.of("id", "k2", "secret", KEY_2))));
        AuditVerification v = forgotten.service(AuditLog.class).verify(admin);
        assertThat(v.intact()).isFalse();
        assertThat(v.tampered()).isFalse();
        assertThat(v.unverifiable()).isEqualTo(2);
        assertThat(v.problem()).contains("'k1'", "core.audit.keys");
    }

    @Test
    void keysAreCheckedAndNeverShown() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).config("core", Map.of("audit", Map.of("sealInterval", "-PT1S",
                "keys", List.of(Map.of("id", "k1", "secret", "short"), Map.of("id", "k1", "secret", KEY_1),
                        Map.of("id", "bad id", "secret", KEY_2))))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("core.audit.sealInterval must not be negative")
                .hasMessageContaining("core.audit.keys[0].secret must have at least 32 characters")
                .hasMessageContaining("core.audit.keys[1].id 'k1' is used twice")
                .hasMessageContaining("core.audit.keys[2].id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short", KEY_1, KEY_2));
        CoreConfig.Audit audit = new CoreConfig.Audit(null, List.of(new CoreConfig.Audit.Key("k1", KEY_1)));
        assertThat(audit.toString()).contains("k1").doesNotContain(KEY_1);
        assertThat(audit.sealInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    /**
     * Someone with write access to the tables who knows the documented chain format but not the
     * key: changes entries and recomputes the chain with plain SHA-256.
     */
    static final class Attacker {
        private record Row(long id, long seq, String tenant, String actor, String behalf, String action, String ttype,
                           String tid, long at, String rid, String summary, String keyId) {
        }

        /** Changes the actor of entry {@code seq} (unless it is 1 and only the key is dropped) and recomputes from there. */
        static void rewrite(TestDatabase db, String tenant, long fromSeq, boolean dropKeyIds) throws Exception {
            try (Connection c = db.dataSource().getConnection()) {
                if (dropKeyIds) {
                    try (Statement s = c.createStatement()) {
                        s.execute("UPDATE oa_core_audit SET key_id = NULL WHERE tenant_id = '" + tenant + "'");
                    }
                } else {
                    try (Statement s = c.createStatement()) {
                        s.execute("UPDATE oa_core_audit SET actor_id = 'mallory' WHERE tenant_id = '" + tenant + "' AND seq >= " + fromSeq);
                    }
                }
                recompute(c, tenant, fromSeq);
            }
        }

        /** Removes the entries after {@code lastKept} and moves the chain head back to it. */
        static void truncate(TestDatabase db, String tenant, long lastKept) throws Exception {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM oa_core_audit WHERE tenant_id = '" + tenant + "' AND seq > " + lastKept);
                recompute(c, tenant, lastKept + 1);
            }
        }

        private static void recompute(Connection c, String tenant, long fromSeq) throws Exception {
            List<Row> rows = new ArrayList<>();
            String prev = "0".repeat(64);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT * FROM oa_core_audit WHERE tenant_id = '" + tenant + "' AND seq IS NOT NULL ORDER BY seq")) {
                while (rs.next()) {
                    Row r = new Row(rs.getLong("id"), rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("actor_id"),
                            rs.getString("on_behalf_of"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                            rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli(),
                            rs.getString("request_id"), rs.getString("summary"), rs.getString("key_id"));
                    if (r.seq() < fromSeq) {
                        prev = rs.getString("hash");
                    } else {
                        rows.add(r);
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE oa_core_audit SET prev_hash = ?, hash = ? WHERE id = ?")) {
                for (Row r : rows) {
                    String hash = sha256(String.join("\u001f", prev, Long.toString(r.seq()), r.tenant(), r.actor(), nz(r.behalf()),
                            r.action(), nz(r.ttype()), nz(r.tid()), Long.toString(r.at()), nz(r.rid()), nz(r.summary())));
                    update.setString(1, prev);
                    update.setString(2, hash);
                    update.setLong(3, r.id());
                    update.executeUpdate();
                    prev = hash;
                }
            }
            long last = rows.isEmpty() ? fromSeq - 1 : rows.get(rows.size() - 1).seq();
            try (PreparedStatement head = c.prepareStatement("UPDATE oa_core_audit_head SET last_seq = ?, last_hash = ? WHERE tenant_id = ?")) {
                head.setLong(1, last);
                head.setString(2, prev);
                head.setString(3, tenant);
                head.executeUpdate();
            }
        }

        private static String nz(String s) {
            return s == null ? "\u0000" : s;
        }

        private static String sha256(String s) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        }
    }
}

package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.audit.AuditVerification;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTest {
    private final Actor alice = Actor.of("acme", "alice");
    private final Actor admin = Actor.admin("acme", "root");

    @DbTest
    void everyCommandIsAuditedAndTheChainVerifies(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        AuditLog audit = oa.service(AuditLog.class);
        for (int i = 0; i < 5; i++) {
            notes.add(alice, "n" + i);
        }
        List<AuditRecord> recent = audit.recent(admin, 10);
        assertThat(recent).hasSize(5).allSatisfy(r -> {
            assertThat(r.actorId()).isEqualTo("alice");
            assertThat(r.action()).isEqualTo("sample.note.add");
            assertThat(r.summary()).startsWith("added note ");
            assertThat(r.hash()).hasSize(64);
        });
        assertThat(recent.get(0).prevHash()).isEqualTo(recent.get(1).hash());
        assertThat(audit.verify(admin)).isEqualTo(new AuditVerification(true, 5, null, null));
        // another tenant has its own, empty chain
        assertThat(audit.verify(Actor.admin("other", "root")).checked()).isZero();
    }

    @DbTest
    void verifyNamesTheFirstRecordChangedWithPlainSql(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        for (int i = 0; i < 6; i++) {
            notes.add(alice, "n" + i);
        }
        oa.service(AuditLog.class).recent(admin, 1); // reading the log seals what is pending
        assertThat(oa.service(AuditLog.class).verify(admin).intact()).isTrue();
        db.execute("UPDATE oa_core_audit SET actor_id = 'mallory' WHERE tenant_id = 'acme' AND seq = 3");
        AuditVerification v = oa.service(AuditLog.class).verify(admin);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3L);
        assertThat(v.problem()).contains("entry 3 was changed");
    }

    @DbTest
    void verifyFindsDeletedAndTruncatedEntries(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        for (int i = 0; i < 4; i++) {
            notes.add(alice, "n" + i);
        }
        oa.service(AuditLog.class).recent(admin, 1);
        assertThat(oa.service(AuditLog.class).verify(admin).checked()).isEqualTo(4);
        db.execute("DELETE FROM oa_core_audit WHERE seq = 4");
        assertThat(oa.service(AuditLog.class).verify(admin).firstBadSeq()).isEqualTo(4L);
        db.execute("DELETE FROM oa_core_audit WHERE seq = 2");
        AuditVerification v = oa.service(AuditLog.class).verify(admin);
        assertThat(v.firstBadSeq()).isEqualTo(2L);
        assertThat(v.problem()).contains("entry 2 is missing");
    }

    @DbTest
    void concurrentCommandsKeepOneLinearChain(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> notes.add(alice, "c" + n)));
        }
        for (Future<Long> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        oa.service(AuditLog.class).recent(admin, 1);
        AuditVerification v = oa.service(AuditLog.class).verify(admin);
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.checked()).isEqualTo(40);
    }

    @DbTest
    void theBackgroundSealerChainsEntriesWithoutAnyRead(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        oa.service(SamplePlugin.Notes.class).add(alice, "sealed in the background");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                db.queryLong("SELECT COUNT(*) FROM oa_core_audit WHERE seq IS NOT NULL AND hash IS NOT NULL") == 1);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyAdminsReadTheWholeLog(TestDatabase db) {
        OaKit oa = db.start();
        assertThatThrownBy(() -> oa.service(AuditLog.class).verify(alice))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only administrators");
        assertThatThrownBy(() -> oa.service(AuditLog.class).recent(admin, 0))
                .hasMessageContaining("limit");
    }
}

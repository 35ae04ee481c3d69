package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.EventRecorder;
import dev.oakit.core.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries scheduled before the upgrade: a job for all listeners of an event becomes one job
 * per listener, and pending deliveries are linked to their event so that retention keeps it.
 */
class DeliveryUpgradeTest {
    private static final String EVENT = "0b7f3c1e-3c0a-4f5e-9a51-2d7c6e0d4a11";

    @DbTest
    void deliveriesScheduledBeforeTheUpgradeAreDeliveredPerListenerAndKeepTheirEvent(TestDatabase db) {
        Dialect dialect = switch (db.kind()) {
            case H2 -> Dialect.H2;
            case POSTGRESQL -> Dialect.POSTGRESQL;
            case MARIADB -> Dialect.MARIADB;
        };
        Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource())
                .locations("classpath:dev/oakit/core/db/migration",
                        "classpath:dev/oakit/core/db/vendor/" + dialect.name().toLowerCase(Locale.ROOT))
                .table("oa_core_schema_history").baselineOnMigrate(true).baselineVersion("0")
                .placeholders(dialect.placeholders()).target("5").load().migrate();
        Jdbi jdbi = Jdbi.create(db.dataSource());
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO oa_core_outbox (event_id, tenant_id, event_type, aggregate_type, aggregate_id, actor_id, occurred_at, payload)
                    VALUES (:e, 'acme', 'sample.note.added', 'note', '1', 'alice', :now, '{"text":"before the upgrade"}')""")
                    .bind("e", EVENT).bind("now", now).execute();
            for (String[] job : new String[][]{{"core.event.listeners", "{\"eventId\":\"" + EVENT + "\",\"relayId\":null}"},
                    {"core.event.relay", "{\"eventId\":\"" + EVENT + "\",\"relayId\":\"gone\"}"}}) {
                h.createUpdate("""
                        INSERT INTO oa_core_job (tenant_id, type, status, payload, due_at, attempts, max_attempts, fence, created_at, updated_at)
                        VALUES ('acme', :type, 'READY', :payload, :now, 0, 10, 0, :now, :now)""")
                        .bind("type", job[0]).bind("payload", job[1]).bind("now", now).execute();
            }
        });

        EventRecorder recorder = new EventRecorder();
        SamplePlugin sample = new SamplePlugin();
        OaKit oa = db.start(b -> b.plugin(recorder).plugin(sample));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.events().size() == 1
                && oa.service(SamplePlugin.Notes.class).listenerEvents().size() == 1);
        assertThat(recorder.events().get(0).id()).isEqualTo(EVENT);
        Jobs jobs = oa.service(Jobs.class);
        Actor admin = Actor.admin("acme", "root");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.counts(admin).get(JobStatus.DONE) == 3);
        int listenerJobs = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE type = 'core.event.listener' AND event_id = :e")
                .bind("e", EVENT).mapTo(Integer.class).one());
        assertThat(listenerJobs).as("one delivery per listener").isEqualTo(2);
        // the relay of the old job is not installed any more: its delivery is dead, and keeps its event
        assertThat(jobs.dead(admin, 10)).singleElement().satisfies(j -> assertThat(j.lastError()).contains("'gone' is not installed"));
        String relayEvent = jdbi.withHandle(h -> h.createQuery("SELECT event_id FROM oa_core_job WHERE type = 'core.event.relay'")
                .mapTo(String.class).one());
        assertThat(relayEvent).as("linked to its event by the upgrade").isEqualTo(EVENT);
    }
}

package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketPlugin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new ticket's jobs skip the look-up of their keys only for the ticket's own families: another family's key whose
 * second segment happens to equal the new ticket's id (a mail, a host's reminder) goes the look-up path and shares the
 * job that already holds it, rather than failing the command as a taken key.
 */
class ForeignKeyFamilyTest {
    private static final Actor ADMIN = Actor.admin("acme", "root");
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    private static JobRequest remind(int n) {
        return JobRequest.of("host.remind", Map.of("n", n)).at(LATER).dedupe("host.remind:42");
    }

    @DbTest
    void anotherFamilysKeyEqualToTheNewIdSharesTheWaitingJob(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new TicketPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        Commands commands = OaKitTestAccess.commands(oa);
        commands.execute(CommandSpec.of(ADMIN, "test.remind"), Void.class, ctx -> {
            ctx.schedule(remind(1));
            return null;
        });
        commands.execute(CommandSpec.of(ADMIN, "test.new-ticket-jobs"), Void.class, ctx -> {
            BatchedJobs jobs = new BatchedJobs(ctx, 42);
            jobs.scheduleAll(List.of(remind(2)));
            jobs.flush();
            return null;
        });
        List<String> held = commands.query(h -> h.createQuery(
                        "SELECT payload FROM oa_core_job WHERE dedupe_key = 'host.remind:42' ORDER BY id")
                .mapTo(String.class).list());
        assertThat(held).as("the jobs holding the key").hasSize(1);
        assertThat(held.get(0).replaceAll("[^0-9]", "")).as("the first job, shared").isEqualTo("1");
    }
}

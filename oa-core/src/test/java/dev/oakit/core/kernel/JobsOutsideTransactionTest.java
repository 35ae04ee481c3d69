package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.ConnectionsHeld;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A job handler that calls remote systems runs with no transaction and no pooled connection held by its thread. */
class JobsOutsideTransactionTest {
    private final Actor admin = Actor.admin("acme", "root");

    static final class RemoteCall implements JobHandler, OaPlugin {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "remote";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.jobHandler(this);
        }

        @Override
        public String type() {
            return "test.remote";
        }

        @Override
        public boolean runsInTransaction() {
            return false;
        }

        @Override
        public void handle(JobContext ctx) {
            seen.add("attempt " + ctx.attempt() + ", connections held " + ConnectionsHeld.byThisThread());
            try {
                ctx.handle();
                seen.add("handle given");
            } catch (IllegalStateException e) {
                seen.add("no handle");
            }
            if (ctx.attempt() == 1) {
                throw new IllegalStateException("remote down");
            }
        }
    }

    @DbTest
    void theHandlerHoldsNoConnectionIsRetriedAndItsJobCompletes(TestDatabase db) {
        RemoteCall remote = new RemoteCall();
        OaKit oa = db.start(b -> b.dataSource(ConnectionsHeld.tracking(db.dataSource())).plugin(remote));
        Jobs jobs = oa.service(Jobs.class);
        long id = jobs.schedule(admin, JobRequest.of("test.remote", Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(admin, id).status() == JobStatus.DONE);
        JobInfo done = jobs.get(admin, id);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(remote.seen).containsExactly("attempt 1, connections held 0", "no handle", "attempt 2, connections held 0", "no handle");
    }
}

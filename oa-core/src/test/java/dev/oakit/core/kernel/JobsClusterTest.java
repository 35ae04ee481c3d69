package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several OAKit nodes, each with its own pool, share one database and its job table: every job
 * runs exactly once and none is lost. 10,000 jobs on PostgreSQL, 1,000 on the others.
 */
class JobsClusterTest {
    /** Records each run in the job's own transaction. */
    static final class Recorder implements OaPlugin, JobHandler {
        @Override
        public String id() {
            return "sample";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.migrations("classpath:dev/oakit/core/testplugin/db/migration");
            context.jobHandler(this);
        }

        @Override
        public String type() {
            return "test.record";
        }

        @Override
        public void handle(JobContext ctx) {
            ctx.handle().createUpdate("INSERT INTO oa_sample_seen (tenant_id, what) VALUES (:t, :w)")
                    .bind("t", ctx.tenantId()).bind("w", Long.toString(ctx.jobId())).execute();
        }
    }

    private static long[] counts(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT what) FROM oa_sample_seen")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    @DbTest
    void threeNodesRunEveryJobExactlyOnce(TestDatabase db) throws Exception {
        int total = db.kind() == TestDatabase.Kind.POSTGRESQL ? 10_000 : 1_000;
        Map<String, Object> jobsConfig = Map.of("jobs", Map.of("threads", 4, "pollInterval", "PT0.02S"));
        List<OaKit> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            nodes.add(db.closeLater(dev.oakit.core.OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(db.newPool(6)).plugin(new Recorder())
                    .config("core", jobsConfig).build()));
            if (n == 0) {
                nodes.get(0).start(); // migrate once before the others join
            }
        }
        // schedule while the workers of node 0 already run; the other nodes join mid-way
        Actor admin = Actor.admin("acme", "root");
        dev.oakit.core.spi.Commands commands = dev.oakit.core.internal.boot.OaKitTestAccess.commands(nodes.get(0));
        for (int batch = 0; batch < total / 500; batch++) {
            commands.execute(CommandSpec.of(admin, "test.schedule"), Void.class, ctx -> {
                for (int j = 0; j < 500; j++) {
                    ctx.schedule(JobRequest.of("test.record", Map.of()));
                }
                return null;
            });
            if (batch == 1) {
                nodes.get(1).start();
                nodes.get(2).start();
            }
        }
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> counts(db)[0] >= total);
        Thread.sleep(300); // let any (wrong) duplicate run land
        long[] c = counts(db);
        assertThat(c[0]).as("runs").isEqualTo(total);
        assertThat(c[1]).as("distinct jobs").isEqualTo(total);
        try (Connection con = db.dataSource().getConnection(); Statement s = con.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM oa_core_job WHERE status <> 'DONE'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("jobs not done").isZero();
        }
    }
}

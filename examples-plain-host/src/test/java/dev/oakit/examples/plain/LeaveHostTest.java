package dev.oakit.examples.plain;

import dev.oakit.core.OaKit;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.core.ops.Health;
import dev.oakit.core.ops.HealthCheck;
import dev.oakit.core.ops.HealthStatus;
import dev.oakit.testing.OaKitHostExtension;
import dev.oakit.testing.OaTestKit;
import dev.oakit.workflow.ProcessInstance;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The host's own wiring (LeaveHost.oakit: approvals and metrics) under oa-testing, its meters and health read. */
class LeaveHostTest {
    static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    static JdbcDataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plain-host;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        h2.setUser("sa");
        return h2;
    }

    // tag::host-test[]
    @RegisterExtension
    static OaKitHostExtension oakit = OaKitHostExtension.of(clock -> LeaveHost.oakit(database(), null,
                    new MetricsPlugin(METERS).gaugeRefresh(Duration.ZERO))               // gauges read on every look
                    .clock(clock)                                                        // the test's clock
                    .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.02S"))) // due jobs run soon after it moves
                    .build())
            .definitions(null);                                                          // LeaveHost.setUp deploys

    @BeforeAll
    static void setUp(OaKit oa) {
        LeaveHost.setUp(oa);
    }

    @Test
    void startsAndApprovalsAreTimedAndOpenTasksCounted(OaTestKit kit) {
        long starts = commands("wf.instance.start");
        double open = METERS.get("oakit.workflow.tasks.open").gauge().value();

        ProcessInstance leave = kit.as("alice").start("leave", Map.of("days", 3));
        assertThat(leave).isWaitingAt("manager").hasOpenTaskFor("bob");
        assertThat(commands("wf.instance.start")).isEqualTo(starts + 1);
        assertThat(METERS.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(open + 1);

        kit.as("bob").approve(leave.id(), "enjoy");
        assertThat(leave).isApproved();
        assertThat(commands("wf.task.approve")).isEqualTo(1);
        assertThat(METERS.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(open);
    }
    // end::host-test[]

    @Test
    void healthIsUpWhileTheWorkersRunAndTheDeadlineFiresOnTheTestClock(OaTestKit kit) {
        Health health = kit.service(HealthCheck.class).check();
        assertThat(health.status()).as(health.toString()).isEqualTo(HealthStatus.UP);
        assertThat(health.checks()).containsKeys("database", "migrations", "workers", "deadJobs");

        ProcessInstance leave = kit.as("alice").start("leave", Map.of("days", 1));
        kit.advance(Duration.ofHours(9));
        assertThat(leave).hasTimelineEntry("reminded");
    }

    private static long commands(String command) {
        Timer t = METERS.find("oakit.commands").tag("command", command).tag("outcome", "ok").timer();
        return t == null ? 0 : t.count();
    }
}

package dev.oakit.spring;

import dev.oakit.core.Actor;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With Spring Boot Actuator on the class path: OAKit's meters on the application's MeterRegistry, its health as an indicator. */
class MetricsAndHealthTest {
    @DbTest
    void commandsAreTimedOnTheActuatorsRegistryAndOpenTasksAreAGaugeAndHealthIsAnIndicator(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = SpringBootStarterTest.boot(db, "oakit.metrics.gauge-refresh=0s");
        MeterRegistry registry = ctx.getBean(MeterRegistry.class);
        assertThat(ctx.getBeansOfType(MetricsPlugin.class)).hasSize(1);
        SpringBootStarterTest.seed(ctx);

        long id = ctx.getBean(HostApp.LeaveDesk.class).request("alice", 2, false);
        assertThat(commands(registry, "wf.instance.start")).isEqualTo(1);
        assertThat(registry.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(1.0);

        ctx.getBean(Approvals.class).approve(Actor.of(HostApp.TENANT, "bob"), SpringBootStarterTest.todoOf(ctx, "bob", id).id(), Decision.none());
        assertThat(commands(registry, "wf.task.approve")).isEqualTo(1);
        assertThat(registry.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(0.0);

        HealthIndicator health = ctx.getBean("oakitHealthIndicator", HealthIndicator.class);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("oakit", "UP").containsKeys("database", "migrations", "workers", "deadJobs");
        ctx.close();
        assertThat(health.health().getStatus()).as("a closed OAKit").isEqualTo(Status.DOWN);
    }

    @DbTest
    void theHostSwitchesMetricsAndTheIndicatorOff(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = SpringBootStarterTest.boot(db, "oakit.metrics.enabled=false", "management.health.oakit.enabled=false");
        assertThat(ctx.getBeansOfType(MetricsPlugin.class)).isEmpty();
        assertThat(ctx.containsBean("oakitHealthIndicator")).isFalse();
        SpringBootStarterTest.seed(ctx);
        ctx.getBean(HostApp.LeaveDesk.class).request("alice", 2, false);
        assertThat(ctx.getBean(MeterRegistry.class).find("oakit.commands").timers()).isEmpty();
    }

    private static long commands(MeterRegistry registry, String command) {
        Timer t = registry.find("oakit.commands").tag("command", command).tag("outcome", "ok").timer();
        return t == null ? 0 : t.count();
    }
}

package dev.oakit.workflow.ops;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.time.Duration;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Micrometer binding on a real OAKit: command timers by action and outcome, and the task gauges. */
class WorkflowMetricsTest {

    private static WorkflowFixture start(TestDatabase db, SimpleMeterRegistry meters, ManualClock clock, Duration refresh) {
        OaKit oa = db.closeLater(db.builder().clock(clock).plugin(new WorkflowPlugin())
                .plugin(new MetricsPlugin(meters).gaugeRefresh(refresh)).build().start());
        return new WorkflowFixture(oa);
    }

    private static long count(SimpleMeterRegistry meters, String command, String outcome, String error) {
        Timer t = meters.find("oakit.commands").tag("command", command).tag("outcome", outcome).tag("error", error).timer();
        return t == null ? 0 : t.count();
    }

    @DbTest
    void aLeaveApprovalCountsItsCommandsByActionAndOutcome(TestDatabase db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WorkflowFixture f = start(db, meters, new ManualClock(), Duration.ZERO);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long startsBefore = count(meters, "wf.instance.start", "ok", "none");

        ProcessInstance pi = f.start("alice", "leave", days(5));
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        f.approvals.approve(user("carol"), f.todoOf("carol", pi.id()).id(), Decision.none());

        assertThat(count(meters, "wf.instance.start", "ok", "none") - startsBefore).isEqualTo(1);
        assertThat(count(meters, "wf.task.approve", "ok", "none")).isEqualTo(2);
        assertThat(meters.find("oakit.commands").tag("command", "wf.task.approve").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
    }

    @DbTest
    void aRefusedCommandCountsAsAnErrorWithItsCode(TestDatabase db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WorkflowFixture f = start(db, meters, new ManualClock(), Duration.ZERO);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(2));
        Task task = f.todoOf("bob", pi.id());

        ForbiddenException refused = catchThrowableOfType(ForbiddenException.class,
                () -> f.approvals.approve(user("dave"), task.id(), Decision.none()));

        assertThat(count(meters, "wf.task.approve", "error", refused.code())).isEqualTo(1);
        assertThat(count(meters, "wf.task.approve", "ok", "none")).isZero();
    }

    @DbTest
    void openAndOverdueTaskGaugesFollowTheTasksAndAreReadAtMostOncePerInterval(TestDatabase db) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ManualClock clock = new ManualClock();
        WorkflowFixture f = start(db, meters, clock, Duration.ofSeconds(30));
        f.definitions.deploy(f.admin, WorkflowFixture.single("quick", a -> a.approver(ApproverRule.manager(1)).deadline(Deadline.of("PT2H"))));
        assertThat(gauge(meters, "oakit.workflow.tasks.open")).isZero();

        ProcessInstance one = f.start("alice", "quick", days(1));
        f.start("dave", "quick", days(1));
        // cached: the gauges were read less than 30 s ago
        assertThat(gauge(meters, "oakit.workflow.tasks.open")).isZero();

        clock.advance(Duration.ofSeconds(30));
        assertThat(gauge(meters, "oakit.workflow.tasks.open")).isEqualTo(2);
        assertThat(gauge(meters, "oakit.workflow.tasks.overdue")).isZero();

        clock.advance(Duration.ofHours(3));
        assertThat(gauge(meters, "oakit.workflow.tasks.overdue")).isEqualTo(2);

        f.approvals.approve(user("bob"), f.todoOf("bob", one.id()).id(), Decision.none());
        clock.advance(Duration.ofSeconds(30));
        assertThat(gauge(meters, "oakit.workflow.tasks.open")).isEqualTo(1);
        assertThat(gauge(meters, "oakit.workflow.tasks.overdue")).isEqualTo(1);
    }

    @DbTest
    void commandsAreObservedWhenTheHostGivesAnObservationRegistry(TestDatabase db) {
        ObservationRegistry observations = ObservationRegistry.create();
        java.util.List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context.getName() + " " + context.getLowCardinalityKeyValue("command").getValue()
                        + " " + context.getLowCardinalityKeyValue("outcome").getValue());
            }
        });
        OaKit oa = db.closeLater(db.builder().plugin(new WorkflowPlugin())
                .plugin(new MetricsPlugin(new SimpleMeterRegistry()).observations(observations)).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        f.start("alice", "leave", days(2));

        assertThat(stopped).contains("oakit.command wf.instance.start ok");
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.get(name).gauge().value();
    }
}

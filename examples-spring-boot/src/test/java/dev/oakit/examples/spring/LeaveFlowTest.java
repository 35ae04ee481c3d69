package dev.oakit.examples.spring;

import dev.oakit.testing.base.TestClock;
import dev.oakit.testing.OaTestKit;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.testing.spring.OaKitSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.LocalDate;

import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example host's leave flow under oa-testing: the starter's OAKit on a TestClock, assertions on what the engine
 * holds, acting as users, a deadline fired by moving the clock, and OAKit's meters and health read from Actuator.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:leave-flow;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64", // not LeaveHostTest's database
        "oakit.metrics.gauge-refresh=0s"})                                                 // gauges read on every look
// tag::flow-test[]
@SpringBootTest
@OaKitSpringTest
class LeaveFlowTest {
    @Autowired
    OaTestKit kit;                    // over the starter's OAKit, on a TestClock
    @Autowired
    LeaveRequests leaveRequests;      // the host's own service
    @Autowired
    MeterRegistry meters;             // Actuator's

    @Test
    void theManagerApprovesAShortLeave() {
        long id = leaveRequests.request("alice", LocalDate.of(2026, 12, 21), 3);
        assertThatInstance(id).isWaitingAt("manager").hasOpenTaskFor("bob");

        kit.as("bob").approve(id, "enjoy");
        assertThatInstance(id).isApproved();
        assertThat(meters.get("oakit.commands").tag("command", "wf.task.approve").tag("outcome", "ok").timer().count())
                .isPositive();
    }
// end::flow-test[]

    @Autowired
    HealthEndpoint health;

    @Test
    void aLeaveLeftWaitingPastItsDeadlineRemindsTheManager() {
        long id = leaveRequests.request("alice", LocalDate.of(2026, 12, 28), 2);
        kit.runDueJobs();
        assertThat(kit.service(ApprovalQueries.class).detail(kit.admin(), id).timeline()).extracting(HistoryEntry::action)
                .as("nothing fires before its time").doesNotContain("reminded");

        kit.advance(Duration.ofDays(3));   // past 8 working hours and the hour after: the reminder job falls due and runs
        assertThatInstance(id).isWaitingAt("manager").hasTimelineEntry("reminded");
    }

    @Test
    void startsAndApprovalsAreTimedAndOpenTasksCountedOnActuatorsRegistry() {
        long starts = commands("wf.instance.start");
        long approvals = commands("wf.task.approve");
        double open = meters.get("oakit.workflow.tasks.open").gauge().value();

        long id = leaveRequests.request("alice", LocalDate.of(2027, 1, 4), 1);
        assertThat(commands("wf.instance.start")).isEqualTo(starts + 1);
        assertThat(meters.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(open + 1);

        kit.as("bob").approve(id, null);
        assertThat(commands("wf.task.approve")).isEqualTo(approvals + 1);
        assertThat(meters.get("oakit.workflow.tasks.open").gauge().value()).isEqualTo(open);
    }

    @Test
    void oakitIsAHealthIndicatorOfActuator() {
        assertThat(health.healthForPath("oakit").getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private long commands(String command) {
        var timer = meters.find("oakit.commands").tag("command", command).tag("outcome", "ok").timer();
        return timer == null ? 0 : timer.count();
    }
}

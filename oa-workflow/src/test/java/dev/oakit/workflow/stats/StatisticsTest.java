package dev.oakit.workflow.stats;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalStatistics;
import dev.oakit.workflow.ApprovalStatistics.HandlerStats;
import dev.oakit.workflow.ApprovalStatistics.Period;
import dev.oakit.workflow.ApprovalStatistics.ProcessStats;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.TestClock;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.deadline.DeadlineTest;

import java.time.Duration;
import java.time.Instant;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statistics per user, department and process on the database matrix, with handling times in working time. */
class StatisticsTest {
    @DbTest
    void handlingTimesInWorkingTimeOverdueUrgesAndCycleTimes(TestDatabase db) {
        TestClock clock = new TestClock(); // Monday 10:00 in Shanghai
        WorkflowFixture f = DeadlineTest.start(db, clock);
        ProcessDefinition leave = WorkflowFixture.leave();
        f.definitions.deploy(f.admin, new ProcessDefinition(leave.key(), leave.name(), null, leave.form(), leave.nodes(), leave.routes(),
                Deadline.of("P1D").calendar("cn")));
        long a = f.start("alice", "leave", days(1)).id();
        long b = f.start("alice", "leave", days(1)).id();
        long c = f.start("alice", "leave", days(1)).id();
        f.approvals.urge(user("alice"), c, Decision.none());

        clock.advance(Duration.ofMinutes(30));
        f.approvals.reject(user("bob"), f.todoOf("bob", c).id(), Decision.none());          // 30 min
        clock.advance(Duration.ofMinutes(30));
        f.approvals.approve(user("bob"), f.todoOf("bob", a).id(), Decision.none());         // 1 h
        clock.set(Instant.parse("2026-11-24T04:00:00Z"));                                     // Tuesday 12:00
        f.approvals.approve(user("bob"), f.todoOf("bob", b).id(), Decision.none());         // 10 working hours, 2 h late

        ApprovalStatistics stats = f.oa.service(ApprovalStatistics.class);
        Period period = Period.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));
        HandlerStats bob = new HandlerStats("bob", 3, Duration.ofHours(1), Duration.ofHours(10), 1, 1);
        assertThat(stats.byUser(f.admin, period)).containsExactly(bob);
        assertThat(stats.byDepartment(f.admin, period)).containsExactly(new HandlerStats("eng", 3, Duration.ofHours(1),
                Duration.ofHours(10), 1, 1));
        assertThat(stats.byProcess(f.admin, period)).containsExactly(new ProcessStats("leave", 3, 2, 1, Duration.ofHours(1), "manager",
                Duration.ofMinutes((30 + 60 + 600) / 3)));
        assertThat(stats.byUser(f.admin, new Period(period.from(), period.until(), "other"))).isEmpty();
        assertThat(stats.byUser(f.admin, Period.of(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"))))
                .isEmpty();
        assertThatThrownBy(() -> stats.byUser(user("bob"), period)).isInstanceOf(ForbiddenException.class);
    }
}

package dev.oakit.workflow.stats;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.HostDirectoryPlugin;
import dev.oakit.core.directory.InMemoryDirectory;
import dev.oakit.core.directory.User;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.ApprovalStatistics;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ApprovalStatistics.HandlerStats;
import dev.oakit.workflow.ApprovalStatistics.Period;
import dev.oakit.workflow.ApprovalStatistics.ProcessStats;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.deadline.DeadlineTest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statistics per user, department and process on the database matrix, with handling times in working time. */
class StatisticsTest {
    @DbTest
    void handlingTimesInWorkingTimeOverdueUrgesAndCycleTimes(TestDatabase db) {
        ManualClock clock = new ManualClock(); // Monday 10:00 in Shanghai
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

    /**
     * With the host's own directory, departments are the host's: OAKit's membership table (here
     * saying everyone is in "eng") is not asked. The percentiles are the department's own, over all
     * its members' handling times, not combined from each member's.
     */
    @DbTest
    void byDepartmentGroupsByTheDirectoryProvidersPrimaryDepartments(TestDatabase db) {
        InMemoryDirectory host = new InMemoryDirectory("acme")
                .user(User.of("alice", "Alice")).user(User.of("bob", "Bob")).user(User.of("dave", "Dave"))
                .user(User.of("carol", "Carol")).user(User.of("erin", "Erin"))
                .department(Department.root("corp", "Corp")).department(Department.of("sales", "corp", "Sales"))
                .department(Department.of("support", "corp", "Support"))
                .member("bob", "sales", true).member("dave", "sales", true).member("carol", "support", true)
                .member("carol", "sales", false).member("alice", "support", true);
        ManualClock clock = new ManualClock();
        OaKit oa = db.closeLater(db.builder().clock(clock).calendar(DeadlineTest.CN).plugin(new WorkflowPlugin())
                .plugin(new HostDirectoryPlugin(host)).build().start());
        Actor admin = Actor.admin("acme", "root");
        // OAKit's own tables disagree: everyone in "eng"
        Directory own = oa.service(Directory.class);
        DirectorySeed.of(own, admin).department("eng", null, "Engineering").users("bob", "dave", "carol", "erin")
                .members("eng", "bob", "dave", "carol", "erin");
        Approvals approvals = oa.service(Approvals.class);
        ProcessDefinitions definitions = oa.service(ProcessDefinitions.class);
        for (String u : List.of("bob", "dave", "carol", "erin")) {
            definitions.deploy(admin, WorkflowFixture.single("ask-" + u, a -> a.approver(ApproverRule.users(u))));
        }
        // minutes after the start at which each approver decides: bob 10, 40, 50; dave 20, 30; carol 25;
        // erin (in no department of the host) 15
        Map<Long, String> deciders = new LinkedHashMap<>();
        Map<Integer, Long> at = new java.util.TreeMap<>();
        for (Object[] d : new Object[][]{{"bob", 10}, {"bob", 40}, {"bob", 50}, {"dave", 20}, {"dave", 30}, {"carol", 25}, {"erin", 15}}) {
            long id = approvals.start(user("alice"), StartRequest.of("ask-" + d[0], days(1))).id();
            deciders.put(id, (String) d[0]);
            at.put((Integer) d[1], id);
        }
        ApprovalQueries queries = oa.service(ApprovalQueries.class);
        Instant start = clock.instant();
        at.forEach((minute, id) -> {
            clock.set(start.plus(Duration.ofMinutes(minute)));
            String u = deciders.get(id);
            long task = queries.todo(user(u), TodoQuery.firstPage()).stream().filter(t -> t.instanceId() == id).findFirst()
                    .orElseThrow().id();
            approvals.approve(user(u), task, Decision.none());
        });

        ApprovalStatistics stats = oa.service(ApprovalStatistics.class);
        Period period = Period.of(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)));
        // sales: 10, 20, 30, 40, 50 minutes: median 30 (no member's own: bob's is 40, dave's 20), p90 50
        assertThat(stats.byDepartment(admin, period)).containsExactly(
                new HandlerStats("sales", 5, Duration.ofMinutes(30), Duration.ofMinutes(50), 0, 0),
                new HandlerStats("support", 1, Duration.ofMinutes(25), Duration.ofMinutes(25), 0, 0));
        assertThat(stats.byUser(admin, period)).extracting(HandlerStats::id).containsExactly("bob", "carol", "dave", "erin");
    }
}

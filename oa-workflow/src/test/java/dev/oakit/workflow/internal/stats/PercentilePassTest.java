package dev.oakit.workflow.internal.stats;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalStatistics.Period;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics count per group in one statement and rank handling times in a second one; each
 * statement has its own snapshot, so a handler whose first decision commits between the two
 * appears only in the second. The percentile pass leaves such a group out (it used to fail on it).
 */
class PercentilePassTest {
    @DbTest(only = TestDatabase.Kind.H2)
    void aGroupDecidedAfterTheCountingStatementIsLeftOut(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin())));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long pi = f.start("alice", "leave", days(1)).id();
        f.approvals.approve(user("bob"), f.todoOf("bob", pi).id(), Decision.none());
        Period all = Period.of(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));

        Map<String, Duration[]> counted = Jdbi.create(db.dataSource()).withHandle(h -> StatisticsService.percentiles(h, f.admin, all,
                Map.of("bob", "bob"), Map.of("bob", new long[]{1, 0, 0, 1})));
        assertThat(counted).containsOnlyKeys("bob");
        assertThat(counted.get("bob")[0]).isNotNull();

        Map<String, Duration[]> notCountedYet = Jdbi.create(db.dataSource()).withHandle(h -> StatisticsService.percentiles(h, f.admin, all,
                Map.of("bob", "bob"), Map.of()));
        assertThat(notCountedYet).isEmpty();

        Map<String, Duration[]> noGroup = Jdbi.create(db.dataSource()).withHandle(h -> StatisticsService.percentiles(h, f.admin, all,
                Map.of(), Map.of("bob", new long[]{1, 0, 0, 1})));
        assertThat(noGroup).as("a user in no group (no primary department) is left out").isEmpty();
    }
}

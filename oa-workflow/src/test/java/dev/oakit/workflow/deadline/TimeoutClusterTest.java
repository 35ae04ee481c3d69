package dev.oakit.workflow.deadline;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two OAKit nodes on one PostgreSQL database run the ladder's jobs: every auto-action happens exactly once. */
class TimeoutClusterTest {
    @DbTest(only = TestDatabase.Kind.POSTGRESQL)
    void twoNodesApproveEachOverdueTaskExactlyOnce(TestDatabase db) {
        ManualClock clock = new ManualClock();
        Map<String, Object> core = Map.of("jobs", Map.of("pollInterval", "PT0.02S", "threads", 4));
        OaKit one = db.closeLater(db.builder().clock(clock).plugin(new WorkflowPlugin()).config("core", core).build().start());
        OaKit two = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(db.newPool(6)).clock(clock).plugin(new WorkflowPlugin())
                .config("core", core).build().start());
        WorkflowFixture f = new WorkflowFixture(one);
        f.definitions.deploy(f.admin, WorkflowFixture.single("race", a -> a.approver(ApproverRule.manager(1)).deadline(
                Deadline.of("PT1H").timeouts(Timeout.remind("-PT30M", "PT10M", 3), Timeout.at("PT0S", Timeout.Action.AUTO_APPROVE)))));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(f.start("alice", "race", days(1)).id());
        }
        ApprovalQueries queries = two.service(ApprovalQueries.class);
        for (int minutes = 10; minutes <= 80; minutes += 10) {
            clock.advance(Duration.ofMinutes(10));
            OaKitTestAccess.worker(one).wakeUp();
            OaKitTestAccess.worker(two).wakeUp();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> f.status(id) == InstanceStatus.APPROVED));
        for (long id : ids) {
            List<String> actions = queries.detail(f.admin, id).timeline().stream().map(HistoryEntry::action).toList();
            assertThat(actions).as("instance %s", id).containsOnlyOnce("auto-approved", "ended");
            assertThat(actions.stream().filter("reminded"::equals).count()).as("instance %s", id).isLessThanOrEqualTo(3);
        }
    }
}

package dev.oakit.workflow.deadline;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over random caps, intervals and decision times (embedded H2, real job workers, a hand-moved
 * clock): reminders never fire after the task ended, and never more often than the cap.
 */
class LadderPropertiesTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static OaKit oa;
    private static WorkflowFixture f;
    private static int processes;

    @BeforeContainer
    static void boot() throws Exception {
        oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataDirectory(Files.createTempDirectory("wf-ladder")).clock(CLOCK).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.02S"))).build().start();
        f = new WorkflowFixture(oa);
    }

    @AfterContainer
    static void close() {
        oa.close();
    }

    /** Moves the clock by ten minutes and waits until no job is due any more. */
    private static void step() {
        CLOCK.advance(Duration.ofMinutes(10));
        OaKitTestAccess.worker(oa).wakeUp();
        Commands commands = OaKitTestAccess.commands(oa);
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.query(h -> h.createQuery(
                        "SELECT COUNT(*) FROM oa_core_job WHERE status IN ('READY', 'RUNNING') AND due_at <= :now")
                .bind("now", java.time.LocalDateTime.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC)).mapTo(Long.class).one()) == 0);
    }

    @Property(tries = 12)
    void remindersStopWhenTheTaskEndsAndNeverExceedTheCap(@ForAll @IntRange(min = 1, max = 5) int times,
                                                          @ForAll @IntRange(min = 1, max = 3) int everySteps,
                                                          @ForAll @IntRange(min = 0, max = 12) int decideAfterSteps) {
        String key = "ladder" + (++processes);
        f.definitions.deploy(f.admin, WorkflowFixture.single(key, a -> a.approver(ApproverRule.manager(1)).deadline(
                Deadline.of("PT1H").timeouts(Timeout.remind("-PT30M", "PT" + (10 * everySteps) + "M", times)))));
        long id = f.start("alice", key, days(1)).id();
        for (int s = 0; s < 14; s++) {
            if (s == decideAfterSteps) {
                f.approvals.approve(user("bob"), f.todoOf("bob", id).id(), Decision.none());
            }
            step();
        }
        List<String> timeline = f.queries.detail(f.admin, id).timeline().stream().map(HistoryEntry::action).toList();
        long reminders = timeline.stream().filter("reminded"::equals).count();
        assertThat(timeline.lastIndexOf("reminded")).as("no reminder after the decision").isLessThan(timeline.indexOf("approved"));
        assertThat(reminders).isLessThanOrEqualTo(times);
        // the first reminder is due 30 minutes in, then one every interval while the task is open
        int k = decideAfterSteps;
        assertThat(reminders).isEqualTo(k < 3 ? 0 : Math.min(times, 1 + (k - 3) / everySteps));
    }
}

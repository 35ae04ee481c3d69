package dev.oakit.testing;

import dev.oakit.core.directory.Directory;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.oakit.testing.OaAssertions.assertThat;
import static dev.oakit.testing.OaAssertions.assertThatInstance;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What tests of flows that go on apart from the test's thread need (connectors, jobs on real time, other nodes):
 * waiting for a user's task, timeline comments, and a kit over an OAKit on a clock of its own.
 */
@OaKitTest(plugins = WorkflowPlugin.class)
class OwnModulesHelpersTest {
    OaTestKit kit;

    @BeforeAll
    static void organisation(Directory directory, OaTestKit kit) {
        LeaveApprovalTest.organisation(directory, kit); // the documented leave test's sales team with its director
    }

    @Test
    void aTaskThatComesFromAnotherThreadIsAwaitedThenActedOn() throws Exception {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 5));
        CompletableFuture<Void> manager = CompletableFuture.runAsync(() -> {
            sleep(300);
            kit.as("wang.fang").approve(leave.id(), "ok");
        });

        kit.as("zhang.wei").awaitOpenTask(leave.id(), Duration.ofSeconds(20)).reject(leave.id(), "not this month");
        manager.get(20, TimeUnit.SECONDS);
        assertThat(kit, leave).isRejected();
    }

    @Test
    void aTaskThatDoesNotComeFailsNamingTheOpenTasks() {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 5));

        assertThatThrownBy(() -> kit.as("zhang.wei").awaitOpenTask(leave.id(), Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("zhang.wei got no open task of instance " + leave.id() + " within PT0.2S")
                .hasMessageContaining("open tasks [manager → wang.fang");
    }

    @Test
    void aTimelineCommentIsFoundByItsPartsAndAMissingOneNamesTheComments() {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 2));
        kit.as("wang.fang").approve(leave.id(), "ok, enjoy the family visit");

        assertThatInstance(kit, leave.id()).hasTimelineComment("ok", "family visit").isApproved();
        assertThatThrownBy(() -> assertThatInstance(kit, leave.id()).hasTimelineComment("ok", "holiday"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a timeline comment containing [ok, holiday]")
                .hasMessageContaining("ok, enjoy the family visit");
    }

    @Test
    void aKitOverAnOakitOnItsOwnClockActsAndAssertsButDoesNotMoveTime() {
        OaTestKit own = OaKitHostExtension.kit(kit.oa(), null, kit.tenant(), null);
        ProcessInstance leave = own.as("li.lei").start("leave", Map.of("days", 2));
        assertThatInstance(own, leave.id()).isWaitingAt("manager").hasOpenTaskFor("wang.fang");

        assertThatThrownBy(own::runDueJobs).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build OAKit on a TestClock").hasMessageContaining("OaKitHostExtension.kit(oa, clock, tenant, dataSource)");
        assertThatThrownBy(() -> own.advance(Duration.ofHours(1))).isInstanceOf(IllegalStateException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

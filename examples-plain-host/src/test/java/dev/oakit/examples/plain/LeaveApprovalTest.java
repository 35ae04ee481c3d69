package dev.oakit.examples.plain;

import dev.oakit.core.directory.Directory;
import dev.oakit.testing.OaKitTest;
import dev.oakit.testing.OaTestKit;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;

/** The host's leave process, deployed by oa-testing from the host's own class path, on a fresh H2 per class. */
// tag::plain-test[]
@OaKitTest(plugins = WorkflowPlugin.class) // deploys src/main/resources/oakit/processes/leave.yaml
class LeaveApprovalTest {
    OaTestKit kit;

    @BeforeAll
    static void organisation(Directory directory, OaTestKit kit) {
        LeaveHost.seedOrganisation(directory, kit.admin()); // the host's own seeding code
    }

    @Test
    void aShortLeaveNeedsTheManagerOnly() {
        ProcessInstance leave = kit.as("alice").start("leave", Map.of("days", 3));
        assertThat(leave).isWaitingAt("manager").hasOpenTaskFor("bob");

        kit.as("bob").approve(leave.id(), "enjoy");
        assertThat(leave).isApproved();
    }

    @Test
    void aRequestLeftWaitingRemindsTheManager() {
        ProcessInstance leave = kit.as("alice").start("leave", Map.of("days", 2));
        kit.advance(Duration.ofHours(8));        // at the deadline: the reminder is due an hour later
        assertThat(leave).isWaitingAt("manager");

        kit.advance(Duration.ofHours(1));
        assertThat(leave).hasTimelineEntry("reminded").hasOpenTaskFor("bob");
    }
// end::plain-test[]

    @Test
    void aLongLeaveGoesOnToTheDirector() {
        ProcessInstance leave = kit.as("alice").start("leave", Map.of("days", 12));
        kit.as("bob").approve(leave.id(), null);
        assertThat(leave).isWaitingAt("director").hasOpenTaskFor("carol").hasNoOpenTaskFor("bob");

        kit.as("carol").reject(leave.id(), "not in December");
        assertThat(leave).isRejected();
    }
}

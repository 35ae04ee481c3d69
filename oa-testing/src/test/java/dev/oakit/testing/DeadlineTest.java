package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import dev.oakit.core.OaKit;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A definition given in Java, a fresh OAKit per method, and a timeout ladder fired by moving the clock. */
class DeadlineTest {
    // tag::deadline-test[]
    @RegisterExtension
    OaKitExtension oakit = OaKitExtension.builder() // an instance field: a fresh H2 and OAKit per test method
            .plugin(WorkflowPlugin::new)
            .definitions(null)                       // no class-path folder: the definition below only
            .definition(DeadlineTest::expense)
            .build();

    /** start → manager (due in 2 working hours, approved automatically 8 working hours after) → end. */
    static ProcessDefinition expense() {
        return ProcessDefinition.builder("expense").form(FormSchema.builder("expense").number("amount", f -> f.required()).build())
                .start("start")
                .approval("manager", a -> a.approver(ApproverRule.manager(1)).deadline(Deadline.of("PT2H").timeouts(
                        Timeout.at("PT8H", Timeout.Action.AUTO_APPROVE))))
                .end("end").chain("start", "manager", "end").build();
    }

    @Test
    void theLadderFiresAsTheClockMoves(OaTestKit kit) {
        ProcessInstance claim = kit.as("li.lei").start("expense", Map.of("amount", 120));
        assertThat(claim).isWaitingAt("manager").hasOpenTaskFor("wang.fang");

        kit.advance(Duration.ofDays(1));        // moves the TestClock, then runs the jobs that fell due
        assertThat(claim).hasTimelineEntry("auto-approved").isApproved();
    }
    // end::deadline-test[]

    @Test
    void nothingFiresBeforeItsTime(OaTestKit kit, TestClock clock, OaKit oa) {
        assertThat(oa).isSameAs(kit.oa());
        assertThat(clock).isSameAs(kit.clock());
        ProcessInstance claim = kit.as("li.lei").start("expense", Map.of("amount", 120));
        kit.runDueJobs();
        clock.advance(Duration.ofMinutes(10));
        kit.runDueJobs();
        OaAssertions.assertThat(claim).isWaitingAt("manager").isRunning();
    }

    @BeforeEach
    void organisation(OaTestKit kit) {
        SalesTeam.seed(kit);
    }
}

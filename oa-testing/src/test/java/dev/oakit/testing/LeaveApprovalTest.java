package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import dev.oakit.core.Actor;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.Role;
import dev.oakit.core.directory.User;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// tag::leave-test[]
@OaKitTest(plugins = WorkflowPlugin.class) // deploys src/test/resources/oakit/processes/leave.yaml
class LeaveApprovalTest {
    OaTestKit kit; // injected, as are OaKit, TestClock, DataSource and services

    @BeforeAll
    static void organisation(Directory directory, OaTestKit kit) {
        Actor admin = kit.admin();
        directory.createDepartment(admin, Department.root("sales", "Sales"));
        for (String user : new String[] {"li.lei", "wang.fang", "zhang.wei"}) {
            directory.createUser(admin, User.of(user, user));
            directory.saveMembership(admin, Membership.primary(user, "sales"));
        }
        directory.updateDepartment(admin, directory.department(admin, "sales").withHead("wang.fang"));
        directory.saveRole(admin, new Role("director", "Director"));
        directory.assignRole(admin, "zhang.wei", "director");
    }

    @Test
    void aShortLeaveNeedsTheManagerOnly() {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 2, "reason", "family"));
        assertThat(leave).isWaitingAt("manager").hasOpenTaskFor("wang.fang");

        kit.as("wang.fang").approve(leave.id(), "ok");
        assertThat(leave).isApproved();
    }

    @Test
    void aLongLeaveGoesOnToTheDirector() {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 5));
        kit.as("wang.fang").approve(leave.id(), "ok");
        assertThat(leave).isWaitingAt("director").hasOpenTaskFor("zhang.wei").hasNoOpenTaskFor("wang.fang");

        kit.as("zhang.wei").reject(leave.id(), "not this month");
        assertThat(leave).isRejected();
    }
// end::leave-test[]

    @Test
    void aFailedCheckSaysWhatWasExpectedAndWhatTheEngineHolds(ApprovalQueries queries) {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 5));
        long task = queries.detail(kit.admin(), leave.id()).tasks().get(0).id();

        assertThatThrownBy(() -> assertThat(leave).isWaitingAt("director"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected instance " + leave.id() + " to be waiting at [director], but the engine holds instance "
                        + leave.id() + " of 'leave': status RUNNING, active nodes [manager], open tasks [manager → wang.fang (task " + task + ")]");
        assertThatThrownBy(() -> assertThat(leave).hasOpenTaskFor("zhang.wei"))
                .hasMessageContaining("to have an open task for zhang.wei").hasMessageContaining("manager → wang.fang");
        assertThatThrownBy(() -> kit.as("zhang.wei").approve(leave.id(), "ok"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("zhang.wei has no open task of instance " + leave.id())
                .hasMessageContaining("open tasks [manager → wang.fang");
        assertThatThrownBy(() -> assertThat(leave).isApproved()).hasMessageContaining("to have status APPROVED")
                .hasMessageContaining("status RUNNING");
    }
}

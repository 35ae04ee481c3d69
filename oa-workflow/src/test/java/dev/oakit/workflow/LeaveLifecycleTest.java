package dev.oakit.workflow;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaveLifecycleTest {
    @DbTest
    void longLeaveGoesThroughManagerAndDirector(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        assertThat(pi.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(pi.activeNodes()).containsExactly("manager");
        assertThat(pi.form()).doesNotContainKey("hrNote").containsEntry("days", 5.0);

        Task managerTask = f.todoOf("bob", pi.id());
        assertThat(managerTask.nodeName()).isEqualTo("直属上级");
        assertThatThrownBy(() -> f.approvals.approve(user("dave"), managerTask.id(), Decision.comment("not mine")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its assignee 'bob'");
        f.approvals.approve(user("bob"), managerTask.id(), Decision.comment("同意"));

        Task directorTask = f.todoOf("carol", pi.id());
        assertThat(f.todos("bob")).isEmpty();
        f.approvals.approve(user("carol"), directorTask.id(), Decision.comment("ok"));

        InstanceDetail d = f.queries.detail(user("alice"), pi.id());
        assertThat(d.instance().status()).isEqualTo(InstanceStatus.APPROVED);
        assertThat(d.instance().endedAt()).isNotNull();
        assertThat(d.timeline()).extracting(HistoryEntry::action).containsExactly("started", "approved", "approved", "ended");
        assertThat(d.timeline().get(1).comment()).isEqualTo("同意");
        assertThat(f.queries.done(user("bob"), TodoQuery.firstPage())).extracting(Task::id).containsExactly(managerTask.id());
        assertThat(f.queries.startedBy(user("alice"), TodoQuery.firstPage())).extracting(ProcessInstance::id).containsExactly(pi.id());
    }

    @DbTest
    void shortLeaveSkipsTheDirectorAndARejectionEndsIt(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance shortOne = f.start("alice", "leave", days(2));
        f.approvals.approve(user("bob"), f.todoOf("bob", shortOne.id()).id(), Decision.none());
        assertThat(f.status(shortOne.id())).isEqualTo(InstanceStatus.APPROVED);
        assertThat(f.todos("carol")).isEmpty();

        ProcessInstance rejected = f.start("alice", "leave", days(10));
        f.approvals.reject(user("bob"), f.todoOf("bob", rejected.id()).id(), Decision.comment("项目上线期间"));
        assertThat(f.status(rejected.id())).isEqualTo(InstanceStatus.REJECTED);
        assertThat(f.todos("carol")).isEmpty();
    }

    @DbTest
    void aTaskIdOfAnotherTenantIsNotFoundAndChangesNothing(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        Task t = f.todoOf("bob", pi.id());
        // the engine finds a task's instance by the task's key and checks the tenant on the instance
        assertThatThrownBy(() -> f.approvals.approve(dev.oakit.core.Actor.of("globex", "bob"), t.id(), Decision.none()))
                .isInstanceOf(dev.oakit.core.NotFoundException.class).hasMessageContaining("task " + t.id())
                .hasMessageContaining("globex");
        assertThatThrownBy(() -> f.approvals.approve(dev.oakit.core.Actor.admin("globex", "root"), t.id(), Decision.none()))
                .isInstanceOf(dev.oakit.core.NotFoundException.class);
        assertThat(f.todoOf("bob", pi.id()).id()).isEqualTo(t.id());
        assertThat(f.queries.detail(user("alice"), pi.id()).timeline()).extracting(HistoryEntry::action).containsExactly("started");
    }
}

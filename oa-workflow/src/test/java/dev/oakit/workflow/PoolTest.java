package dev.oakit.workflow;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node that offers one task to a role pool: claim, release, decide. */
class PoolTest {
    static ProcessDefinition financePool() {
        return WorkflowFixture.single("reimburse", a -> a.name("财务审核").approver(ApproverRule.role("finance")).pool());
    }

    @DbTest
    void oneCandidateClaimsTheOthersCannotAndAReleaseOffersItAgain(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, financePool());
        ProcessInstance pi = f.start("alice", "reimburse", days(1));

        for (String candidate : List.of("fay", "gus", "hal")) {
            assertThat(f.queries.pool(user(candidate), TodoQuery.firstPage())).extracting(Task::instanceId).containsExactly(pi.id());
            assertThat(f.todos(candidate)).isEmpty();
        }
        long taskId = f.queries.pool(user("fay"), TodoQuery.firstPage()).get(0).id();
        assertThatThrownBy(() -> f.approvals.approve(user("fay"), taskId, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("claims it first");
        assertThatThrownBy(() -> f.approvals.claim(user("dave"), taskId, Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("[fay, gus, hal]");

        f.approvals.claim(user("fay"), taskId, Decision.none());
        assertThatThrownBy(() -> f.approvals.claim(user("gus"), taskId, Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("claimed by 'fay'");
        assertThat(f.queries.pool(user("gus"), TodoQuery.firstPage())).isEmpty();
        assertThat(f.todos("fay")).extracting(Task::id).containsExactly(taskId);

        f.approvals.release(user("fay"), taskId, Decision.comment("出差，放回"));
        assertThat(f.todos("fay")).isEmpty();
        assertThat(f.queries.pool(user("gus"), TodoQuery.firstPage())).extracting(Task::id).containsExactly(taskId);

        f.approvals.claim(user("gus"), taskId, Decision.none());
        f.approvals.approve(user("gus"), taskId, Decision.comment("ok"));
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.APPROVED);
        assertThat(f.queries.detail(user("hal"), pi.id()).timeline()).extracting(HistoryEntry::action)
                .containsExactly("started", "offered", "claimed", "released", "claimed", "approved", "ended");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aPoolNeedsModeAny(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        ProcessDefinition all = WorkflowFixture.single("bad", a -> a.approver(ApproverRule.role("finance")).pool().mode(ApprovalMode.ALL));
        assertThatThrownBy(() -> f.definitions.deploy(f.admin, all))
                .isInstanceOf(ValidationException.class).hasMessageContaining("nodes[1].pool").hasMessageContaining("needs mode ANY");
    }
}

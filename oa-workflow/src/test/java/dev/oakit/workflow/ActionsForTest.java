package dev.oakit.workflow;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.oakit.workflow.ApprovalAction.Kind.APPROVE;
import static dev.oakit.workflow.ApprovalAction.Kind.CANCEL;
import static dev.oakit.workflow.ApprovalAction.Kind.CLAIM;
import static dev.oakit.workflow.ApprovalAction.Kind.COMMENT;
import static dev.oakit.workflow.ApprovalAction.Kind.JUMP;
import static dev.oakit.workflow.ApprovalAction.Kind.RESUME;
import static dev.oakit.workflow.ApprovalAction.Kind.SUSPEND;
import static dev.oakit.workflow.ApprovalAction.Kind.URGE;
import static dev.oakit.workflow.ApprovalAction.Kind.WITHDRAW;
import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The actions an actor may take, answered by the engine (the random states are in ActionsForPropertiesTest). */
class ActionsForTest {
    /** Statements of one answer for an approver of a leave request: the instance's lock, and the comment's participation check. */
    private static final int BUDGET = 2;

    @DbTest
    void theActionsAreDecidedOnOneLoadOfTheInstance(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        WorkflowFixture f = new WorkflowFixture(WorkflowFixture.startCounting(db, counting));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance instance = f.start("alice", "leave", days(1));
        f.approvals.actionsFor(user("bob"), instance.id()); // warms the definition and directory caches
        counting.reset();
        counting.logging(true);
        assertThat(f.approvals.actionsFor(user("bob"), instance.id())).isNotEmpty();
        // one lock statement loads the instance; the rest are the reads some actions' checks make
        assertThat(counting.count()).as(String.join("\n", counting.log())).isLessThanOrEqualTo(BUDGET);
    }

    @DbTest
    void theApproverTheInitiatorAnOutsiderAndTheAdministratorEachSeeTheirOwnActions(TestDatabase db) throws IOException {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance instance = f.start("alice", "leave", days(1));
        long task = f.todoOf("bob", instance.id()).id();
        Approvals approvals = f.approvals;
        Actor bob = user("bob");
        // docs:start
        List<ApprovalAction> mine = approvals.actionsFor(bob, instance.id());
        boolean mayApprove = mine.stream().anyMatch(a -> a.kind() == ApprovalAction.Kind.APPROVE);
        // docs:end
        assertThat(mayApprove).isTrue();
        assertThat(mine).contains(ApprovalAction.onTask(APPROVE, task)).extracting(ApprovalAction::kind).doesNotContain(CANCEL, URGE, CLAIM);
        assertThat(approvals.actionsFor(user("alice"), instance.id())).extracting(ApprovalAction::kind)
                .containsExactly(WITHDRAW, CANCEL, URGE, COMMENT);
        assertThat(approvals.actionsFor(user("dave"), instance.id())).isEmpty();
        assertThat(approvals.actionsFor(f.admin, instance.id())).extracting(ApprovalAction::kind).contains(CANCEL, URGE, JUMP, SUSPEND)
                .doesNotContain(APPROVE, RESUME);
        // the probe changed nothing
        assertThat(f.todoOf("bob", instance.id()).id()).isEqualTo(task);
        assertThat(f.queries.detail(f.admin, instance.id()).timeline()).hasSize(1);

        f.approvals.suspend(f.admin, instance.id(), Decision.none());
        assertThat(approvals.actionsFor(bob, instance.id())).extracting(ApprovalAction::kind).containsExactly(COMMENT);
        assertThat(approvals.actionsFor(f.admin, instance.id())).extracting(ApprovalAction::kind).contains(RESUME).doesNotContain(SUSPEND);
        assertThatThrownBy(() -> approvals.actionsFor(bob, 999_999L)).isInstanceOf(NotFoundException.class);

        String source = Files.readString(Path.of("src/test/java/dev/oakit/workflow/ActionsForTest.java"));
        String snippet = source.substring(source.indexOf("// docs:start\n") + 14, source.indexOf("        // docs:end"))
                .replaceAll("(?m)^ {8}", "");
        assertThat(Files.readString(Path.of("../docs/approvals.md"))).contains("```java\n" + snippet + "```");
    }
}

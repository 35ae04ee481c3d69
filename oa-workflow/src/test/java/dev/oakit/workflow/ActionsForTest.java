package dev.oakit.workflow;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
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

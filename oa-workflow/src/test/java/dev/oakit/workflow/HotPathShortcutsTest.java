package dev.oakit.workflow;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shortcuts that keep commands to a few statements must never serve stale data: the latest
 * definition version a node remembers, and the open tasks read in the statement that locks the
 * instance.
 */
class HotPathShortcutsTest {

    @DbTest
    void aVersionDeployedByAnotherNodeIsUsedByTheNextStart(TestDatabase db) {
        WorkflowFixture a = new WorkflowFixture(db);
        a.definitions.deploy(a.admin, WorkflowFixture.leave());
        assertThat(a.start("alice", "leave", days(1)).processVersion()).isEqualTo(1); // node A now remembers version 1

        OaKit other = db.closeLater(db.builder().plugin(new WorkflowPlugin()).build().start());
        ProcessDefinitions onB = other.service(ProcessDefinitions.class);
        ProcessDefinition changed = ProcessDefinition.builder("leave").name("Leave v2").form(WorkflowFixture.leaveForm())
                .start("start").approval("hr", n -> n.approver(ApproverRule.users("carol"))).end("end")
                .chain("start", "hr", "end").build();
        assertThat(onB.deploy(a.admin, changed).version()).isEqualTo(2);

        ProcessInstance started = a.start("alice", "leave", days(1));
        assertThat(started.processVersion()).as("node A starts on the version node B deployed").isEqualTo(2);
        assertThat(a.todoOf("carol", started.id())).isNotNull();
        assertThat(a.start("alice", "leave", days(1)).processVersion()).isEqualTo(2);
    }

    @DbTest
    void tasksChangedWhileACommandWaitedForTheInstanceLockAreReadAgain(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        long task = f.todoOf("bob", pi.id()).id();

        // another command locks the instance, moves bob's task to dave and saves the state with the digest of the
        // open tasks it leaves behind (as the engine does)
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT state FROM oa_wf_instance WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, pi.id());
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (PreparedStatement move = c.prepareStatement("UPDATE oa_wf_task SET assignee_id = 'dave' WHERE id = ?");
                 PreparedStatement mark = c.prepareStatement("UPDATE oa_wf_instance SET state = REPLACE(state, ':bob:', ':dave:')"
                         + " WHERE id = ? AND state LIKE '%\"openDigest\":\"%:bob:%'")) {
                move.setLong(1, task);
                move.executeUpdate();
                mark.setLong(1, pi.id());
                assertThat(mark.executeUpdate()).isEqualTo(1);
            }
            // bob approves meanwhile: his command waits for the instance lock
            CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> f.approvals.approve(user("bob"), task, Decision.none()));
            if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingForALock(db));
            } else {
                TimeUnit.MILLISECONDS.sleep(300);
            }
            c.commit();
            assertThatThrownBy(() -> bob.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ForbiddenException.class).hasMessageContaining("dave");
        }
        f.approvals.approve(user("dave"), task, Decision.none());
        assertThat(f.todoOf("carol", pi.id())).isNotNull();
    }

    private static boolean waitingForALock(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%oa_wf_instance i%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}

package dev.oakit.workflow;

import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.spi.ServiceTaskHandler;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules that hand-overs and sub-processes must keep (found in review). */
class ReviewFixesTest {
    @DbTest
    void aTransferCannotBreakSeparationOfDutiesOrGiveTheInitiatorTheirOwnRequest(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ProcessDefinition.builder("sod").form(WorkflowFixture.leaveForm()).start("start")
                .approval("first", a -> a.approver(ApproverRule.users("bob")))
                .approval("second", a -> a.approver(ApproverRule.users("carol")).separateFrom("first")
                        .whenInitiator(Node.InitiatorApprover.SKIP))
                .end("end").chain("start", "first", "second", "end").build());
        ProcessInstance pi = f.start("alice", "sod", days(1));
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        long second = f.todoOf("carol", pi.id()).id();
        assertThatThrownBy(() -> f.approvals.transfer(user("carol"), second, "bob", Decision.none()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("OA-WF/SEPARATION_OF_DUTIES")
                .hasMessageContaining("toUserId: 'bob' approved node 'first'");
        assertThatThrownBy(() -> f.approvals.addSigner(user("carol"), second, SignerPosition.PARALLEL, List.of("alice"), Decision.none()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("OA-WF/INITIATOR_NOT_ALLOWED")
                .hasMessageContaining("userIds[0]: 'alice' started instance " + pi.id());
        f.approvals.transfer(user("carol"), second, "dave", Decision.none());
        assertThat(f.todoOf("dave", pi.id()).id()).isEqualTo(second);
    }

    @DbTest
    void aSubProcessRunsForTheParentsInitiatorAndEndsWithItsParent(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.single("child", a -> a.approver(ApproverRule.manager(1))));
        f.definitions.deploy(f.admin, ProcessDefinition.builder("parent").form(WorkflowFixture.leaveForm()).start("start")
                .approval("first", a -> a.approver(ApproverRule.users("carol")))
                .subProcess("sub", "child")
                .end("end").chain("start", "first", "sub", "end").build());
        ProcessInstance pi = f.start("alice", "parent", days(1));
        f.approvals.approve(user("carol"), f.todoOf("carol", pi.id()).id(), Decision.none());
        // the child's manager rule resolves for alice (the parent's initiator), not for carol who moved the parent
        Task childTask = f.todos("bob").get(0);
        assertThat(childTask.processKey()).isEqualTo("child");
        assertThat(childTask.initiatorId()).isEqualTo("alice");

        f.approvals.cancel(user("alice"), pi.id(), Decision.comment("不去了"));
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(f.status(childTask.instanceId())).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(f.todos("bob")).isEmpty();
    }

    /** A service handler that counts its calls. */
    static final class Counting implements OaPlugin, ServiceTaskHandler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String id() {
            return "erp-post";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(ServiceTaskHandler.class, this);
        }

        @Override
        public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form,
                                           com.fasterxml.jackson.databind.JsonNode params) {
            calls.incrementAndGet();
            return Map.of();
        }
    }

    /** OAKit with the ERP handler and no job workers: a scheduled service job stays where it is. */
    private static WorkflowFixture withoutJobWorkers(TestDatabase db, Counting erp) {
        return new WorkflowFixture(db.closeLater(db.builder().plugin(new WorkflowPlugin()).plugin(erp)
                .config("core", Map.of("jobs", Map.of("enabled", false))).build().start()));
    }

    @DbTest
    void aServiceTaskLeftByAJumpIsWithdrawnAndNeverRuns(TestDatabase db) throws Exception {
        Counting erp = new Counting();
        WorkflowFixture f = withoutJobWorkers(db, erp);
        f.definitions.deploy(f.admin, ProcessDefinition.builder("po").form(WorkflowFixture.leaveForm()).start("start")
                .service("post", "erp-post", null)
                .approval("check", a -> a.approver(ApproverRule.users("bob")))
                .end("end").chain("start", "post", "check", "end").build());
        ProcessInstance pi = f.start("alice", "po", days(1));
        assertThat(pi.activeNodes()).containsExactly("post");
        f.approvals.jump(f.admin, pi.id(), "check", Decision.comment("posted by hand"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM oa_core_job WHERE type = 'wf.service'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CANCELLED");
        }
        assertThat(erp.calls).hasValue(0);
    }

    @DbTest
    void aCancelledInstancesWaitingServiceJobsAreWithdrawnAndNoOtherInstances(TestDatabase db) throws Exception {
        Counting erp = new Counting();
        WorkflowFixture f = withoutJobWorkers(db, erp);
        f.definitions.deploy(f.admin, ProcessDefinition.builder("po").form(WorkflowFixture.leaveForm()).start("start")
                .parallel("split").service("post", "erp-post", null).service("book", "erp-post", null).join("join", "split")
                .end("end").chain("start", "split").route("split", "post").route("split", "book")
                .route("post", "join").route("book", "join").route("join", "end").build());
        ProcessInstance cancelled = f.start("alice", "po", days(1));
        ProcessInstance other = f.start("alice", "po", days(1));
        assertThat(cancelled.activeNodes()).containsExactlyInAnyOrder("post", "book");
        f.approvals.cancel(f.admin, cancelled.id(), Decision.comment("ordered elsewhere"));
        Map<String, String> status = new java.util.TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload, status FROM oa_core_job WHERE type = 'wf.service'")) {
            while (rs.next()) {
                var p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1));
                status.put(p.path("instanceId").asLong() + "/" + p.path("node").asText(), rs.getString(2));
            }
        }
        assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of(
                cancelled.id() + "/post", "CANCELLED", cancelled.id() + "/book", "CANCELLED",
                other.id() + "/post", "READY", other.id() + "/book", "READY"));
        assertThat(erp.calls).hasValue(0);
    }
}

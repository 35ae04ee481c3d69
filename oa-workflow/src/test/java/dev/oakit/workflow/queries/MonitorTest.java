package dev.oakit.workflow.queries;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Monitor;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.ServiceHandlerPlugin;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.workflow.spi.ServiceTaskHandler;

import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorTest {
    /** Contributes a service handler that always fails. */
    static ServiceHandlerPlugin failingPlugin() {
        return new ServiceHandlerPlugin("failing-service", new ServiceTaskHandler() {
            @Override
            public String id() {
                return "archive";
            }

            @Override
            public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form,
                                               com.fasterxml.jackson.databind.JsonNode params) {
                throw new IllegalStateException("archive is down");
            }
        });
    }

    /** start → archive (service, one attempt) → end. */
    static ProcessDefinition archived() {
        return ProcessDefinition.builder("archived").form(WorkflowFixture.leaveForm()).start("start")
                .node(new Node.Service("archive", "归档", "archive", null, 1)).end("end")
                .chain("start", "archive", "end").build();
    }

    /** start → parallel(manager, finance) → join → end. */
    static ProcessDefinition parallel() {
        return ProcessDefinition.builder("both").form(WorkflowFixture.leaveForm()).start("start").parallel("split")
                .approval("manager", a -> a.approver(ApproverRule.manager(1)))
                .approval("finance", a -> a.approver(ApproverRule.users("fay")))
                .join("join", "split").end("end")
                .route("start", "split").route("split", "manager").route("split", "finance")
                .route("manager", "join").route("finance", "join").route("join", "end").build();
    }

    @DbTest
    void adminsSeeRunningInstancesPerProcessAndNodeSuspendedAndIncidents(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin()).plugin(failingPlugin())));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        f.definitions.deploy(f.admin, parallel());
        f.definitions.deploy(f.admin, archived());

        assertThatThrownBy(() -> f.queries.monitor(user("bob"))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only administrators");
        assertThat(f.queries.monitor(f.admin)).isEqualTo(new Monitor(java.util.List.of(), java.util.List.of(), 0, java.util.List.of()));

        ProcessInstance atManager = f.start("alice", "leave", days(5));
        ProcessInstance atDirector = f.start("dave", "leave", days(5));
        f.approvals.approve(user("bob"), f.todoOf("bob", atDirector.id()).id(), Decision.none());
        ProcessInstance suspended = f.start("erin", "leave", days(1));
        f.approvals.suspend(f.admin, suspended.id(), Decision.none());
        ProcessInstance cancelled = f.start("erin", "leave", days(1));
        f.approvals.cancel(user("erin"), cancelled.id(), Decision.none());
        f.start("alice", "both", days(1));
        ProcessInstance broken = f.start("alice", "archived", days(1));

        long deadline = System.nanoTime() + 20_000_000_000L;
        Monitor m = f.queries.monitor(f.admin);
        while (m.incidents().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = f.queries.monitor(f.admin);
        }
        assertThat(m.running()).containsExactly(new Monitor.ProcessCount("archived", 1), new Monitor.ProcessCount("both", 1),
                new Monitor.ProcessCount("leave", 2));
        assertThat(m.waiting()).containsExactly(
                new Monitor.NodeCount("archived", "archive", 1),
                new Monitor.NodeCount("both", "finance", 1), new Monitor.NodeCount("both", "manager", 1),
                new Monitor.NodeCount("leave", "director", 1), new Monitor.NodeCount("leave", "manager", 1));
        assertThat(m.suspended()).isEqualTo(1);
        assertThat(m.incidents()).singleElement().satisfies(i -> {
            assertThat(i.instanceId()).isEqualTo(broken.id());
            assertThat(i.nodeId()).isEqualTo("archive");
            assertThat(i.processKey()).isEqualTo("archived");
            assertThat(i.lastError()).contains("archive is down");
            assertThat(i.failedAt()).isNotNull();
        });
        assertThat(atManager.activeNodes()).containsExactly("manager");

        // other tenants' admins see nothing of it; a cancelled instance's dead job is no incident
        assertThat(f.queries.monitor(dev.oakit.core.Actor.admin("other", "root")).running()).isEmpty();
        f.approvals.cancel(f.admin, broken.id(), Decision.none());
        assertThat(f.queries.monitor(f.admin).incidents()).isEmpty();
    }
}

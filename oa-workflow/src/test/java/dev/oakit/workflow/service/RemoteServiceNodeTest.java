package dev.oakit.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.testing.ConnectionsHeld;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Monitor;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.PreviewStep;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.ServiceHandlerPlugin;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.workflow.spi.ServiceTaskHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.oakit.workflow.WorkflowFixture.days;
import static org.assertj.core.api.Assertions.assertThat;

/** A service node whose handler calls a remote system runs outside any transaction, and its output chooses the route. */
class RemoteServiceNodeTest {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** What a remote handler does with the form. */
    interface Answer {
        Map<String, Object> answer(Map<String, Object> form) throws Exception;
    }

    /** A plugin with the handler {@code remote}, which runs outside any transaction. */
    static ServiceHandlerPlugin remote(String pluginId, Answer answer) {
        return new ServiceHandlerPlugin(pluginId, new ServiceTaskHandler() {
            @Override
            public String id() {
                return "remote";
            }

            @Override
            public boolean runsInTransaction() {
                return false;
            }

            @Override
            public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) throws Exception {
                return answer.answer(form);
            }
        });
    }

    /** A handler that answers like a remote check: {@code reason} = ENOUGH under 5 days, else SHORT; 9 days fails. */
    static ServiceHandlerPlugin remotePlugin() {
        return remote("remote-check", form -> {
            SEEN.add("connections held " + ConnectionsHeld.byThisThread());
            double d = ((Number) form.get("days")).doubleValue();
            if (d == 9) {
                throw new IllegalStateException("the remote is down");
            }
            return Map.of("reason", d < 5 ? "ENOUGH" : "SHORT");
        });
    }

    /** start → check (remote service, one attempt) → exclusive: ENOUGH → approved, else → manager → approved. */
    static ProcessDefinition checked() {
        return ProcessDefinition.builder("checked").form(WorkflowFixture.leaveForm()).start("start")
                .node(new dev.oakit.workflow.Node.Service("check", null, "remote", null, 1)).exclusive("enough")
                .approval("manager", a -> a.approver(ApproverRule.manager(1))).end("approved")
                .route("start", "check").route("check", "enough")
                .when("enough", "approved", "form.reason == 'ENOUGH'").otherwise("enough", "manager")
                .route("manager", "approved").build();
    }

    @DbTest
    void theOutputOfAHandlerOutsideTheTransactionChoosesTheRouteAndItsFailureIsAnIncident(TestDatabase db) throws Exception {
        SEEN.clear();
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.dataSource(ConnectionsHeld.tracking(db.dataSource()))
                .plugin(new WorkflowPlugin()).plugin(remotePlugin())));
        f.definitions.deploy(f.admin, checked());
        RoutePreview preview = f.queries.preview(WorkflowFixture.user("alice"), StartRequest.of("checked", days(2)));
        assertThat(preview.steps()).extracting(PreviewStep::nodeId).startsWith("start", "check", "enough");
        assertThat(preview.steps().get(2).note()).contains("what service node 'check' answers; the possible routes: "
                + "['form.reason == 'ENOUGH'' → 'approved', otherwise → 'manager']");

        ProcessInstance enough = f.start("alice", "checked", days(2));
        ProcessInstance shortOf = f.start("alice", "checked", days(6));
        ProcessInstance broken = f.start("alice", "checked", days(9));

        long deadline = System.nanoTime() + 20_000_000_000L;
        Monitor m = f.queries.monitor(f.admin);
        while ((f.status(enough.id()) == InstanceStatus.RUNNING || f.todos("bob").isEmpty() || m.incidents().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = f.queries.monitor(f.admin);
        }
        assertThat(f.status(enough.id())).isEqualTo(InstanceStatus.APPROVED);
        assertThat(f.todoOf("bob", shortOf.id())).isNotNull();
        assertThat(f.queries.detail(f.admin, enough.id()).timeline()).extracting(HistoryEntry::action).contains("service-scheduled");
        assertThat(m.incidents()).singleElement().satisfies(i -> {
            assertThat(i.instanceId()).isEqualTo(broken.id());
            assertThat(i.nodeId()).isEqualTo("check");
            assertThat(i.lastError()).contains("the remote is down");
        });
        assertThat(SEEN).as("the handler ran with no pooled connection").containsOnly("connections held 0").hasSize(3);
    }

    @DbTest
    void anInstanceCancelledWhileTheRemoteAnswersIsNotMovedOn(TestDatabase db) throws Exception {
        java.util.concurrent.CountDownLatch called = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin()).plugin(remote("slow-check", form -> {
            called.countDown();
            answer.await(20, java.util.concurrent.TimeUnit.SECONDS);
            return Map.of("reason", "ENOUGH");
        }))));
        f.definitions.deploy(f.admin, checked());
        ProcessInstance pi = f.start("alice", "checked", days(2));
        assertThat(called.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // the handler holds no lock on the instance: the initiator cancels while the remote is still answering
        f.approvals.cancel(WorkflowFixture.user("alice"), pi.id(), dev.oakit.workflow.Decision.none());
        answer.countDown();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(f.status(pi.id())).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(f.queries.detail(f.admin, pi.id()).timeline()).extracting(HistoryEntry::action).doesNotContain("service-done");
    }
}

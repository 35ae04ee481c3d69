package dev.oakit.workflow.proxy;

import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.OutOfOffice.ProxyRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowTemplateKeys;
import dev.oakit.workflow.deadline.DeadlineTest;

import java.time.Duration;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Out-of-office proxies (委托), absences and handover on the database matrix. */
class ProxyTest {
    private static ProxyRequest proxy(ManualClock clock, String user, String to, boolean move) {
        return new ProxyRequest(user, to, clock.instant(), clock.instant().plus(Duration.ofDays(5)), List.of(), move);
    }

    private static WorkflowFixture withLeave(TestDatabase db, ManualClock clock) {
        WorkflowFixture f = DeadlineTest.start(db, clock);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        return f;
    }

    @DbTest
    void newTasksGoToTheProxyWhoActsOnBehalfOfTheApprover(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = withLeave(db, clock);
        OutOfOffice ooo = f.oa.service(OutOfOffice.class);
        ooo.setProxy(user("bob"), proxy(clock, "bob", "erin", false));

        long id = f.start("alice", "leave", days(1)).id();
        Task t = f.todoOf("erin", id);
        assertThat(t.onBehalfOf()).isEqualTo("bob");
        assertThat(f.todos("bob")).isEmpty();
        f.approvals.approve(user("erin"), t.id(), Decision.comment("同意"));
        List<HistoryEntry> h = f.queries.detail(f.admin, id).timeline();
        assertThat(h).filteredOn(e -> e.action().equals("approved")).singleElement()
                .satisfies(e -> assertThat(List.of(e.actorId(), e.onBehalfOf())).containsExactly("erin", "bob"));
        assertThat(h).extracting(HistoryEntry::action).contains("proxy-assigned");

        assertThatThrownBy(() -> ooo.setProxy(user("dave"), proxy(clock, "bob", "erin", false)))
                .hasMessageContaining("OA-WF/PROXY_FORBIDDEN");
        assertThatThrownBy(() -> ooo.setProxy(user("bob"), proxy(clock, "bob", "bob", false)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("proxyId");
    }

    @DbTest
    void chainsResolveToTheLastPersonAndLoopsStayWithTheApproverAndTellTheAdmins(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = withLeave(db, clock);
        OutOfOffice ooo = f.oa.service(OutOfOffice.class);
        ooo.setProxy(user("bob"), proxy(clock, "bob", "erin", false));
        long erinRule = ooo.setProxy(user("erin"), proxy(clock, "erin", "dave", false)).id();
        long chained = f.start("alice", "leave", days(1)).id();
        assertThat(f.todoOf("dave", chained).onBehalfOf()).isEqualTo("bob");

        ooo.revokeProxy(user("erin"), erinRule);
        ooo.setProxy(user("erin"), proxy(clock, "erin", "bob", false));
        long looped = f.start("alice", "leave", days(1)).id();
        assertThat(f.todoOf("bob", looped).onBehalfOf()).isNull();
        assertThat(f.queries.detail(f.admin, looped).timeline()).extracting(HistoryEntry::action).contains("proxy-kept");
        List<Delivery> toAdmins = f.oa.service(Notifications.class).deliveries(f.admin, DeliveryQuery.all()).stream()
                .filter(d -> d.templateKey().equals(WorkflowTemplateKeys.PROXY_LOOP)).toList();
        assertThat(toAdmins).extracting(Delivery::recipientId).contains("root");
    }

    @DbTest
    void openTasksMoveWhenAskedAndTheCheckListsAbsentApproversWithoutProxy(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = withLeave(db, clock);
        OutOfOffice ooo = f.oa.service(OutOfOffice.class);
        long id = f.start("alice", "leave", days(1)).id();
        ooo.markAbsent(user("bob"), "bob", clock.instant(), clock.instant().plus(Duration.ofDays(4)), "出差");
        ooo.markAbsent(user("erin"), "erin", clock.instant(), clock.instant().plus(Duration.ofDays(5)), "no open work");
        assertThat(ooo.absentWithoutProxy(f.admin, Duration.ofDays(3))).extracting(OutOfOffice.AbsentApprover::userId)
                .containsExactly("bob");

        assertThat(ooo.setProxy(user("bob"), proxy(clock, "bob", "dave", true)).movedTasks()).isEqualTo(1);
        Task moved = f.todoOf("dave", id);
        assertThat(moved.onBehalfOf()).isEqualTo("bob");
        assertThat(f.todos("bob")).isEmpty();
        assertThat(ooo.absentWithoutProxy(f.admin, Duration.ofDays(3))).isEmpty();

        // erin is absent: the chain bob → dave → erin never ends at her, and dave is away himself
        ooo.setProxy(user("dave"), proxy(clock, "dave", "erin", false));
        long other = f.start("alice", "leave", days(1)).id();
        assertThat(f.todos("erin")).isEmpty();
        assertThat(f.todoOf("bob", other).onBehalfOf()).isNull();
    }

    @DbTest
    void handoverMovesOpenTasksToTheManagerAndShowsTheLeaversInstances(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = withLeave(db, clock);
        OutOfOffice ooo = f.oa.service(OutOfOffice.class);
        f.definitions.deploy(f.admin, WorkflowFixture.single("buy", a -> a.approver(ApproverRule.role("director"))));
        long toBob = f.start("alice", "leave", days(1)).id();
        long bobs = f.start("bob", "buy", days(1)).id();
        assertThatThrownBy(() -> f.queries.detail(user("zhao"), bobs)).isInstanceOf(NotFoundException.class);

        OutOfOffice.HandoverReport report = ooo.handover(f.admin, "bob", null);
        assertThat(report.successorId()).isEqualTo("zhao");
        assertThat(report.movedTaskIds()).containsExactly(f.todoOf("zhao", toBob).id());
        assertThat(report.startedInstances()).containsExactly(bobs);
        assertThat(f.queries.detail(user("zhao"), bobs).instance().initiatorId()).isEqualTo("bob");
        assertThat(f.oa.service(Directory.class).user(f.admin, "bob").active()).isFalse();
        assertThat(f.queries.detail(f.admin, toBob).timeline()).extracting(HistoryEntry::action).contains("handed-over");
        assertThatThrownBy(() -> ooo.handover(user("dave"), "erin", null)).hasMessageContaining("admin");
    }
}

package dev.oakit.workflow.queries;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.CcItem;
import dev.oakit.workflow.CcQuery;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Workbench;
import dev.oakit.workflow.WorkflowFixture;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CcAndWorkbenchTest {
    /** start → cc to dave and erin → manager → end. */
    static ProcessDefinition ccLeave() {
        return ProcessDefinition.builder("cc-leave").name("请假(抄送)").form(WorkflowFixture.leaveForm())
                .start("start")
                .cc("notify", ApproverRule.users("dave", "erin"))
                .approval("manager", a -> a.approver(ApproverRule.manager(1)))
                .end("end")
                .chain("start", "notify", "manager", "end")
                .build();
    }

    @DbTest
    void ccdUsersListReadAndCountTheirItemsOnly(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ccLeave());
        ProcessInstance first = f.start("alice", "cc-leave", days(2));
        ProcessInstance second = f.start("alice", "cc-leave", days(3));

        assertThat(f.queries.unreadCcCount(user("dave"))).isEqualTo(2);
        assertThat(f.queries.unreadCcCount(user("bob"))).isZero();
        java.util.List<CcItem> daves = f.queries.ccToMe(user("dave"), CcQuery.firstPage());
        assertThat(daves).extracting(CcItem::instanceId).containsExactlyInAnyOrder(first.id(), second.id());
        CcItem item = daves.stream().filter(c -> c.instanceId() == first.id()).findFirst().orElseThrow();
        assertThat(item.processKey()).isEqualTo("cc-leave");
        assertThat(item.nodeId()).isEqualTo("notify");
        assertThat(item.fromId()).isEqualTo("alice");
        assertThat(item.title()).isEqualTo(first.title());
        assertThat(item.createdAt()).isNotNull();
        assertThat(item.read()).isFalse();
        assertThat(f.queries.ccToMe(user("dave"), CcQuery.firstPage().page(0, 1))).hasSize(1);
        assertThat(f.queries.ccToMe(user("dave"), CcQuery.firstPage().page(1, 1))).hasSize(1);
        assertThat(f.queries.ccToMe(user("dave"), CcQuery.firstPage().page(2, 1))).isEmpty();

        // only the recipient marks it read; other tenants do not see it at all
        assertThatThrownBy(() -> f.queries.markCcRead(user("erin"), item.id()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only its recipient 'dave'");
        assertThatThrownBy(() -> f.queries.markCcRead(Actor.of("other", "dave"), item.id())).isInstanceOf(NotFoundException.class);
        assertThat(f.queries.ccToMe(Actor.of("other", "dave"), CcQuery.firstPage())).isEmpty();

        f.queries.markCcRead(user("dave"), item.id());
        CcItem read = f.queries.ccToMe(user("dave"), CcQuery.firstPage().filter(CcQuery.ReadFilter.READ)).get(0);
        assertThat(read.id()).isEqualTo(item.id());
        assertThat(read.readAt()).isNotNull();
        assertThat(f.queries.ccToMe(user("dave"), CcQuery.unread())).extracting(CcItem::instanceId).containsExactly(second.id());
        assertThat(f.queries.unreadCcCount(user("dave"))).isEqualTo(1);
        assertThat(f.queries.unreadCcCount(user("erin"))).isEqualTo(2);

        f.queries.markCcRead(user("dave"), item.id()); // again: keeps the first time
        assertThat(f.queries.ccToMe(user("dave"), CcQuery.firstPage().filter(CcQuery.ReadFilter.READ)).get(0).readAt())
                .isEqualTo(read.readAt());
        assertThat(f.oa.service(AuditLog.class).forTarget(f.admin, "cc", Long.toString(item.id())))
                .extracting(AuditRecord::action, AuditRecord::actorId)
                .contains(org.assertj.core.groups.Tuple.tuple("wf.cc.read", "dave"));
    }

    @DbTest
    void ccdUsersMayReadTheDetailOthersMayNot(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ccLeave());
        ProcessInstance pi = f.start("alice", "cc-leave", days(2));
        assertThat(f.queries.detail(user("dave"), pi.id()).instance().id()).isEqualTo(pi.id());
        assertThat(f.queries.detail(user("dave"), pi.id()).timeline()).extracting(h -> h.action()).contains("cc");
        assertThatThrownBy(() -> f.queries.detail(user("fay"), pi.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.queries.detail(Actor.of("other", "dave"), pi.id())).isInstanceOf(NotFoundException.class);
    }

    @DbTest
    void workbenchCountsTodoUnreadCcInProgressAndReturned(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, ccLeave());
        ProcessInstance one = f.start("alice", "cc-leave", days(2));
        ProcessInstance two = f.start("alice", "cc-leave", days(3));
        f.start("erin", "cc-leave", days(1));

        assertThat(f.queries.workbench(user("bob"))).isEqualTo(new Workbench(3, 0, 0, 0));
        assertThat(f.queries.workbench(user("alice"))).isEqualTo(new Workbench(0, 0, 2, 0));
        assertThat(f.queries.workbench(user("dave"))).isEqualTo(new Workbench(0, 3, 0, 0));

        f.approvals.returnTo(user("bob"), f.todoOf("bob", one.id()).id(), "start", Decision.comment("补充说明"));
        f.approvals.approve(user("bob"), f.todoOf("bob", two.id()).id(), Decision.none());
        assertThat(f.queries.workbench(user("alice"))).isEqualTo(new Workbench(0, 0, 0, 1));
        assertThat(f.queries.workbench(user("bob")).todo()).isEqualTo(1);
        assertThat(f.queries.workbench(user("erin"))).isEqualTo(new Workbench(0, 3, 1, 0));
        assertThat(f.queries.workbench(Actor.of("other", "bob"))).isEqualTo(new Workbench(0, 0, 0, 0));
    }
}

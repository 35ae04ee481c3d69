package dev.oakit.ticket;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.fields;
import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketLifecycleTest {
    @DbTest
    void aTicketGoesFromNewToClosedWithItsHistoryNotificationsAndAudit(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.tickets.create(user("alice"), NewTicket.builder("it", "打印机卡纸").description("三楼打印机")
                .category("hw.printer").fields(fields("asset", "PR-301", "floor", 3)).tags("printer", "3F").channel("web")
                .watchers("frank").build());
        assertThat(t.number()).matches("TK-\\d{4}-000001");
        assertThat(t.state()).isEqualTo("new");
        assertThat(t.stateKind()).isEqualTo(StateKind.NEW);
        assertThat(t.queue()).isEqualTo("it");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(t.requester()).isEqualTo(Requester.user("alice"));
        assertThat(t.fields()).containsEntry("asset", "PR-301");
        assertThat(t.tags()).containsExactly("3F", "printer");

        t = f.tickets.assign(user("bob"), t.id(), "carol");
        assertThat(t.state()).isEqualTo("assigned");
        assertThat(t.assignee()).isEqualTo("carol");
        t = f.tickets.start(user("carol"), t.id());
        t = f.tickets.act(user("carol"), t.id(), "pend", "等备件");
        assertThat(t.stateKind()).isEqualTo(StateKind.WAITING);
        // the requester's reply resumes a waiting ticket
        t = f.tickets.reply(user("alice"), t.id(), "备件已到", List.of());
        assertThat(t.state()).isEqualTo("in_progress");
        f.tickets.note(user("carol"), t.id(), "换了搓纸轮");
        t = f.tickets.resolve(user("carol"), t.id(), "已修好");
        assertThat(t.stateKind()).isEqualTo(StateKind.RESOLVED);
        assertThat(t.resolutions()).isEqualTo(1);
        t = f.tickets.accept(user("alice"), t.id(), "谢谢");
        assertThat(t.state()).isEqualTo("closed");
        assertThat(t.closedAt()).isNotNull();

        TicketDetail d = f.queries.detail(user("carol"), t.id());
        assertThat(d.view()).isEqualTo(TicketView.AGENT);
        assertThat(d.timeline()).extracting(TicketEvent::kind).containsExactly(TicketEventKind.CREATED, TicketEventKind.ASSIGNED,
                TicketEventKind.STATE_CHANGED, TicketEventKind.STATE_CHANGED, TicketEventKind.STATE_CHANGED,
                TicketEventKind.REQUESTER_REPLY, TicketEventKind.STATE_CHANGED, TicketEventKind.INTERNAL_NOTE,
                TicketEventKind.RESOLVED, TicketEventKind.CLOSED);
        assertThat(d.timeline()).filteredOn(e -> e.kind() == TicketEventKind.CLOSED).singleElement()
                .satisfies(e -> assertThat(e.fromState() + ">" + e.toState() + " by " + e.actorId()).isEqualTo("resolved>closed by alice"));

        // the requester, the assignee and the watcher heard of every state change (not of their own)
        List<Delivery> status = f.oa.service(Notifications.class).deliveries(f.admin, DeliveryQuery.all()).stream()
                .filter(x -> x.templateKey().equals(TicketPlugin.STATUS_TEMPLATE)).toList();
        assertThat(status).extracting(Delivery::recipientId).contains("alice", "carol", "frank");
        assertThat(f.oa.service(Notifications.class).deliveries(f.admin, DeliveryQuery.all()))
                .extracting(Delivery::templateKey).contains(TicketPlugin.CREATED_TEMPLATE, TicketPlugin.ASSIGNED_TEMPLATE);
        assertThat(f.oa.service(Notifications.class).render(TicketPlugin.STATUS_TEMPLATE, Locale.SIMPLIFIED_CHINESE,
                Map.of("number", "TK-2026-000001", "title", "打印机卡纸", "by", "carol", "from", "in_progress", "to", "resolved",
                        "action", "resolve", "comment", "已修好")).body())
                .isEqualTo("carol 将工单 TK-2026-000001「打印机卡纸」从「in_progress」改为「resolved」（resolve）。已修好");
        assertThat(f.oa.service(Notifications.class).render(TicketPlugin.OVERDUE_TEMPLATE, Locale.ENGLISH,
                Map.of("number", "TK-2026-000001", "title", "x", "minutes", 30)).subject()).isEqualTo("Ticket TK-2026-000001 not started");

        // every command is audited against the ticket
        List<AuditRecord> audit = f.oa.service(AuditLog.class).forTarget(f.admin, "ticket", Long.toString(t.id()));
        assertThat(audit).extracting(AuditRecord::action).contains("tk.ticket.create", "tk.ticket.assign", "tk.ticket.start",
                "tk.ticket.pend", "tk.ticket.reply", "tk.ticket.note", "tk.ticket.resolve", "tk.ticket.accept");
    }

    @DbTest
    void illegalTransitionsNameTheAllowedOnesAndWrongPartiesNameWhoMay(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.open("VPN 连不上");
        assertThatThrownBy(() -> f.tickets.resolve(f.admin, t.id(), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("OA-TK/ILLEGAL_TRANSITION")
                .hasMessageContaining("is 'new'; 'resolve' is not allowed there. Allowed from 'new': assign, claim, withdraw, cancel");
        assertThatThrownBy(() -> f.tickets.assign(user("carol"), t.id(), "dave"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("user 'carol' may not 'assign' ticket " + t.number() + "; dispatchers of queue 'it' and administrators may");
        assertThatThrownBy(() -> f.tickets.withdraw(user("alice"), t.id(), " "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("comment").hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> f.tickets.act(user("alice"), t.id(), "claim", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("use Tickets.claim");
        assertThatThrownBy(() -> f.tickets.assign(user("bob"), t.id(), "erin"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not a member of queue 'it'");
        f.tickets.claim(user("dave"), t.id());
        assertThatThrownBy(() -> f.tickets.start(user("carol"), t.id()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("its assignee ('dave') and administrators may");
        f.tickets.returnToDispatcher(user("dave"), t.id(), "不是我的领域");
        Ticket back = f.ticket(t.id());
        assertThat(back.state()).isEqualTo("new");
        assertThat(back.assignee()).isNull();
        f.tickets.withdraw(user("alice"), t.id(), "自己好了");
        assertThat(f.state(t.id())).isEqualTo("cancelled");
        assertThatThrownBy(() -> f.tickets.act(f.admin, t.id(), "reopen", null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Allowed from 'cancelled': none (the state is final)");
    }

    @DbTest
    void customFieldsAreValidatedByTheTypesForm(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("it", "x").field("floor", 99).field("color", "red").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("floor").hasMessageContaining("color");
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("repair", "x").field("floor", 2).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("has no form");
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("it", "x").category("nope").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("category 'nope' does not exist");
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("none", "x").build()))
                .hasMessageContaining("ticket type 'none' does not exist");
        Ticket t = f.tickets.create(user("alice"), NewTicket.builder("it", "x").field("floor", 2).build());
        Ticket changed = f.tickets.update(user("carol"), t.id(), TicketChanges.none().withFields(fields("asset", "NB-7"))
                .withPriority(Priority.HIGH).withTitle("笔记本"));
        assertThat(changed.fields()).containsEntry("asset", "NB-7");
        assertThat(changed.priority()).isEqualTo(Priority.HIGH);
        assertThat(f.queries.detail(user("alice"), t.id()).timeline()).extracting(TicketEvent::kind)
                .contains(TicketEventKind.UPDATED, TicketEventKind.PRIORITY_CHANGED);
        assertThatThrownBy(() -> f.tickets.update(user("alice"), t.id(), TicketChanges.none().withPriority(Priority.URGENT)))
                .isInstanceOf(ForbiddenException.class);
    }
}

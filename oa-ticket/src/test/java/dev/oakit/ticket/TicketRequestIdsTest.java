package dev.oakit.ticket;

import dev.oakit.core.ConflictException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client that lost the answer to a command (say the connection dropped after COMMIT) sends it
 * again with the same request id: the first result comes back and nothing happens twice. The same
 * id with other arguments is refused.
 */
class TicketRequestIdsTest {
    private static long replies(TicketFixture f, long id, String body) {
        return f.queries.detail(f.admin, id).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.AGENT_REPLY && body.equals(e.body())).count();
    }

    @DbTest
    void aRepeatedReplyIsRecordedOnceAndAnswersWithTheFirstResult(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.started("VPN 连不上");
        Ticket first = f.tickets.reply(user("carol"), t.id(), "请重装客户端", List.of(), "reply-7f3a");
        Ticket again = f.tickets.reply(user("carol"), t.id(), "请重装客户端", List.of(), "reply-7f3a");
        assertThat(again).isEqualTo(first);
        assertThat(replies(f, t.id(), "请重装客户端")).isEqualTo(1);
        long audited = f.oa.service(AuditLog.class).forTarget(f.admin, "ticket", Long.toString(t.id())).stream()
                .filter(r -> r.action().equals("tk.ticket.reply")).count();
        assertThat(audited).isEqualTo(1);

        // without a request id every call is a new reply
        f.tickets.reply(user("carol"), t.id(), "请重启", List.of());
        f.tickets.reply(user("carol"), t.id(), "请重启", List.of());
        assertThat(replies(f, t.id(), "请重启")).isEqualTo(2);
    }

    @DbTest
    void aRequestIdReusedWithOtherArgumentsIsRefusedAndChangesNothing(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.started("VPN 连不上");
        f.tickets.reply(user("carol"), t.id(), "请重装客户端", List.of(), "reply-7f3a");
        ConflictException otherBody = catchThrowableOfType(ConflictException.class,
                () -> f.tickets.reply(user("carol"), t.id(), "请换个网络", List.of(), "reply-7f3a"));
        assertThat(otherBody.code()).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
        assertThat(otherBody).hasMessageContaining("request id 'reply-7f3a'").hasMessageContaining("other arguments")
                .hasMessageContaining("use a new request id");
        assertThat(replies(f, t.id(), "请换个网络")).isZero();

        ConflictException otherAction = catchThrowableOfType(ConflictException.class,
                () -> f.tickets.note(user("carol"), t.id(), "请重装客户端", "reply-7f3a"));
        assertThat(otherAction.code()).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
        ConflictException otherTicket = catchThrowableOfType(ConflictException.class,
                () -> f.tickets.reply(user("carol"), f.started("另一个").id(), "请重装客户端", List.of(), "reply-7f3a"));
        assertThat(otherTicket.code()).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
    }

    @DbTest
    void createRefusesARequestIdReusedForAnotherTicket(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket first = f.tickets.create(user("alice"), NewTicket.builder("it", "打印机卡纸").requestId("form-42").build());
        assertThat(f.tickets.create(user("alice"), NewTicket.builder("it", "打印机卡纸").requestId("form-42").build())).isEqualTo(first);
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> f.tickets.create(user("alice"), NewTicket.builder("it", "显示器坏了").requestId("form-42").build()));
        assertThat(e.code()).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
        assertThat(f.queries.list(user("alice"), TicketQuery.all()).total()).isEqualTo(1);
    }

    @DbTest
    void transitionsTimeAndRelationsTakeRequestIdsToo(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.started("网络慢");
        Ticket other = f.open("网络也慢");
        TimeEntry logged = f.tickets.logTime(user("carol"), t.id(), 30, null, "排查", "time-1");
        assertThat(f.tickets.logTime(user("carol"), t.id(), 30, null, "排查", "time-1")).isEqualTo(logged);
        assertThat(f.queries.detail(f.admin, t.id()).timeEntries()).hasSize(1);

        TicketLink link = f.tickets.link(user("carol"), t.id(), LinkKind.RELATED, other.id(), "link-1");
        assertThat(f.tickets.link(user("carol"), t.id(), LinkKind.RELATED, other.id(), "link-1")).isEqualTo(link);

        Ticket resolved = f.tickets.resolve(user("carol"), t.id(), "已处理", "resolve-1");
        assertThat(f.tickets.resolve(user("carol"), t.id(), "已处理", "resolve-1")).isEqualTo(resolved);
        assertThat(f.queries.detail(f.admin, t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.RESOLVED).hasSize(1);
        assertThat(f.ticket(t.id()).resolutions()).isEqualTo(1);
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requesters see their own tickets without internal notes, agents their queues, tenants only themselves. */
class AccessTest {
    @DbTest
    void requestersSeeOnlyTheirOwnTicketsAndNeverInternalNotes(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket alices = f.started("显示器闪烁");
        Ticket franks = f.tickets.create(user("frank"), NewTicket.builder("it", "键盘坏了").build());
        f.tickets.note(user("carol"), alices.id(), "可能是线缆，别告诉用户");
        f.tickets.reply(user("carol"), alices.id(), "请重启试试", List.of());

        TicketDetail seen = f.queries.detail(user("alice"), alices.id());
        assertThat(seen.view()).isEqualTo(TicketView.PUBLIC);
        assertThat(seen.timeline()).extracting(TicketEvent::kind).doesNotContain(TicketEventKind.INTERNAL_NOTE)
                .contains(TicketEventKind.AGENT_REPLY);
        assertThat(seen.timeline()).noneMatch(TicketEvent::internal);
        assertThat(seen.timeEntries()).isEmpty();
        assertThat(f.queries.detail(user("carol"), alices.id()).timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.INTERNAL_NOTE);

        // a ticket the actor may not see answers exactly like one that does not exist: ids and numbers cannot be probed
        long missing = franks.id() + 1000;
        assertThatThrownBy(() -> f.queries.detail(user("alice"), franks.id())).isInstanceOf(NotFoundException.class)
                .hasMessage(messageOf(() -> f.queries.detail(user("alice"), missing)).replace(Long.toString(missing), Long.toString(franks.id())));
        assertThatThrownBy(() -> f.queries.detail(user("alice"), franks.number())).isInstanceOf(NotFoundException.class)
                .hasMessage(messageOf(() -> f.queries.detail(user("alice"), "TK-0000-999999")).replace("TK-0000-999999", franks.number()));
        assertThatThrownBy(() -> f.tickets.reply(user("alice"), franks.id(), "hi", List.of())).isInstanceOf(NotFoundException.class)
                .hasMessage(messageOf(() -> f.tickets.reply(user("alice"), missing, "hi", List.of()))
                        .replace(Long.toString(missing), Long.toString(franks.id())));
        assertThatThrownBy(() -> f.oa.service(TicketRouting.class).assignmentExplanation(user("alice"), franks.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.tickets.note(user("alice"), alices.id(), "sneaky")).isInstanceOf(ForbiddenException.class);
        assertThat(f.queries.list(user("alice"), TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(alices.id());
        assertThat(f.queries.list(user("frank"), TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(franks.id());

        // a watcher sees the public view
        f.tickets.watch(user("carol"), franks.id(), "alice", true);
        assertThat(f.queries.detail(user("alice"), franks.id()).view()).isEqualTo(TicketView.PUBLIC);
        assertThat(f.queries.list(user("alice"), TicketQuery.builder().scope(TicketQuery.Scope.WATCHING).build()).items())
                .extracting(Ticket::id).containsExactly(franks.id());
        assertThatThrownBy(() -> f.tickets.reply(user("alice"), franks.id(), "hi", List.of())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.tickets.watch(user("alice"), franks.id(), "frank", false)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only their own watching");
        assertThatThrownBy(() -> f.tickets.watch(user("carol"), franks.id(), "ghost", true))
                .isInstanceOf(dev.oakit.core.ValidationException.class).hasMessageContaining("not in the directory");
        f.tickets.watch(user("alice"), franks.id(), "alice", false);
        assertThatThrownBy(() -> f.queries.detail(user("alice"), franks.id())).isInstanceOf(NotFoundException.class);
    }

    @DbTest
    void agentsSeeTheirQueuesAndAdministratorsEverything(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket it = f.open("邮箱满了");
        Ticket repair = f.tickets.create(user("alice"), NewTicket.builder("repair", "空调漏水").build());
        assertThat(repair.queue()).isEqualTo("fac");

        assertThat(f.queries.list(user("carol"), TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(it.id());
        assertThat(f.queries.list(user("erin"), TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(repair.id());
        assertThat(f.queries.list(f.admin, TicketQuery.all()).total()).isEqualTo(2);
        assertThatThrownBy(() -> f.queries.detail(user("erin"), it.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.tickets.claim(user("erin"), it.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.tickets.claim(user("alice"), it.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("agents of queue 'it' may");

        // reassigned to facilities: the IT agents lose it, erin gets it
        f.tickets.reassign(user("bob"), it.id(), "fac", "erin", "是后勤的事");
        assertThat(f.queries.list(user("carol"), TicketQuery.all()).items()).isEmpty();
        assertThat(f.queries.detail(user("erin"), it.id()).ticket().assignee()).isEqualTo("erin");

        // only agents create tickets for somebody else
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("it", "x").requester(Requester.user("frank")).build()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only for themselves");
        Ticket phone = f.tickets.create(user("bob"), NewTicket.builder("it", "客户来电").channel("phone")
                .requester(Requester.contact("王先生", "wang@example.com", "CRM-88")).build());
        assertThat(phone.requester().internal()).isFalse();
        assertThat(phone.requester().customerRef()).isEqualTo("CRM-88");
    }

    @DbTest
    void tenantsNeverSeeEachOther(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        f.setUpTenant("globex");
        Ticket acme = f.open("acme 的工单");
        Actor globexAdmin = Actor.admin("globex", "root");
        assertThatThrownBy(() -> f.queries.detail(globexAdmin, acme.id())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist in tenant 'globex'");
        assertThatThrownBy(() -> f.tickets.claim(Actor.of("globex", "carol"), acme.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.queries.detail(globexAdmin, acme.number())).isInstanceOf(NotFoundException.class);
        assertThat(f.queries.list(globexAdmin, TicketQuery.all()).items()).isEmpty();
        assertThat(f.queries.workbench(Actor.of("globex", "carol")).teamQueue()).isZero();
        Ticket globex = f.tickets.create(Actor.of("globex", "alice"), NewTicket.builder("it", "globex 的工单").build());
        assertThat(globex.number()).endsWith("-000001");
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (NotFoundException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a NotFoundException");
    }
}

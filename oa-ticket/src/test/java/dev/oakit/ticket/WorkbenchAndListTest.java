package dev.oakit.ticket;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.LocalDate;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Workbench counts per role and the filtered, paged list. */
class WorkbenchAndListTest {
    @DbTest
    void workbenchCountsPerRole(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        f.open("一");                                   // unassigned in it
        f.open("二");                                   // unassigned in it
        Ticket mine = f.started("三");                  // carol, in progress
        Ticket done = f.started("四");
        f.tickets.resolve(user("carol"), done.id(), null); // waits for alice's acceptance
        f.tickets.create(user("frank"), NewTicket.builder("repair", "五").build()); // facilities

        TicketWorkbench carol = f.queries.workbench(user("carol"));
        assertThat(carol).isEqualTo(new TicketWorkbench(1, 3, 2, 0, 0, 1));
        TicketWorkbench alice = f.queries.workbench(user("alice"));
        assertThat(alice.waitingForMyAcceptance()).isEqualTo(1);
        assertThat(alice.teamQueue()).isZero();
        assertThat(f.queries.workbench(user("erin"))).isEqualTo(new TicketWorkbench(0, 1, 1, 0, 0, 0));
        assertThat(f.queries.workbench(f.admin).teamQueue()).isEqualTo(4);
        assertThat(mine.assignee()).isEqualTo("carol");
    }

    @DbTest
    void listsFilterAndPage(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        for (int i = 0; i < 7; i++) {
            f.tickets.create(user("alice"), NewTicket.builder("it", "打印 " + i).category(i % 2 == 0 ? "hw.printer" : "sw")
                    .priority(i == 3 ? Priority.URGENT : null).tags(i < 2 ? "vip" : "normal").build());
        }
        Ticket started = f.started("进行中");
        f.tickets.logTime(user("carol"), started.id(), 45, LocalDate.of(2026, 11, 23), "排查");

        TicketPage first = f.queries.list(user("carol"), TicketQuery.builder().page(0, 3).build());
        assertThat(first.total()).isEqualTo(8);
        assertThat(first.items()).hasSize(3);
        assertThat(first.items().get(0).title()).isEqualTo("进行中");
        TicketPage third = f.queries.list(user("carol"), TicketQuery.builder().page(6, 3).build());
        assertThat(third.items()).hasSize(2);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().category("hw").build()).total()).isEqualTo(4);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().priority(Priority.URGENT).build()).total()).isEqualTo(1);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().tag("vip").build()).total()).isEqualTo(2);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().unassigned().openOnly().build()).total()).isEqualTo(7);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().scope(TicketQuery.Scope.ASSIGNED_TO_ME).build()).total()).isEqualTo(1);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().stateKind(StateKind.IN_PROGRESS).build()).items())
                .extracting(Ticket::id).containsExactly(started.id());
        assertThat(f.queries.list(user("alice"), TicketQuery.builder().scope(TicketQuery.Scope.REQUESTED_BY_ME).build()).total()).isEqualTo(8);
        assertThat(f.queries.list(user("erin"), TicketQuery.all()).total()).isZero();
        assertThat(f.queries.detail(user("carol"), started.id()).timeEntries()).singleElement()
                .satisfies(e -> assertThat(e.minutes()).isEqualTo(45));
        assertThat(f.queries.detail(user("alice"), started.number()).timeEntries()).isEmpty();
    }

    @DbTest
    void listsACustomersTicketsWithTheSameVisibility(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket acme = f.tickets.create(user("carol"), NewTicket.builder("it", "Acme printer")
                .requester(Requester.contact("Lee", "lee@acme.example", "acct-acme")).build());
        f.tickets.create(user("carol"), NewTicket.builder("it", "Other printer")
                .requester(Requester.contact("Kim", "kim@other.example", "acct-other")).build());
        f.open("internal");

        assertThat(f.queries.list(user("carol"), TicketQuery.builder().customer("acct-acme").build()).items()).extracting(Ticket::id)
                .containsExactly(acme.id());
        assertThat(f.queries.list(user("erin"), TicketQuery.builder().customer("acct-acme").build()).total()).isZero();
    }
}

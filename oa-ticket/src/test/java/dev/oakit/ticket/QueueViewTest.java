package dev.oakit.ticket;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent's queue view (scope MY_QUEUES): the open tickets of the actor's queues, with none, one or several queues. */
class QueueViewTest {
    private static final TicketQuery OPEN_MINE = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().build();

    @DbTest
    void listsTheOpenTicketsOfMyQueuesNewestFirst(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket a = f.open("一");
        Ticket b = f.started("二");
        Ticket c = f.open("三");
        Ticket done = f.started("四");
        f.tickets.resolve(user("carol"), done.id(), null);
        Ticket fac1 = f.tickets.create(user("frank"), NewTicket.builder("repair", "五").build());
        Ticket d = f.open("六");
        Ticket fac2 = f.tickets.create(user("frank"), NewTicket.builder("repair", "七").build());

        TicketPage carol = f.queries.list(user("carol"), OPEN_MINE);
        assertThat(carol.items()).extracting(Ticket::id).containsExactly(d.id(), c.id(), b.id(), a.id());
        assertThat(carol.total()).isEqualTo(4);
        TicketPage second = f.queries.list(user("carol"), TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().page(2, 2).build());
        assertThat(second.items()).extracting(Ticket::id).containsExactly(b.id(), a.id());
        assertThat(second.total()).isEqualTo(4);
        assertThat(f.queries.list(user("carol"), TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).build()).items())
                .extracting(Ticket::id).containsExactly(d.id(), done.id(), c.id(), b.id(), a.id());
        assertThat(f.queries.list(user("erin"), OPEN_MINE).items()).extracting(Ticket::id).containsExactly(fac2.id(), fac1.id());

        // dave in two queues: both, merged newest first
        f.queues.setMembers(f.admin, "fac", List.of(QueueMember.dispatcher("erin"), QueueMember.agent("dave")));
        TicketPage dave = f.queries.list(user("dave"), OPEN_MINE);
        assertThat(dave.items()).extracting(Ticket::id).containsExactly(fac2.id(), d.id(), fac1.id(), c.id(), b.id(), a.id());
        assertThat(dave.total()).isEqualTo(6);
        assertThat(f.queries.list(user("dave"), TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().queue("fac").build())
                .items()).extracting(Ticket::id).containsExactly(fac2.id(), fac1.id());

        // in no queue: nothing, even of the tickets the actor requested
        TicketPage frank = f.queries.list(user("frank"), OPEN_MINE);
        assertThat(frank.items()).isEmpty();
        assertThat(frank.total()).isZero();
        assertThat(f.queries.list(user("frank"), TicketQuery.builder().scope(TicketQuery.Scope.REQUESTED_BY_ME).openOnly().build())
                .items()).extracting(Ticket::id).containsExactly(fac2.id(), fac1.id());
    }
}

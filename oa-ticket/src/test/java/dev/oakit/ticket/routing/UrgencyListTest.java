package dev.oakit.ticket.routing;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketQuery;

import java.util.List;

import static dev.oakit.ticket.routing.SlaWiringTest.mon;
import static org.assertj.core.api.Assertions.assertThat;

/** A queue's list by urgency: due (SLA or set by hand), then priority, then age; no due last; open first. */
class UrgencyListTest {

    @DbTest
    void earliestDueFirstThenPriorityThenAgeAndNoDueLast(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);                      // no dispatch rules: no SLA unless chosen
        r.routing.saveSlaPolicy(r.admin, RoutingRulesTest.STANDARD);   // NORMAL resolution 4 h, HIGH 2 h
        Ticket noDue = r.create(NewTicket.builder("it", "A").queue("desk"));
        Ticket sla4h = r.create(NewTicket.builder("it", "B").queue("desk").slaPolicy("standard"));           // due 15:00
        Ticket sla2h = r.create(NewTicket.builder("it", "C").queue("desk").priority(Priority.HIGH).slaPolicy("standard")); // 12:00
        Ticket byHand = r.create(NewTicket.builder("it", "D").queue("desk"));
        r.f.tickets.update(r.admin, byHand.id(), TicketChanges.none().withDueAt(mon(15, 0)).withPriority(Priority.HIGH));
        Ticket urgentNoDue = r.create(NewTicket.builder("it", "E").queue("desk").priority(Priority.URGENT));
        Ticket cancelled = r.create(NewTicket.builder("it", "F").queue("desk").priority(Priority.URGENT).slaPolicy("standard"));
        r.f.tickets.act(r.admin, cancelled.id(), "cancel", "不要了");

        TicketQuery open = TicketQuery.builder().queue("desk").openOnly().byUrgency().build();
        assertThat(ids(r, open)).containsExactly(sla2h.id(), byHand.id(), sla4h.id(), urgentNoDue.id(), noDue.id());
        // without openOnly, what is done comes after every open ticket
        assertThat(ids(r, open.toBuilder().order(TicketQuery.Order.URGENCY).build()).get(0)).isEqualTo(sla2h.id());
        assertThat(ids(r, TicketQuery.builder().queue("desk").byUrgency().build())).last().isEqualTo(cancelled.id());
        // the due moves with the ticket: a hand-set due before everything else puts it first
        r.f.tickets.update(r.admin, noDue.id(), TicketChanges.none().withDueAt(mon(11, 0)));
        assertThat(ids(r, open)).first().isEqualTo(noDue.id());
        // the default order stays newest first
        assertThat(ids(r, TicketQuery.builder().queue("desk").openOnly().build())).first().isEqualTo(urgentNoDue.id());
    }

    private static List<Long> ids(RoutingFixture r, TicketQuery q) {
        return r.f.queries.list(r.admin, q).items().stream().map(Ticket::id).toList();
    }
}

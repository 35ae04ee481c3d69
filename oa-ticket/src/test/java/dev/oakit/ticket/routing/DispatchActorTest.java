package dev.oakit.ticket.routing;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The timeline says who decided: the requester created the ticket, the system dispatched and assigned it. */
class DispatchActorTest {
    @DbTest
    void anAutomaticDispatchIsRecordedAsTheSystemsNotTheRequesters(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy("round-robin");

        Ticket t = r.open("alice", "显示器不亮");
        assertThat(t.assignee()).isNotNull();

        List<TicketEvent> timeline = r.f.queries.detail(r.admin, t.id()).timeline();
        assertThat(timeline).extracting(TicketEvent::kind, TicketEvent::actorId).containsExactly(
                tuple(TicketEventKind.CREATED, "alice"),
                tuple(TicketEventKind.DISPATCHED, Actor.SYSTEM_USER),
                tuple(TicketEventKind.ASSIGNED, Actor.SYSTEM_USER),
                tuple(TicketEventKind.STATE_CHANGED, Actor.SYSTEM_USER));
    }

    @DbTest
    void aDispatchersAssignmentStaysTheDispatchers(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.strategy("manual");
        Ticket t = r.open("alice", "门坏了");
        r.f.tickets.assign(dev.oakit.ticket.TicketFixture.user("bob"), t.id(), "dave");

        assertThat(r.history(t.id(), TicketEventKind.ASSIGNED)).extracting(TicketEvent::actorId).containsExactly("bob");
        assertThat(r.history(t.id(), TicketEventKind.DISPATCHED)).extracting(TicketEvent::actorId).containsExactly(Actor.SYSTEM_USER);
    }
}

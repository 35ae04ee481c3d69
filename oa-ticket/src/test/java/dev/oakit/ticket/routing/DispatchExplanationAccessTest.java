package dev.oakit.ticket.routing;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketView;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.dispatch.RuleConditions;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why dispatch chose an agent (rules, loads, skills) is for the queue's agents and administrators;
 * the requester and watchers learn that the ticket was assigned, and to whom, nothing more.
 */
class DispatchExplanationAccessTest {
    private static Ticket dispatched(RoutingFixture r) {
        r.onlyAgents();
        r.routing.saveDispatchRules(r.admin, DispatchRules.builder()
                .rule("printers", RuleConditions.any().types("it"), new DispatchOutcome("desk", DispatchStrategies.LEAST_LOADED, "HIGH", null))
                .otherwise(DispatchOutcome.of("desk", DispatchStrategies.MANUAL)).build());
        Ticket t = r.open("alice", "打印机卡纸");
        r.f.tickets.watch(user("carol"), t.id(), "frank", true);
        return t;
    }

    /** Everything a reader gets about the ticket's history and assignment, as one text. */
    private static String seenBy(RoutingFixture r, Actor reader, long id) {
        TicketDetail d = r.f.queries.detail(reader, id);
        StringBuilder all = new StringBuilder(d.toString());
        r.routing.assignmentExplanation(reader, id).ifPresent(all::append);
        return all.toString();
    }

    @DbTest
    void theRequesterAndWatchersSeeThatTheTicketWasAssignedNotWhy(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        Ticket t = dispatched(r);
        assertThat(t.assignee()).isNotNull();
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        for (Actor outsider : new Actor[] {user("alice"), user("frank")}) {
            assertThat(r.f.queries.detail(outsider, t.id()).view()).isEqualTo(TicketView.PUBLIC);
            assertThat(r.routing.assignmentExplanation(outsider, t.id())).get().asString()
                    .startsWith("assigned to " + t.assignee() + " at ");
            assertThat(r.f.queries.detail(outsider, t.id()).timeline()).extracting(TicketEvent::kind)
                    .contains(TicketEventKind.ASSIGNED).doesNotContain(TicketEventKind.DISPATCHED);
            assertThat(seenBy(r, outsider, t.id())).doesNotContain("least", "load", "rule", "printers", "strategy", "routing");
        }
    }

    @DbTest
    void agentsOfTheQueueAndAdministratorsSeeTheExplanation(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        Ticket t = dispatched(r);
        for (Actor insider : new Actor[] {user("dave"), user("erin"), r.admin}) {
            assertThat(r.routing.assignmentExplanation(insider, t.id())).get().asString().startsWith("least loaded: ");
            assertThat(seenBy(r, insider, t.id())).contains("rule 'printers' (#1) matched");
        }
    }
}

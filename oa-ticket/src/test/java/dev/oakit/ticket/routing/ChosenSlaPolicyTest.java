package dev.oakit.ticket.routing;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.dispatch.DispatchStrategies;

import static dev.oakit.ticket.TicketFixture.user;
import static dev.oakit.ticket.routing.SlaWiringTest.mon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new ticket that names its SLA policy: who may, which policy, and that dispatch does not override the choice. */
class ChosenSlaPolicyTest {

    @DbTest
    void anAgentOfTheQueueChoosesThePolicyAndDispatchKeepsIt(TestDatabase db) {
        RoutingFixture r = SlaWiringTest.fixture(db, DispatchStrategies.ROUND_ROBIN); // the rules give 'standard'
        Ticket t = r.f.tickets.create(user("carol"), NewTicket.builder("it", "打印机卡纸")
                .requester(Requester.user("alice")).slaPolicy("fast").build());

        assertThat(t.slaPolicy()).isEqualTo("fast");
        assertThat(t.assignee()).isNotNull();                          // dispatch still routes and assigns
        // 'fast': first response 1 h, resolution 2 h from 10:00
        assertThat(r.column(t.id(), "sla_resolution_due")).isEqualTo(mon(12, 0));
        assertThat(r.history(t.id(), TicketEventKind.CREATED).get(0).detail()).containsEntry("slaPolicy", "fast");
    }

    @DbTest
    void anAdministratorMayChooseAndWithoutAChoiceTheRulesDecide(TestDatabase db) {
        RoutingFixture r = SlaWiringTest.fixture(db, DispatchStrategies.ROUND_ROBIN);
        assertThat(r.create(NewTicket.builder("it", "VIP").slaPolicy("gold")).slaPolicy()).isEqualTo("gold");
        assertThat(r.create(NewTicket.builder("it", "普通")).slaPolicy()).isEqualTo("standard");
    }

    @DbTest
    void aRequesterMayNotChooseAndNothingIsCreated(TestDatabase db) {
        RoutingFixture r = SlaWiringTest.fixture(db, DispatchStrategies.ROUND_ROBIN);
        assertThatThrownBy(() -> r.f.tickets.create(user("alice"), NewTicket.builder("it", "我要最快的").slaPolicy("fast").build()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("slaPolicy").hasMessageContaining("'alice'")
                .hasMessageContaining("agents of queue 'desk' and administrators");
        assertThat(r.sql("SELECT COUNT(*) FROM oa_tk_ticket WHERE id > :id", 0L, Integer.class)).isZero();
    }

    @DbTest
    void anUnknownPolicyIsAFieldErrorListingTheSavedOnes(TestDatabase db) {
        RoutingFixture r = SlaWiringTest.fixture(db, DispatchStrategies.ROUND_ROBIN);
        assertThatThrownBy(() -> r.create(NewTicket.builder("it", "白金").slaPolicy("platinum")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("slaPolicy");
                            assertThat(p.message()).contains("'platinum'").contains("fast").contains("TicketRouting.saveSlaPolicy");
                        }));
    }
}

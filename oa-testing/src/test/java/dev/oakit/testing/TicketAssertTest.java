package dev.oakit.testing;

import dev.oakit.core.Actor;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.testing.TicketAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ticket assertions: assignee, state, and an SLA breached by moving the clock. */
class TicketAssertTest {
    // tag::ticket-test[]
    @RegisterExtension
    OaKitExtension oakit = OaKitExtension.builder()
            .plugin(TicketPlugin::new)
            .calendar(BusinessCalendar.builder("office").zone("Asia/Shanghai")
                    .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build())
            .config("ticket", Map.of("calendar", "office"))
            .build();

    @Test
    void anUnresolvedTicketBreachesItsSla(OaTestKit kit, Tickets tickets) {
        Ticket vpn = tickets.create(Actor.of(kit.tenant(), "li.lei"), NewTicket.builder("it", "VPN is down").build());
        tickets.assign(kit.admin(), vpn.id(), "carol");
        assertThat(vpn).isAssignedTo("carol").isInState("assigned").isInQueue("it").hasNotBreachedSla(SlaTarget.RESOLUTION);

        kit.advance(Duration.ofHours(3));     // Monday 10:00 → 13:00 in Shanghai: 2 working hours, lunch excluded
        assertThat(vpn).hasBreachedSla(SlaTarget.RESOLUTION);
    }
    // end::ticket-test[]

    @Test
    void aFailedCheckShowsTheTicket(OaTestKit kit, Tickets tickets) {
        Ticket vpn = tickets.create(Actor.of(kit.tenant(), "li.lei"), NewTicket.builder("it", "VPN is down").build());
        tickets.assign(kit.admin(), vpn.id(), "carol");
        assertThatThrownBy(() -> assertThat(vpn).isAssignedTo("dave"))
                .hasMessageStartingWith("expected ticket " + vpn.number() + " (id " + vpn.id() + ") to be assigned to dave, but OAKit holds: state ")
                .hasMessageContaining("queue it, assignee carol, overdue false, SLA policy short");
        assertThatThrownBy(() -> assertThat(vpn).hasBreachedSla(SlaTarget.RESOLUTION))
                .hasMessageContaining("to have breached its RESOLUTION SLA at 2026-11-23T02:00:00Z")
                .hasMessageContaining("RESOLUTION: due ");
    }

    @BeforeEach
    void helpDesk(OaTestKit kit, Directory directory, Queues queues, TicketCatalog catalog, TicketRouting routing) {
        Actor admin = kit.admin();
        for (String user : new String[] {"li.lei", "carol"}) {
            directory.createUser(admin, User.of(user, user));
        }
        queues.saveQueue(admin, Queue.of("it", "IT"));
        queues.setMembers(admin, "it", List.of(QueueMember.agent("carol")));
        catalog.saveType(admin, TicketType.of("it", "IT").withDefaultQueue("it"));
        routing.saveSlaPolicy(admin, SlaPolicy.builder("short").calendar("office")
                .target("NORMAL", SlaTarget.RESOLUTION, Duration.ofHours(2)).reopen(ReopenRule.RESUME).build());
        routing.saveDispatchRules(admin, DispatchRules.builder()
                .otherwise(new DispatchOutcome("it", DispatchStrategies.MANUAL, null, "short")).build());
    }
}

package dev.oakit.crm.deal;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.Customer360;
import dev.oakit.crm.CustomerKey;
import dev.oakit.crm.CustomerView;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.core.directory.Directory;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.crm.deal.DealFixture.ADMIN;
import static dev.oakit.crm.deal.DealFixture.SARA;
import static dev.oakit.crm.deal.DealFixture.SF;
import static dev.oakit.crm.deal.DealFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer view of a Salesforce account: its open, recent and overdue tickets and its deal approvals,
 * each as the asking user may see them in oa-ticket and oa-workflow.
 */
class Customer360Test {
    private static final Actor TOM = Actor.of(T, "tom");
    private static final Actor ERIN = Actor.of(T, "erin");

    @DbTest
    void oneQueryShowsTicketsAndApprovalsAsTheAskerMaySeeThem(TestDatabase db) {
        ManualClock clock = new ManualClock(ManualClock.MONDAY_MORNING);
        DealFixture f = DealFixture.start(db, null, clock, b -> b.config("ticket", Map.of("startWithin", "PT30M")));
        DirectorySeed.of(f.oa.service(Directory.class), ADMIN).users("tom", "erin");
        Queues queues = f.oa.service(Queues.class);
        queues.saveQueue(ADMIN, Queue.of("support", "Customer support"));
        queues.setMembers(ADMIN, "support", List.of(QueueMember.agent("tom")));
        f.oa.service(TicketCatalog.class).saveType(ADMIN, TicketType.of("case", "Customer case").withDefaultQueue("support"));
        Tickets tickets = f.oa.service(Tickets.class);
        Ticket waiting = tickets.create(TOM, NewTicket.builder("case", "Printer jams").requester(Requester.contact("Lee", "lee@acme.example",
                f.account)).build());
        Ticket solved = tickets.create(TOM, NewTicket.builder("case", "Invoice copy").requester(Requester.contact("Lee", "lee@acme.example",
                f.account)).build());
        tickets.claim(TOM, solved.id());
        tickets.resolve(TOM, solved.id(), null);
        tickets.create(TOM, NewTicket.builder("case", "Someone else").requester(Requester.contact("Kim", "kim@other.example", "001OTHER"))
                .build());
        f.oa.service(IdMap.class).link(ADMIN, ExternalRef.of(SF, CrmConnector.ACCOUNTS, f.account), "cust-42");
        Ticket local = tickets.create(TOM, NewTicket.builder("case", "Asked at the counter").requester(Requester.contact("Lee",
                "lee@acme.example", "cust-42")).build());

        String pending = f.quote("Q-200", "15");
        String approved = f.quote("Q-201", "12");
        f.pull();
        DealRequest inFlight = f.await(ApprovalRequest.Kind.DISCOUNT, pending, 1, DealStatus.IN_APPROVAL);
        DealRequest decided = f.await(ApprovalRequest.Kind.DISCOUNT, approved, 1, DealStatus.IN_APPROVAL);
        f.kit.as("sara").awaitOpenTask(decided.instanceId(), DealFixture.WAIT).approve(decided.instanceId(), "ok");
        f.awaitRound(decided.instanceId(), DealStatus.WRITTEN);
        f.kit.as("sara").awaitOpenTask(inFlight.instanceId(), DealFixture.WAIT);
        clock.advance(Duration.ofMinutes(31)); // nobody started the printer ticket in time
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> f.oa.service(TicketQueries.class)
                .detail(ADMIN, waiting.id()).ticket().overdue());

        Customer360 c360 = f.oa.service(Customer360.class);
        CustomerView all = c360.view(ADMIN, CustomerKey.crmAccount(SF, f.account));
        assertThat(all.customerRefs()).containsExactly(f.account, "cust-42");
        assertThat(all.openTickets()).extracting(Ticket::id).containsExactlyInAnyOrder(waiting.id(), local.id());
        assertThat(all.recentTickets()).extracting(Ticket::id).containsExactly(solved.id());
        assertThat(all.slaBreaches()).extracting(Ticket::id).contains(waiting.id()).doesNotContain(solved.id());
        assertThat(all.approvalsInFlight()).extracting(a -> a.request().requestId()).containsExactly(pending);
        assertThat(all.approvalsDecided()).extracting(a -> a.request().requestId()).containsExactly(approved);
        assertThat(all.approvalsDecided().get(0).request().status()).isEqualTo(DealStatus.WRITTEN);

        // OAKit's own customer reference finds the same customer through the ID map
        CustomerView byLocal = c360.view(ADMIN, CustomerKey.customer("cust-42"));
        assertThat(byLocal.openTickets()).extracting(Ticket::id).containsExactlyInAnyOrder(waiting.id(), local.id());
        assertThat(byLocal.approvalsInFlight()).hasSize(1);

        // the agent sees the tickets of their queue but no approval; the director the approvals but no ticket; others nothing
        CustomerView tom = c360.view(TOM, CustomerKey.crmAccount(SF, f.account));
        assertThat(tom.openTickets()).hasSize(2);
        assertThat(tom.approvalsInFlight()).isEmpty();
        assertThat(tom.approvalsDecided()).isEmpty();
        CustomerView sara = c360.view(SARA, CustomerKey.crmAccount(SF, f.account));
        assertThat(sara.openTickets()).isEmpty();
        assertThat(sara.approvalsInFlight()).hasSize(1);
        assertThat(sara.approvalsDecided()).hasSize(1);
        CustomerView erin = c360.view(ERIN, CustomerKey.crmAccount(SF, f.account));
        assertThat(erin.openTickets()).isEmpty();
        assertThat(erin.slaBreaches()).isEmpty();
        assertThat(erin.approvalsInFlight()).isEmpty();
        assertThat(erin.approvalsDecided()).isEmpty();
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An external requester's reply that came through another system (a CRM comment), recorded by the system actor. */
class ContactReplyTest {
    @DbTest
    void theSystemRecordsTheRequestersReplyOnceAndOnlyFromTheirAddress(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = f.tickets.create(TicketFixture.user("bob"), NewTicket.builder("it", "Printer jams")
                .requester(Requester.contact("Ann Lee", "ann@acme.test", null)).build());
        Actor system = Actor.system(TicketFixture.T);
        f.tickets.contactReply(system, t.id(), "Ann@Acme.test", "crm", "Still jamming", "crm:comment-1");
        f.tickets.contactReply(system, t.id(), "Ann@Acme.test", "crm", "Still jamming", "crm:comment-1"); // delivered again
        assertThat(f.queries.detail(f.admin, t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY)
                .singleElement().satisfies(e -> {
                    assertThat(e.body()).isEqualTo("Still jamming");
                    assertThat(e.internal()).isFalse();
                    assertThat(e.detail()).containsEntry("channel", "crm");
                });
        assertThatThrownBy(() -> f.tickets.contactReply(system, t.id(), "eve@example.com", "crm", "hi", null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("not the requester");
        assertThatThrownBy(() -> f.tickets.contactReply(TicketFixture.user("carol"), t.id(), "ann@acme.test", "crm", "hi", null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("system actor or an operator");
    }
}

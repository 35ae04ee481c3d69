package dev.oakit.testing;

import dev.oakit.ticket.Ticket;
import org.apiguardian.api.API;

/**
 * Fluent assertions on tickets (oa-ticket), apart from {@link OaAssertions} so that hosts without oa-ticket
 * compile against those; both can be imported statically side by side.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketAssertions {
    private TicketAssertions() {
    }

    /** Assertions on a ticket (its current state is read, not the snapshot passed in). */
    public static TicketAssert assertThat(Ticket ticket) {
        return new TicketAssert(Current.get(), ticket.id());
    }

    public static TicketAssert assertThat(OaTestKit kit, Ticket ticket) {
        return new TicketAssert(kit, ticket.id());
    }
}

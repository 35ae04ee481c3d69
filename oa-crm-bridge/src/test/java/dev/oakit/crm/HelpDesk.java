package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketType;

import java.util.List;

/**
 * The help desk the CRM flow tests hand cases to: queues {@code support} (agent carol) and {@code care} (agent dave),
 * ticket types {@code service} and {@code complaint}; admin {@code root}.
 */
public final class HelpDesk {
    private HelpDesk() {
    }

    /** Sets it up in the admin's tenant. */
    public static void seed(OaKit oa, Actor admin) {
        DirectorySeed.of(oa.service(Directory.class), admin).users("root", "carol", "dave").admins("root");
        Queues queues = oa.service(Queues.class);
        queues.saveQueue(admin, Queue.of("support", "Support"));
        queues.saveQueue(admin, Queue.of("care", "Customer care"));
        queues.setMembers(admin, "support", List.of(QueueMember.agent("carol")));
        queues.setMembers(admin, "care", List.of(QueueMember.agent("dave")));
        TicketCatalog catalog = oa.service(TicketCatalog.class);
        catalog.saveType(admin, TicketType.of("service", "Service request").withDefaultQueue("support"));
        catalog.saveType(admin, TicketType.of("complaint", "Complaint").withDefaultQueue("care"));
    }
}

package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.User;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.ticket.internal.runner.CommandRunner;
import dev.oakit.ticket.internal.store.TicketRepository;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Sends the tickets of an agent the directory deactivated (by {@code deactivateUser} or an import row with
 * {@code active: false}) back to their queues for dispatch, after that change committed, on oa-core's durable listener
 * job: one command of the system for all of them, each ticket's history saying why. A repeated delivery finds nothing
 * left; an agent reactivated before the delivery keeps their tickets.
 */
public final class DeactivatedAgentListener implements EventListener {
    private final Commands commands;
    private final Directory directory;
    private final TicketRepository tickets;
    private final CommandRunner runner;

    @Inject
    public DeactivatedAgentListener(Commands commands, Directory directory, TicketRepository tickets, CommandRunner runner) {
        this.commands = commands;
        this.directory = directory;
        this.tickets = tickets;
        this.runner = runner;
    }

    @Override
    public String id() {
        return "tk.deactivated-agent";
    }

    @Override
    public boolean accepts(String eventType) {
        return DirectoryEvents.USER_DEACTIVATED.equals(eventType);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String tenant = event.tenantId();
        String userId = event.payload().path("userId").asText();
        Actor system = Actor.system(tenant);
        if (directory.findUser(system, userId).map(User::active).orElse(false)) {
            return;
        }
        List<Long> held = commands.query(h -> tickets.heldBy(h, tenant, userId));
        if (held.isEmpty()) {
            return;
        }
        String why = DirectoryEvents.deactivation(event) + "; back to the queue for dispatch";
        commands.execute(CommandSpec.of(system, "tk.agent.deactivated").withTarget("user", userId), Integer.class, ctx -> {
            int back = 0;
            for (long id : held) {
                back += runner.returnToQueue(ctx, id, userId, why) ? 1 : 0;
            }
            ctx.summary(back + " ticket(s) of inactive agent " + userId + " back to their queues");
            return back;
        });
    }
}

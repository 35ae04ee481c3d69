package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.AttachmentRef;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.Columns;
import dev.oakit.ticket.internal.runner.TicketService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What mail and webhook intake share: who a sender is, and how a message from outside becomes a
 * reply on a ticket. A sender who is the ticket's requester (an internal user, or the external
 * contact with that address) or one of its agents replies publicly; anybody else's message is
 * kept as an internal note, so nothing is lost and nothing reaches the requester unchecked.
 */
@Singleton
public final class ChannelDesk {
    private final TicketService engine;
    private final DirectoryProvider directory;
    private final TicketRepository tickets;

    @Inject
    public ChannelDesk(TicketService engine, DirectoryProvider directory, TicketRepository tickets) {
        this.tickets = tickets;
        this.engine = engine;
        this.directory = directory;
    }

    /** How a message was added to a ticket. */
    enum Added { REPLIED, NOTED }

    /**
     * The active internal user with this e-mail address (case-insensitive), asked of the
     * directory; empty when none or when the address is ambiguous.
     */
    Optional<String> userByEmail(String tenant, String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        List<dev.oakit.core.directory.User> users = directory.activeUsersByEmail(tenant, email);
        return users.size() == 1 ? Optional.of(users.get(0).id()) : Optional.empty();
    }

    /** @return the requester for a sender: the internal user with the address, else an external contact */
    Requester requester(String tenant, String name, String email) {
        Optional<String> user = userByEmail(tenant, email);
        if (user.isPresent()) {
            return Requester.user(user.get());
        }
        return contact(name, email);
    }

    /** @return an external contact with the sender's name and address */
    static Requester contact(String name, String email) {
        String display = name == null || name.isBlank() ? null : Columns.cut(name.strip(), 200);
        return Requester.contact(display, email, null);
    }

    Optional<TicketRepository.Ref> byNumber(Handle h, String tenant, String number) {
        return tickets.refByNumber(h, tenant, number);
    }

    Optional<TicketRepository.Ref> byId(Handle h, String tenant, long id) {
        return tickets.ref(h, tenant, id);
    }

    /**
     * Adds a message from outside to a ticket: a public reply when the sender is its requester or
     * one of its agents, else an internal note naming the sender (also when the ticket is closed).
     * Runs as nested commands in the caller's transaction.
     *
     * @param userId the sender as internal user (mail: only a verified sender, see {@link SenderCheck}), or null
     * @param email the sender's address, or null
     */
    Added add(String tenant, TicketRepository.Ref ticket, String userId, String email, String channel, String body, List<AttachmentRef> files) {
        try {
            if (userId != null) {
                Actor sender = new Actor(tenant, userId, Set.copyOf(directory.rolesOf(tenant, userId)));
                engine.reply(sender, ticket.id(), body, files);
            } else {
                engine.contactReply(tenant, ticket.id(), email, channel, body, files); // the external contact who asked for it
            }
            return Added.REPLIED;
        } catch (ForbiddenException | NotFoundException | ConflictException e) {
            // the ticket exists (the channel found it): "not found" means the sender may not see it
            String who = userId != null ? "user '" + userId + "'" : email;
            String why = e instanceof ConflictException ? "after the ticket was closed" : "who is not a party of this ticket";
            engine.note(Actor.system(tenant), ticket.id(), Columns.cut("Message by " + channel + " from " + who + ", " + why + ":\n\n" + body, 20_000));
            return Added.NOTED;
        }
    }
}

package dev.oakit.ticket.internal.command;

import dev.oakit.core.directory.User;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.LinkKind;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.TicketType;

import java.util.List;
import java.util.Optional;

/**
 * What a decision may look up besides the ticket it decides on, in the command's transaction: queues and their
 * members, agents, the catalog, the directory, and a few facts about other rows. Reads only; the runner
 * implements it over the repositories.
 */
public interface TicketReads {
    /** @return the user's dispatcher flag in the queue, empty when they are no member */
    Optional<Boolean> membership(String queue, String userId);

    /** @return whether the user is a member of any queue */
    boolean agentAnywhere(String userId);

    Optional<Queue> queue(String key);

    /** @return the queue; a {@code ValidationException} naming the field when it does not exist */
    Queue requireQueue(String key, String field);

    Optional<Category> category(String key);

    /** @return the type; {@code OA-TK/TYPE_NOT_FOUND} when it does not exist */
    TicketType type(String key);

    /** @return the queue's dispatchers */
    List<String> dispatchers(String queue);

    /** @return the ticket's watchers */
    List<String> watchers(long ticketId);

    /** @return the numbers of the ticket's children that are neither resolved nor closed */
    List<String> openChildren(long ticketId);

    /** @return the ticket's parent, or null */
    Long parentOf(long ticketId);

    /** @return the open tickets assigned to the user */
    int openLoad(String userId);

    /** @return the user's agent profile, if saved */
    Optional<Agent> agent(String userId);

    /** @return the directory's user of the tenant */
    Optional<User> user(String userId);

    /** @return the names of the saved SLA policies, sorted */
    List<String> slaPolicyNames();

    /** @return whether this link exists */
    boolean linked(long fromId, LinkKind kind, long toId);

    /** @return whether the ticket's resolution was rated */
    boolean rated(long ticketId, int resolution);
}

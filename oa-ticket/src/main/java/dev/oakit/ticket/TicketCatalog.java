package dev.oakit.ticket;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Ticket types (each with its form and lifecycle) and the category tree. Writes are for
 * administrators and audited; reads for every user of the tenant. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TicketCatalog {
    /** Creates or replaces a ticket type; its default queue, if named, must exist. */
    TicketType saveType(Actor admin, TicketType type);

    /** @return the type, or a {@link dev.oakit.core.NotFoundException} */
    TicketType type(Actor actor, String key);

    /** @return every type, by key */
    List<TicketType> types(Actor actor);

    /** Creates or replaces a category; its parent must exist and no cycle may form. */
    Category saveCategory(Actor admin, Category category);

    /** @return every category, by key */
    List<Category> categories(Actor actor);
}

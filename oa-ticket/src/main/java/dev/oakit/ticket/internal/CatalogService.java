package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link TicketCatalog}: ticket types and categories, checked here and stored by {@link CatalogRepository}. */
@Singleton
public final class CatalogService implements TicketCatalog {
    private final Commands commands;
    private final CatalogRepository catalog;
    private final QueueRepository queues;

    @Inject
    public CatalogService(Commands commands, CatalogRepository catalog, QueueRepository queues) {
        this.commands = commands;
        this.catalog = catalog;
        this.queues = queues;
    }

    @Override
    public TicketType saveType(Actor admin, TicketType type) {
        Checks.notNull("admin", admin);
        Checks.notNull("type", type);
        admin.requireAdmin("save ticket types");
        commands.execute(CommandSpec.of(admin, "tk.type.save").withTarget("ticket-type", type.key()), Void.class, ctx -> {
            Handle h = ctx.handle();
            if (type.defaultQueue() != null) {
                queues.requireQueue(h, ctx.tenantId(), type.defaultQueue(), "defaultQueue");
            }
            boolean created = catalog.saveType(h, ctx.tenantId(), type, ctx.now());
            ctx.summary((created ? "created" : "replaced") + " ticket type '" + type.key() + "'");
            return null;
        });
        return type;
    }

    @Override
    public TicketType type(Actor actor, String key) {
        Checks.notNull("actor", actor);
        Checks.id("key", key);
        return commands.query(h -> catalog.type(h, actor.tenantId(), key));
    }

    @Override
    public List<TicketType> types(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> catalog.types(h, actor.tenantId()));
    }

    @Override
    public Category saveCategory(Actor admin, Category category) {
        Checks.notNull("admin", admin);
        Checks.notNull("category", category);
        admin.requireAdmin("save ticket categories");
        commands.execute(CommandSpec.of(admin, "tk.category.save").withTarget("ticket-category", category.key()), Void.class, ctx -> {
            Handle h = ctx.handle();
            Map<String, String> parents = new HashMap<>();
            for (Category c : catalog.categories(h, ctx.tenantId())) {
                parents.put(c.key(), c.parentKey());
            }
            if (category.parentKey() != null) {
                if (!parents.containsKey(category.parentKey())) {
                    throw ValidationException.of("parentKey", "category '" + category.parentKey() + "' does not exist; save the parent first");
                }
                parents.put(category.key(), category.parentKey());
                Set<String> seen = new HashSet<>();
                for (String k = category.key(); k != null; k = parents.get(k)) {
                    if (!seen.add(k)) {
                        throw ValidationException.of("parentKey", "making '" + category.parentKey() + "' the parent of '" + category.key()
                                + "' would form a cycle; choose a parent outside its sub-tree");
                    }
                }
            }
            catalog.saveCategory(h, ctx.tenantId(), category);
            ctx.summary("saved ticket category '" + category.key() + "'");
            return null;
        });
        return category;
    }

    @Override
    public List<Category> categories(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> catalog.categories(h, actor.tenantId()));
    }
}

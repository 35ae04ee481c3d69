package dev.oakit.ticket.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Ticket types and categories in {@code oa_tk_type} and {@code oa_tk_category}. */
@Singleton
public final class CatalogStore implements TicketCatalog {
    private final Commands commands;
    private final ObjectMapper json;
    private final java.util.Map<String, Lifecycle> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public CatalogStore(Commands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Override
    public TicketType saveType(Actor admin, TicketType type) {
        Checks.notNull("admin", admin);
        Checks.notNull("type", type);
        admin.requireAdmin("save ticket types");
        commands.execute(CommandSpec.of(admin, "tk.type.save").withTarget("ticket-type", type.key()), Void.class, ctx -> {
            Handle h = ctx.handle();
            if (type.defaultQueue() != null) {
                QueueStore.requireQueue(h, ctx.tenantId(), type.defaultQueue(), "defaultQueue");
            }
            String lifecycle = write(type.lifecycle());
            String form = type.form() == null ? null : type.form().toJson();
            int n = h.createUpdate("""
                    UPDATE oa_tk_type SET name = :n, form = :f, lifecycle = :l, default_queue = :q, default_priority = :p, updated_at = :now
                    WHERE tenant_id = :t AND type_key = :k""")
                    .bind("t", ctx.tenantId()).bind("k", type.key()).bind("n", type.name()).bind("f", form).bind("l", lifecycle)
                    .bind("q", type.defaultQueue()).bind("p", type.defaultPriority().name()).bind("now", TicketRow.db(ctx.now())).execute();
            if (n == 0) {
                h.createUpdate("""
                        INSERT INTO oa_tk_type (tenant_id, type_key, name, form, lifecycle, default_queue, default_priority, updated_at)
                        VALUES (:t, :k, :n, :f, :l, :q, :p, :now)""")
                        .bind("t", ctx.tenantId()).bind("k", type.key()).bind("n", type.name()).bind("f", form).bind("l", lifecycle)
                        .bind("q", type.defaultQueue()).bind("p", type.defaultPriority().name()).bind("now", TicketRow.db(ctx.now())).execute();
            }
            ctx.summary((n == 0 ? "created" : "replaced") + " ticket type '" + type.key() + "'");
            return null;
        });
        return type;
    }

    @Override
    public TicketType type(Actor actor, String key) {
        Checks.notNull("actor", actor);
        Checks.id("key", key);
        return commands.query(h -> type(h, actor.tenantId(), key));
    }

    @Override
    public List<TicketType> types(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT * FROM oa_tk_type WHERE tenant_id = :t ORDER BY type_key")
                .bind("t", actor.tenantId()).map((rs, c) -> read(rs.getString("type_key"), rs.getString("name"), rs.getString("form"),
                        rs.getString("lifecycle"), rs.getString("default_queue"), rs.getString("default_priority"))).list());
    }

    /**
     * The lifecycle of a type, for commands and queries on tickets: one indexed read, parsed once
     * per distinct lifecycle text (types change rarely; the text is the cache key, so a changed
     * type is never served stale).
     */
    Lifecycle lifecycle(Handle h, String tenant, String key) {
        String text = h.createQuery("SELECT lifecycle FROM oa_tk_type WHERE tenant_id = :t AND type_key = :k").bind("t", tenant).bind("k", key)
                .mapTo(String.class).findOne().orElseThrow(() -> noType(tenant, key));
        if (parsed.size() > 1000) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(text, this::readLifecycle);
    }

    private Lifecycle readLifecycle(String text) {
        try {
            return json.readValue(text, Lifecycle.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket type has an unreadable lifecycle", e);
        }
    }

    private static NotFoundException noType(String tenant, String key) {
        return new NotFoundException("OA-TK/TYPE_NOT_FOUND", "ticket type '" + key + "' does not exist in tenant '"
                + tenant + "'; an administrator saves it with TicketCatalog.saveType");
    }

    /** Loads a type in a command or query. */
    TicketType type(Handle h, String tenant, String key) {
        return h.createQuery("SELECT * FROM oa_tk_type WHERE tenant_id = :t AND type_key = :k").bind("t", tenant).bind("k", key)
                .map((rs, c) -> read(rs.getString("type_key"), rs.getString("name"), rs.getString("form"), rs.getString("lifecycle"),
                        rs.getString("default_queue"), rs.getString("default_priority"))).findOne()
                .orElseThrow(() -> noType(tenant, key));
    }

    private TicketType read(String key, String name, String form, String lifecycle, String queue, String priority) {
        try {
            return new TicketType(key, name, form == null ? null : FormSchema.fromJson(form), parsed.computeIfAbsent(lifecycle, this::readLifecycle),
                    queue, Priority.valueOf(priority));
        } catch (RuntimeException e) {
            throw new IllegalStateException("ticket type '" + key + "' is unreadable", e);
        }
    }

    private String write(Object value) {
        return JsonText.write(json, value);
    }

    @Override
    public Category saveCategory(Actor admin, Category category) {
        Checks.notNull("admin", admin);
        Checks.notNull("category", category);
        admin.requireAdmin("save ticket categories");
        commands.execute(CommandSpec.of(admin, "tk.category.save").withTarget("ticket-category", category.key()), Void.class, ctx -> {
            Handle h = ctx.handle();
            Map<String, String> parents = new HashMap<>();
            for (Category c : categories(h, ctx.tenantId())) {
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
            int n = h.createUpdate("UPDATE oa_tk_category SET parent_key = :p, name = :n, active = :a WHERE tenant_id = :t AND cat_key = :k")
                    .bind("t", ctx.tenantId()).bind("k", category.key()).bind("p", category.parentKey()).bind("n", category.name())
                    .bind("a", category.active()).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO oa_tk_category (tenant_id, cat_key, parent_key, name, active) VALUES (:t, :k, :p, :n, :a)")
                        .bind("t", ctx.tenantId()).bind("k", category.key()).bind("p", category.parentKey()).bind("n", category.name())
                        .bind("a", category.active()).execute();
            }
            ctx.summary("saved ticket category '" + category.key() + "'");
            return null;
        });
        return category;
    }

    @Override
    public List<Category> categories(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> categories(h, actor.tenantId()));
    }

    static List<Category> categories(Handle h, String tenant) {
        return h.createQuery("SELECT cat_key, parent_key, name, active FROM oa_tk_category WHERE tenant_id = :t ORDER BY cat_key")
                .bind("t", tenant).map((rs, c) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }

    /** @return the category if it exists */
    static Optional<Category> category(Handle h, String tenant, String key) {
        return h.createQuery("SELECT cat_key, parent_key, name, active FROM oa_tk_category WHERE tenant_id = :t AND cat_key = :k")
                .bind("t", tenant).bind("k", key)
                .map((rs, c) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).findOne();
    }

    /** @return the key and every descendant key */
    static Set<String> subTree(Handle h, String tenant, String key) {
        List<Category> all = categories(h, tenant);
        Set<String> out = new HashSet<>(Set.of(key));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Category c : all) {
                if (c.parentKey() != null && out.contains(c.parentKey()) && out.add(c.key())) {
                    grew = true;
                }
            }
        }
        return out;
    }
}

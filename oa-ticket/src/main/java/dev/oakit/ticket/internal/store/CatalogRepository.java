package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every statement on {@code oa_tk_type} (ticket types with their form and lifecycle) and {@code oa_tk_category}.
 * Lifecycles are parsed once per distinct text (the text is the cache key, so a changed type is never served stale).
 */
@Singleton
public final class CatalogRepository {
    private final ObjectMapper json;
    private final Map<String, Lifecycle> parsed = new ConcurrentHashMap<>();
    private final ConfigCache cache;

    @Inject
    public CatalogRepository(ObjectMapper json, ConfigCache cache) {
        this.json = json;
        this.cache = cache;
    }

    // ------------------------------------------------------------------ types

    /**
     * Inserts or replaces a type.
     *
     * @return true when the type is new
     */
    public boolean saveType(Handle h, String tenant, TicketType type, Instant now) {
        cache.changed(h);
        String lifecycle = JsonText.write(json, type.lifecycle());
        String form = type.form() == null ? null : type.form().toJson();
        int n = h.createUpdate("""
                UPDATE oa_tk_type SET name = :n, form = :f, lifecycle = :l, default_queue = :q, default_priority = :p, updated_at = :now
                WHERE tenant_id = :t AND type_key = :k""")
                .bind("t", tenant).bind("k", type.key()).bind("n", type.name()).bind("f", form).bind("l", lifecycle)
                .bind("q", type.defaultQueue()).bind("p", type.defaultPriority().name()).bind("now", Columns.db(now)).execute();
        if (n == 0) {
            h.createUpdate("""
                    INSERT INTO oa_tk_type (tenant_id, type_key, name, form, lifecycle, default_queue, default_priority, updated_at)
                    VALUES (:t, :k, :n, :f, :l, :q, :p, :now)""")
                    .bind("t", tenant).bind("k", type.key()).bind("n", type.name()).bind("f", form).bind("l", lifecycle)
                    .bind("q", type.defaultQueue()).bind("p", type.defaultPriority().name()).bind("now", Columns.db(now)).execute();
        }
        return n == 0;
    }

    /** @return every type of the tenant, by key */
    public List<TicketType> types(Handle h, String tenant) {
        return h.createQuery("SELECT * FROM oa_tk_type WHERE tenant_id = :t ORDER BY type_key")
                .bind("t", tenant).map((rs, c) -> read(rs.getString("type_key"), rs.getString("name"), rs.getString("form"),
                        rs.getString("lifecycle"), rs.getString("default_queue"), rs.getString("default_priority"))).list();
    }

    /** @return the type (cached, {@link ConfigCache}); {@code OA-TK/TYPE_NOT_FOUND} when it does not exist */
    public TicketType type(Handle h, String tenant, String key) {
        Optional<TicketType> type = cache.get(() -> findType(h, tenant, key), "type", tenant, key);
        return type.orElseThrow(() -> noType(tenant, key));
    }

    private Optional<TicketType> findType(Handle h, String tenant, String key) {
        return h.createQuery("SELECT * FROM oa_tk_type WHERE tenant_id = :t AND type_key = :k").bind("t", tenant).bind("k", key)
                .map((rs, c) -> read(rs.getString("type_key"), rs.getString("name"), rs.getString("form"), rs.getString("lifecycle"),
                        rs.getString("default_queue"), rs.getString("default_priority"))).findOne();
    }

    /** The lifecycle of a type, for commands and queries on tickets: the cached type's ({@link #type}). */
    public Lifecycle lifecycle(Handle h, String tenant, String key) {
        return type(h, tenant, key).lifecycle();
    }

    private Lifecycle readLifecycle(String text) {
        try {
            return json.readValue(text, Lifecycle.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket type has an unreadable lifecycle", e);
        }
    }

    private static NotFoundException noType(String tenant, String key) {
        return new NotFoundException(TicketErrors.TYPE_NOT_FOUND, "ticket type '" + key + "' does not exist in tenant '"
                + tenant + "'; an administrator saves it with TicketCatalog.saveType");
    }

    private TicketType read(String key, String name, String form, String lifecycle, String queue, String priority) {
        try {
            return new TicketType(key, name, form == null ? null : FormSchema.fromJson(form), parsed.computeIfAbsent(lifecycle, this::readLifecycle),
                    queue, Priority.valueOf(priority));
        } catch (RuntimeException e) {
            throw new IllegalStateException("ticket type '" + key + "' is unreadable", e);
        }
    }

    // ------------------------------------------------------------------ categories

    /** Inserts or replaces a category. */
    public void saveCategory(Handle h, String tenant, Category category) {
        cache.changed(h);
        int n = h.createUpdate("UPDATE oa_tk_category SET parent_key = :p, name = :n, active = :a WHERE tenant_id = :t AND cat_key = :k")
                .bind("t", tenant).bind("k", category.key()).bind("p", category.parentKey()).bind("n", category.name())
                .bind("a", category.active()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_tk_category (tenant_id, cat_key, parent_key, name, active) VALUES (:t, :k, :p, :n, :a)")
                    .bind("t", tenant).bind("k", category.key()).bind("p", category.parentKey()).bind("n", category.name())
                    .bind("a", category.active()).execute();
        }
    }

    /** @return every category of the tenant, by key (cached, {@link ConfigCache}) */
    public List<Category> categories(Handle h, String tenant) {
        return cache.get(() -> List.copyOf(h.createQuery("SELECT cat_key, parent_key, name, active FROM oa_tk_category WHERE tenant_id = :t ORDER BY cat_key")
                .bind("t", tenant).map((rs, c) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list()),
                "categories", tenant);
    }

    /** @return the category, if it exists (from the cached {@link #categories}) */
    public Optional<Category> category(Handle h, String tenant, String key) {
        return categories(h, tenant).stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** @return the key and every descendant key */
    public Set<String> subTree(Handle h, String tenant, String key) {
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

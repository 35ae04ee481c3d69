package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.sla.SlaPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every statement on {@code oa_tk_dispatch_rules} (a tenant's dispatch rules) and {@code oa_tk_sla_policy}, both as JSON. */
@Singleton
public final class RoutingRepository {
    private final ObjectMapper json;
    private final ConfigCache cache;

    @Inject
    public RoutingRepository(ObjectMapper shared, ConfigCache cache) {
        this.cache = cache;
        // durations as ISO-8601 ("PT4H"), the form docs/ticket-sla.md shows
        this.json = shared.copy().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    /** @return the tenant's rules, if saved (cached, {@link ConfigCache}) */
    public Optional<DispatchRules> rules(Handle h, String tenant) {
        return cache.get(() -> h.createQuery("SELECT rules FROM oa_tk_dispatch_rules WHERE tenant_id = :t").bind("t", tenant).mapTo(String.class)
                .findOne().map(text -> read(text, DispatchRules.class, "dispatch rules of tenant '" + tenant + "'")), "rules", tenant);
    }

    public void saveRules(Handle h, String tenant, DispatchRules rules, Instant now) {
        cache.changed(h);
        String text = JsonText.write(json, rules);
        int n = h.createUpdate("UPDATE oa_tk_dispatch_rules SET rules = :r, updated_at = :now WHERE tenant_id = :t")
                .bind("t", tenant).bind("r", text).bind("now", Columns.db(now)).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_tk_dispatch_rules (tenant_id, rules, updated_at) VALUES (:t, :r, :now)")
                    .bind("t", tenant).bind("r", text).bind("now", Columns.db(now)).execute();
        }
    }

    public void savePolicy(Handle h, String tenant, SlaPolicy policy, Instant now) {
        cache.changed(h);
        String text = JsonText.write(json, policy);
        int n = h.createUpdate("UPDATE oa_tk_sla_policy SET policy = :p, updated_at = :now WHERE tenant_id = :t AND name = :n")
                .bind("t", tenant).bind("n", policy.name()).bind("p", text).bind("now", Columns.db(now)).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_tk_sla_policy (tenant_id, name, policy, updated_at) VALUES (:t, :n, :p, :now)")
                    .bind("t", tenant).bind("n", policy.name()).bind("p", text).bind("now", Columns.db(now)).execute();
        }
    }

    /** @return the tenant's policies, by name (cached, {@link ConfigCache}) */
    public List<SlaPolicy> policies(Handle h, String tenant) {
        return cache.get(() -> List.copyOf(h.createQuery("SELECT policy FROM oa_tk_sla_policy WHERE tenant_id = :t ORDER BY name").bind("t", tenant)
                .mapTo(String.class).map(text -> read(text, SlaPolicy.class, "an SLA policy of tenant '" + tenant + "'")).list()),
                "policies", tenant);
    }

    /** @return the names of the tenant's policies, sorted */
    public List<String> policyNames(Handle h, String tenant) {
        return policies(h, tenant).stream().map(SlaPolicy::name).toList();
    }

    /** @return the named policies that exist, by name */
    public Map<String, SlaPolicy> policies(Handle h, String tenant, Collection<String> names) {
        Map<String, SlaPolicy> out = new LinkedHashMap<>();
        for (SlaPolicy p : policies(h, tenant)) {
            if (names.contains(p.name())) {
                out.put(p.name(), p);
            }
        }
        return out;
    }

    private <T> T read(String text, Class<T> type, String what) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}

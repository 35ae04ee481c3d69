package dev.oakit.integration.internal.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.mapping.MappingIssue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_int_mapping_state}: one row per tenant and mapping version once it was checked. */
@Singleton
public final class MappingStateRepository {
    private static final TypeReference<List<MappingIssue>> ISSUES = new TypeReference<>() {
    };

    /** A stored state. */
    public record Row(String mapping, int version, boolean quarantined, List<MappingIssue> issues, Instant since, Instant checkedAt) {
    }

    private final ObjectMapper json;

    @Inject
    public MappingStateRepository(ObjectMapper json) {
        this.json = json;
    }

    /** @return the state of one version, if it was ever checked */
    public Optional<Row> find(Handle h, String tenant, String mapping, int version) {
        return h.createQuery("SELECT mapping_id, version, quarantined, issues, since, checked_at FROM oa_int_mapping_state"
                        + " WHERE tenant_id = :t AND mapping_id = :m AND version = :v")
                .bind("t", tenant).bind("m", mapping).bind("v", version).map((rs, ctx) -> row(rs)).findOne();
    }

    /** @return every stored state of the tenant */
    public List<Row> all(Handle h, String tenant) {
        return h.createQuery("SELECT mapping_id, version, quarantined, issues, since, checked_at FROM oa_int_mapping_state"
                + " WHERE tenant_id = :t ORDER BY mapping_id, version").bind("t", tenant).map((rs, ctx) -> row(rs)).list();
    }

    /** Stores the state of one version. */
    public void save(Handle h, String tenant, Row r) {
        String issues;
        try {
            issues = json.writeValueAsString(r.issues());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        int n = h.createUpdate("UPDATE oa_int_mapping_state SET quarantined = :q, issues = :i, since = :s, checked_at = :c"
                        + " WHERE tenant_id = :t AND mapping_id = :m AND version = :v")
                .bind("q", r.quarantined()).bind("i", issues).bind("s", Columns.db(r.since())).bind("c", Columns.db(r.checkedAt()))
                .bind("t", tenant).bind("m", r.mapping()).bind("v", r.version()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_int_mapping_state (tenant_id, mapping_id, version, quarantined, issues, since, checked_at)"
                            + " VALUES (:t, :m, :v, :q, :i, :s, :c)")
                    .bind("q", r.quarantined()).bind("i", issues).bind("s", Columns.db(r.since())).bind("c", Columns.db(r.checkedAt()))
                    .bind("t", tenant).bind("m", r.mapping()).bind("v", r.version()).execute();
        }
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<MappingIssue> issues;
        try {
            String text = rs.getString("issues");
            issues = text == null ? List.of() : json.readValue(text, ISSUES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Row(rs.getString("mapping_id"), rs.getInt("version"), rs.getBoolean("quarantined"), issues,
                Columns.instant(rs, "since"), Columns.instant(rs, "checked_at"));
    }
}

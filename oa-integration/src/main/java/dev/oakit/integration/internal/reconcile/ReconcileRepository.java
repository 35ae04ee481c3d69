package dev.oakit.integration.internal.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.reconcile.Finding;
import dev.oakit.integration.reconcile.ReconcileReport;
import dev.oakit.integration.reconcile.ReconcileSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code oa_int_recon_report}. */
@Singleton
public final class ReconcileRepository {
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };
    private final ObjectMapper json;

    @Inject
    public ReconcileRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores a report and removes the older ones of its target and entity type. */
    public void replace(Handle h, String tenant, ReconcileReport r) {
        ReconcileSpec s = r.spec();
        h.createUpdate("DELETE FROM oa_int_recon_report WHERE tenant_id = :t AND target = :target AND entity_type = :et")
                .bind("t", tenant).bind("target", s.target()).bind("et", s.entityType()).execute();
        String findings;
        try {
            findings = json.writeValueAsString(r.findings());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        h.createUpdate("INSERT INTO oa_int_recon_report (tenant_id, target, entity_type, link_type, every_ms, remote_records, findings, csv,"
                        + " finished_at) VALUES (:t, :target, :et, :lt, :e, :n, :f, :csv, :at)")
                .bind("t", tenant).bind("target", s.target()).bind("et", s.entityType()).bind("lt", s.linkType())
                .bind("e", s.every() == null ? null : s.every().toMillis()).bind("n", r.remoteRecords()).bind("f", findings)
                .bind("csv", r.csv()).bind("at", Columns.db(r.finishedAt())).execute();
    }

    /** @return the last report of a target's entity type */
    public Optional<ReconcileReport> last(Handle h, String tenant, String target, String entityType) {
        return h.createQuery("SELECT target, entity_type, link_type, every_ms, remote_records, findings, csv, finished_at FROM oa_int_recon_report"
                        + " WHERE tenant_id = :t AND target = :target AND entity_type = :et ORDER BY id DESC")
                .bind("t", tenant).bind("target", target).bind("et", entityType).setMaxRows(1)
                .map((rs, c) -> {
                    long every = rs.getLong("every_ms");
                    Duration e = rs.wasNull() ? null : Duration.ofMillis(every);
                    List<Finding> findings;
                    try {
                        findings = json.readValue(rs.getString("findings"), FINDINGS);
                    } catch (JsonProcessingException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    return new ReconcileReport(new ReconcileSpec(rs.getString("target"), rs.getString("entity_type"), rs.getString("link_type"), e),
                            Columns.instant(rs, "finished_at"), rs.getLong("remote_records"), findings, rs.getString("csv"));
                }).findFirst();
    }
}

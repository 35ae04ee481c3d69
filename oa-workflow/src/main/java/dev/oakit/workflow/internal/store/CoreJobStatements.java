package dev.oakit.workflow.internal.store;

import org.jdbi.v3.core.Handle;

import java.util.function.Consumer;

/**
 * The workflow's statements on oa-core's job table ({@code oa_core_job}), kept in this one place
 * until oa-core offers them through its API: withdrawing the waiting jobs of a service node or of a
 * task's timeout ladder, and reading dead service jobs for the monitor's incidents.
 */
public final class CoreJobStatements {
    private CoreJobStatements() {
    }

    /** Withdraws the instance's service jobs that have not started. */
    public static void cancelServiceJobs(Handle h, String tenantId, long instanceId) {
        h.createUpdate("UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL WHERE tenant_id = :t AND dedupe_key LIKE :k AND status = 'READY'")
                .bind("t", tenantId).bind("k", "wf-service-" + instanceId + "-%").execute();
    }

    /** Withdraws the service job of one node of an instance, if it has not started. */
    public static void cancelServiceJob(Handle h, String tenantId, long instanceId, String nodeId) {
        h.createUpdate("UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL WHERE tenant_id = :t AND dedupe_key = :k AND status = 'READY'")
                .bind("t", tenantId).bind("k", "wf-service-" + instanceId + "-" + nodeId).execute();
    }

    /** Withdraws the waiting ladder (and due-date) jobs of a task. */
    public static void cancelTimeoutJobs(Handle h, String tenantId, long taskId) {
        h.createUpdate("UPDATE oa_core_job SET status = 'CANCELLED', dedupe_key = NULL"
                        + " WHERE tenant_id = :t AND dedupe_key LIKE :k AND status = 'READY'")
                .bind("t", tenantId).bind("k", "wf-timeout-" + taskId + "-%").execute();
    }

    /** A dead job: id, payload, last error, when it died. */
    public record DeadJob(long id, String payload, String lastError, java.time.Instant at) {
    }

    /** Streams the dead jobs of a type, newest first, at most {@code max}. */
    public static void deadJobs(Handle h, String tenantId, String type, int max, Consumer<DeadJob> each) {
        h.createQuery("""
                SELECT id, payload, last_error, updated_at FROM oa_core_job
                WHERE tenant_id = :t AND type = :type AND status = 'DEAD' ORDER BY updated_at DESC, id DESC""")
                .bind("t", tenantId).bind("type", type).setMaxRows(max)
                .map((rs, c) -> new DeadJob(rs.getLong("id"), rs.getString("payload"), rs.getString("last_error"),
                        Rows.instant(rs, "updated_at")))
                .forEach(each);
    }
}

package dev.oakit.integration.reconcile;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation. Immutable.
 *
 * @param spec what was reconciled
 * @param finishedAt when it finished
 * @param remoteRecords how many records the remote holds of the entity type
 * @param findings every difference, in the order of the CSV
 * @param csv the findings as CSV (RFC 4180, CRLF line ends, a header line: {@code kind,target,entity_type,external_id,key,local_id,detail})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReconcileReport(ReconcileSpec spec, Instant finishedAt, long remoteRecords, List<Finding> findings, String csv) {
    /** Copies the findings. */
    public ReconcileReport {
        findings = List.copyOf(findings);
    }

    /** @return whether OAKit and the remote agree */
    public boolean clean() {
        return findings.isEmpty();
    }
}

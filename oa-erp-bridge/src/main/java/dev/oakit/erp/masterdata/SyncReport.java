package dev.oakit.erp.masterdata;

import org.apiguardian.api.API;

import java.util.List;

/**
 * What one sync of a kind of master data did. Immutable.
 *
 * @param target the connector
 * @param kind the kind
 * @param pulled records read (records read again by the overlap count again)
 * @param applied records stored as new or changed
 * @param watermark the highest remote version stored; null before the first record
 * @param unmatched employees with no single active directory user of their e-mail (each "id (e-mail): why");
 *     empty for the other kinds. Users are never created for them.
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SyncReport(String target, MasterKind kind, long pulled, long applied, Long watermark, List<String> unmatched) {
    /** Copies the list. */
    public SyncReport {
        unmatched = List.copyOf(unmatched);
    }
}

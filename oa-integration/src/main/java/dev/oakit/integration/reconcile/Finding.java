package dev.oakit.integration.reconcile;

import org.apiguardian.api.API;

/**
 * One difference between OAKit and the remote. Immutable.
 *
 * @param kind what is wrong
 * @param externalId the remote record's id; null when the remote has none
 * @param key OAKit's key involved; null when none
 * @param localId the OAKit record involved; null when none
 * @param detail what was found and what to do, for a person
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Finding(Kind kind, String externalId, String key, String localId, String detail) {
    /** What a finding is about. */
    public enum Kind {
        /** A remote record carries our key, but OAKit has no write with that key. */
        REMOTE_ORPHAN,
        /** Two or more remote records carry the same key of ours: one is a duplicate. */
        DUPLICATE,
        /** A confirmed write's remote record is not at the remote (deleted there, or never made). */
        WRITE_MISSING,
        /** A confirmed write names another remote record than the one carrying its key. */
        WRITE_MISMATCH,
        /** An ID map link's remote record is not at the remote. */
        LINK_MISSING,
        /** A field differs between OAKit and the remote, as a {@link dev.oakit.integration.spi.FieldCheck} found. */
        FIELD_DIFFERS
    }
}

package dev.oakit.integration;

import org.apiguardian.api.API;

/**
 * The error codes of oa-integration: the stable {@code OaException.code()} of each case, one line
 * on what it means; each code is {@code OA-INT/} followed by the constant's name.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IntegrationErrors {
    private IntegrationErrors() {
    }

    /** An argument is missing or breaks a rule; the exception names the field and the fix. */
    public static final String INVALID = "OA-INT/INVALID";

    // ---- the ID map

    /** The external record is already linked to another OAKit id; split or unlink it first. */
    public static final String EXTERNAL_TAKEN = "OA-INT/EXTERNAL_TAKEN";
    /** The OAKit id already has another record of that system and entity type; unlink it or merge. */
    public static final String LOCAL_TAKEN = "OA-INT/LOCAL_TAKEN";
    /** The external record is not in the ID map. */
    public static final String NOT_LINKED = "OA-INT/NOT_LINKED";

    // ---- remote writes

    /** A remote write names a target or operation that no installed connector has. */
    public static final String NO_SUCH_OPERATION = "OA-INT/NO_SUCH_OPERATION";
    /** Another worker holds the remote write's lease; the job runs again later. */
    public static final String WRITE_LEASED = "OA-INT/WRITE_LEASED";

    // ---- pulls

    /** Reading a page of a remote's changes failed; the watermark stays and the pull tries again. */
    public static final String PULL_FAILED = "OA-INT/PULL_FAILED";

    // ---- the inbox

    /** A webhook header is missing or malformed; the exception names the header. */
    public static final String WEBHOOK_HEADER = "OA-INT/WEBHOOK_HEADER";
    /** A webhook's signature matches none of the configured secrets. */
    public static final String WEBHOOK_SIGNATURE = "OA-INT/WEBHOOK_SIGNATURE";
    /** A webhook's signed timestamp is outside the tolerance: replayed, delayed, or a clock is wrong. */
    public static final String WEBHOOK_TIMESTAMP = "OA-INT/WEBHOOK_TIMESTAMP";
    /** A webhook's body is larger than the endpoint's limit. */
    public static final String WEBHOOK_TOO_LARGE = "OA-INT/WEBHOOK_TOO_LARGE";

    // ---- mappings

    /** A mapping document is invalid; every problem is listed with its path and the fix. */
    public static final String MAPPING_INVALID = "OA-INT/MAPPING_INVALID";
    /** A document's values do not fit its mapping (a missing required field, a value of the wrong type, an unknown enum value). */
    public static final String MAPPING_VALUE = "OA-INT/MAPPING_VALUE";
    /** No mapping of that id (or version) is registered. */
    public static final String NO_SUCH_MAPPING = "OA-INT/NO_SUCH_MAPPING";
    /** A mapping version's document differs from the one first registered under that version; a change needs a new version. */
    public static final String MAPPING_CHANGED = "OA-INT/MAPPING_CHANGED";
    /** The mapping is quarantined: the remote's metadata no longer fits it; the report says which field changed and what to do. */
    public static final String MAPPING_QUARANTINED = "OA-INT/MAPPING_QUARANTINED";
}

package dev.oakit.crm.spi;

import dev.oakit.crm.CrmErrors;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

/**
 * The CRM record under approval changed since the request was read, so the decision was not written
 * (Salesforce answers {@code 412 Precondition Failed} to {@code If-Unmodified-Since}). Permanent for that
 * decision: the request is re-evaluated or flagged, as its definition says. The remote write ends as a
 * dead letter with status 412 and this message, whose text starts with {@link #CODE}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RecordChangedException extends RemoteCallException {
    private static final long serialVersionUID = 1L;

    /** The code a dead letter's error starts with. */
    public static final String CODE = "[" + CrmErrors.RECORD_CHANGED + "]";

    private final long requestVersion;

    /**
     * @param target the connector's id
     * @param recordId the CRM's id of the record
     * @param requestVersion the version the decision was made on
     * @param remoteError the CRM's answer, or null
     */
    public RecordChangedException(String target, String recordId, long requestVersion, String remoteError) {
        super(Kind.PERMANENT, CODE + " " + target + ": record '" + recordId + "' changed in the CRM since the approval was requested (version "
                + requestVersion + "); the decision was not written; re-evaluate the request", 412, remoteError, null, null);
        this.requestVersion = requestVersion;
    }

    /** @return the version the decision was made on */
    public long requestVersion() {
        return requestVersion;
    }
}

package dev.oakit.crm;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * OAKit's decision on an {@link ApprovalRequest}, written back to the CRM record with the approvers'
 * comments. The write is refused ({@link dev.oakit.crm.spi.RecordChangedException}) when the record changed
 * at the CRM since {@link #requestVersion()}: a decision is never applied blindly to a deal that is no
 * longer the one approved. Immutable.
 *
 * @param requestId the CRM's id of the record under approval
 * @param kind what was approved (the connector writes to the record of that kind)
 * @param outcome approved or rejected
 * @param comment the approvers' comments, or null
 * @param decidedBy who decided, for people, or null
 * @param requestVersion the record's version when the request was read ({@link ApprovalRequest#version()})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Decision(String requestId, ApprovalRequest.Kind kind, Outcome outcome, String comment, String decidedBy, long requestVersion) {
    /** Checks the components. */
    public Decision {
        Checks.text("requestId", requestId, 191);
        Checks.notNull("kind", kind);
        Checks.notNull("outcome", outcome);
        Checks.optionalText("comment", comment, 32000);
        Checks.optionalText("decidedBy", decidedBy, 255);
        if (requestVersion <= 0) {
            throw ValidationException.of("requestVersion", "must be the record's version when the request was read, was " + requestVersion);
        }
    }

    /** A decision's outcome. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Outcome {
        /** Approved. */
        APPROVED,
        /** Rejected. */
        REJECTED
    }
}

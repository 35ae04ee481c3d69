package dev.oakit.crm;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * What OAKit writes back to a CRM case: its new status, a public reply the customer sees, or the
 * resolution when the ticket is resolved; any of them, at least one. Sent as a remote write whose key is
 * OAKit's id of the change, so it is applied once: the connector finds a reply again by that key. Immutable.
 *
 * @param caseId the CRM's id of the case
 * @param status the case's new status in the CRM's terms, or null to leave it
 * @param publicReply a reply the customer sees (a public case comment), or null
 * @param resolution the resolution text, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CaseUpdate(String caseId, String status, String publicReply, String resolution) {
    /** Checks the components. */
    public CaseUpdate {
        Checks.text("caseId", caseId, 191);
        Checks.optionalText("status", status, 64);
        Checks.optionalText("publicReply", publicReply, 3900);
        Checks.optionalText("resolution", resolution, 32000);
        if (status == null && publicReply == null && resolution == null) {
            throw ValidationException.of("status", "a case update needs a status, a public reply or a resolution; it had none");
        }
    }
}

package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * A predicted approver (or cc recipient) of a previewed step, and why.
 *
 * @param userId the user
 * @param reason why the user is predicted, e.g. "the initiator's manager, level 1"
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PreviewApprover(String userId, String reason) {
}

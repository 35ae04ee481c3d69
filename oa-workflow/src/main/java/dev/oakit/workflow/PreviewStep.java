package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.util.List;

/**
 * One node on a previewed route.
 *
 * @param nodeId node id
 * @param nodeName display name (the id when the node has none)
 * @param type node type as in the JSON format: {@code start}, {@code approval}, {@code cc},
 *        {@code exclusive}, {@code parallel}, {@code inclusive}, {@code join}, {@code service},
 *        {@code subprocess}, {@code end}
 * @param mode for an approval node its {@link ApprovalMode}, else null
 * @param approvers predicted approvers (approval node) or recipients (cc node), in order; else empty
 * @param note what else the initiator should know about this step (the branch taken and why,
 *        what happens when nobody is resolved, approvers that depend on earlier decisions), or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PreviewStep(String nodeId, String nodeName, String type, ApprovalMode mode, List<PreviewApprover> approvers,
                          String note) {
    /** Copies the list. */
    public PreviewStep {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}

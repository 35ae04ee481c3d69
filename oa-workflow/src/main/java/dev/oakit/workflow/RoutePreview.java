package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.util.List;

/**
 * The predicted route of a start form (审批流程预览): the nodes an instance would pass, in order,
 * with the approvers each would get and why. Branches of a parallel or inclusive split are listed
 * one after the other, then their join. A prediction, not a promise: approvers and conditions are
 * evaluated against today's organisation and the submitted form; later decisions (form changes by
 * approvers, service results, separation of duties) can change the real route, and the steps
 * concerned say so in their note.
 *
 * @param steps the nodes in route order, from the start node to an end (or to where the prediction stops)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RoutePreview(List<PreviewStep> steps) {
    /** Copies the list. */
    public RoutePreview {
        steps = List.copyOf(steps);
    }
}

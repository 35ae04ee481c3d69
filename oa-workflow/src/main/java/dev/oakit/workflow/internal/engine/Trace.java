package dev.oakit.workflow.internal.engine;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.internal.ApproverResolution;

import java.util.List;
import java.util.Set;

/**
 * Watches a decision as it moves through the definition: the route preview's window on the
 * engine's own navigation and approver selection. The engine passes none (no cost).
 */
public interface Trace {
    /**
     * A node other than a join is entered (before anything happens there).
     *
     * @return false to go no further on this path (the preview stops where the route comes back)
     */
    boolean entering(InstanceChange r, Node node);

    /**
     * Every branch arrived at a join, which is left now.
     *
     * @return false to go no further on this path
     */
    boolean joined(InstanceChange r, Node.Join join);

    /**
     * An exclusive or inclusive split chose its routes (none: the command fails with {@code OA-WF/NO_ROUTE} after this).
     *
     * @param evaluated the routes whose conditions were looked at, in order
     * @param fallback the default route taken because no condition held, or null
     */
    void branched(InstanceChange r, Node split, List<Evaluated> evaluated, List<Route> taken, Route fallback);

    /** A cc node copied the instance to {@code to}. */
    void copied(InstanceChange r, Node.Cc cc, List<ApproverResolution.Resolved> to);

    /**
     * The approvers of an approval node were selected and their tasks opened (with no approver: before
     * the node is skipped or the command fails with {@code OA-WF/NO_APPROVER}); the node is not
     * evaluated yet.
     *
     * @param resolved what the approver rules resolved, with reasons
     * @param selection what the one check made of them
     * @param users who gets a task or approves automatically, in order
     * @param auto who of them approves automatically
     * @param fallback true when {@code users} came from the node's {@code onEmpty} fallback
     */
    void selected(InstanceChange r, Node.Approval node, List<ApproverResolution.Resolved> resolved, Seating.Selection selection,
                  List<String> users, List<String> auto, boolean fallback);

    /**
     * A join of the first N branches passed before every branch arrived: what still runs on the other
     * branches is about to be closed (the nodes' runs, their SEQUENTIAL queues included, are as they were).
     *
     * @param nodes the nodes between the join's split and the join
     */
    void closedByJoin(InstanceChange r, Node.Join join, Set<String> nodes);

    /** A SEQUENTIAL approver may not take their turn now (the one check) and is passed over. */
    void passedOver(InstanceChange r, Node.Approval node, dev.oakit.workflow.internal.assign.AssigneeCheck.Verdict verdict);

    /**
     * A route whose condition was evaluated.
     *
     * @param holds whether it holds
     * @param error why it could not be evaluated (it then does not hold), or null
     */
    record Evaluated(Route route, boolean holds, String error) {
    }
}

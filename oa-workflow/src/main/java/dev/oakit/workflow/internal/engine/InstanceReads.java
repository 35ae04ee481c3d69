package dev.oakit.workflow.internal.engine;

import dev.oakit.workflow.internal.proxy.Proxies;

import java.util.List;
import java.util.function.Function;

/**
 * What a decision may read besides its snapshot and the directory: the proxy rules in force, the
 * closed tasks a few rules look at (withdraw, claim, comment), and two facts that instances stored
 * before the state kept them still read from their tasks. The engine reads them in the command's
 * transaction; the route preview, deciding for an instance that does not exist, applies no proxy
 * and has no tasks written.
 */
public interface InstanceReads {
    /**
     * @param refusal why a person on a proxy chain may not take the task (the one check), or null when they may
     * @return who gets a new task of {@code userId} in process {@code processKey} now
     */
    Proxies.Assignment assign(String processKey, String userId, Function<String, String> refusal);

    /** @return who approved a node in a round, by task */
    List<String> approversOfRound(long instanceId, String nodeId, int round);

    /** @return assignee, actor and proxied approver of every closed task of a node in a round (nulls included) */
    List<String> seatsOfRound(long instanceId, String nodeId, int round);

    /** @return tasks of the nodes that someone (not the system's automatic approval) decided, in any round */
    int decidedAt(long instanceId, List<String> nodeIds);

    /** @return tasks of a node decided (not automatically) in rounds before {@code round} */
    int decidedBeforeRound(long instanceId, String nodeId, int round);

    /** @return tasks of the instance decided (not automatically) after the user's last approval at the node */
    int decidedAfterApproval(long instanceId, String nodeId, String userId);

    /** @return the tasks of a node in a round that another's decision closed (a vote decided, an ANY node's first approval) */
    List<dev.oakit.workflow.internal.store.Rows.TaskRow> closedByDecision(long instanceId, String nodeId, int round);

    /** @return the candidates a pooled task was offered to */
    List<String> candidates(long taskId);

    /** @return true when the user acted on, was assigned, was a candidate of or was cc'd on the instance */
    boolean participates(long instanceId, String userId);

    /** Reads for an instance that was never written (the route preview): no proxy applies, no task exists. */
    class Unwritten implements InstanceReads {
        @Override
        public Proxies.Assignment assign(String processKey, String userId, Function<String, String> refusal) {
            return Proxies.Assignment.unchanged(userId);
        }

        @Override
        public List<String> approversOfRound(long instanceId, String nodeId, int round) {
            return List.of();
        }

        @Override
        public List<String> seatsOfRound(long instanceId, String nodeId, int round) {
            return List.of();
        }

        @Override
        public int decidedAt(long instanceId, List<String> nodeIds) {
            return 0;
        }

        @Override
        public int decidedBeforeRound(long instanceId, String nodeId, int round) {
            return 0;
        }

        @Override
        public int decidedAfterApproval(long instanceId, String nodeId, String userId) {
            return 0;
        }

        @Override
        public List<dev.oakit.workflow.internal.store.Rows.TaskRow> closedByDecision(long instanceId, String nodeId, int round) {
            return List.of();
        }

        @Override
        public List<String> candidates(long taskId) {
            return List.of();
        }

        @Override
        public boolean participates(long instanceId, String userId) {
            return false;
        }
    }
}

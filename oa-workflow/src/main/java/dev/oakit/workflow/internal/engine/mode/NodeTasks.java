package dev.oakit.workflow.internal.engine.mode;

import java.util.List;

/** What a {@link NodeMode} may do with the tasks of the node it decides, in the current round. */
public interface NodeTasks {
    /** Opens one approver task. */
    void open(String userId, int seq);

    /** Opens one approver task per user, in one statement. */
    void openAll(List<String> userIds, int firstSeq);

    /** @return true while the current step's approver (or a signer they added after themselves) has an open task */
    boolean stepOpen();

    /**
     * Gives the user their turn if they may take it now (the one check, on the SEQUENTIAL turn
     * path); otherwise records why they are skipped.
     *
     * @return true when the task was opened
     */
    boolean turn(String userId, int seq);
}

package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

/**
 * Decides a command on a task: checks who may do it, then changes the instance (an
 * {@link InstanceChange}) and lists the effects; writes nothing.
 *
 * @param <C> the command
 */
public interface TaskAction<C extends ApprovalCommand.OnTask> {
    /**
     * @param task the task, open (not waiting) on a running instance, as loaded under the instance lock
     * @param node the task's node
     */
    void decide(InstanceChange r, TaskRow task, Node.Approval node, C command);
}

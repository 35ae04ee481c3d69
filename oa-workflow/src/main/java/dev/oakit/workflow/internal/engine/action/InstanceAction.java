package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.internal.engine.InstanceChange;

/**
 * Decides a command on an instance: checks who may do it in which state, then changes the
 * instance (an {@link InstanceChange}) and lists the effects; writes nothing.
 *
 * @param <C> the command
 */
public interface InstanceAction<C extends ApprovalCommand.OnInstance> {
    /** Decides the command on the instance, as loaded under its lock. */
    void decide(InstanceChange r, C command);
}

/**
 * The decider: how an instance moves through its definition ({@link dev.oakit.workflow.internal.engine.Flow}),
 * who is given a task at a node ({@link dev.oakit.workflow.internal.engine.Activation},
 * {@link dev.oakit.workflow.internal.engine.Seating}), and the tasks a decision opens and closes
 * ({@link dev.oakit.workflow.internal.engine.Tasks}); it changes an in-memory
 * {@link dev.oakit.workflow.internal.engine.InstanceChange} and lists {@link dev.oakit.workflow.internal.engine.Effect}s,
 * and writes nothing. The engine's commands and the route preview both decide here.
 */
package dev.oakit.workflow.internal.engine;

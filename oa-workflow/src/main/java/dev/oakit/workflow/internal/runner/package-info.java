/**
 * Runs the approval commands: {@link dev.oakit.workflow.internal.runner.ApprovalService} (the
 * {@link dev.oakit.workflow.Approvals} facade) hands each command to the
 * {@link dev.oakit.workflow.internal.runner.CommandRunner}, which locks and loads the instance, has
 * the command's action decide, and has the {@link dev.oakit.workflow.internal.runner.EffectWriter}
 * write the decision through the repositories.
 */
package dev.oakit.workflow.internal.runner;

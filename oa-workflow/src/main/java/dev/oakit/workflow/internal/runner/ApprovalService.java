package dev.oakit.workflow.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.internal.engine.action.AddSignerAction;
import dev.oakit.workflow.internal.engine.action.ApprovalCommand;
import dev.oakit.workflow.internal.engine.action.ApproveAction;
import dev.oakit.workflow.internal.engine.action.CancelAction;
import dev.oakit.workflow.internal.engine.action.ClaimAction;
import dev.oakit.workflow.internal.engine.action.CommentAction;
import dev.oakit.workflow.internal.engine.action.DelegateAction;
import dev.oakit.workflow.internal.engine.action.JumpAction;
import dev.oakit.workflow.internal.engine.action.RejectAction;
import dev.oakit.workflow.internal.engine.action.ReleaseAction;
import dev.oakit.workflow.internal.engine.action.RemoveSignerAction;
import dev.oakit.workflow.internal.engine.action.ResolveAction;
import dev.oakit.workflow.internal.engine.action.ResubmitAction;
import dev.oakit.workflow.internal.engine.action.ResumeAction;
import dev.oakit.workflow.internal.engine.action.ReturnAction;
import dev.oakit.workflow.internal.engine.action.SuspendAction;
import dev.oakit.workflow.internal.engine.action.TransferAction;
import dev.oakit.workflow.internal.engine.action.UrgeAction;
import dev.oakit.workflow.internal.engine.action.WithdrawAction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * {@link Approvals} for hosts: checks the arguments, turns each call into its command record and
 * hands it with the action that decides it to the {@link CommandRunner}.
 */
@Singleton
public final class ApprovalService implements Approvals {
    private final CommandRunner runner;
    private final ApproveAction approve;
    private final RejectAction reject;
    private final ReturnAction returnTo;
    private final ResubmitAction resubmit;
    private final dev.oakit.workflow.internal.engine.action.AbandonAction abandon;
    private final WithdrawAction withdraw;
    private final CancelAction cancel;
    private final TransferAction transfer;
    private final DelegateAction delegate;
    private final ResolveAction resolve;
    private final AddSignerAction addSigner;
    private final RemoveSignerAction removeSigner;
    private final ClaimAction claim;
    private final ReleaseAction release;
    private final UrgeAction urge;
    private final CommentAction comment;
    private final JumpAction jump;
    private final SuspendAction suspend;
    private final ResumeAction resume;
    private final ActionProbe probe;

    @Inject
    private ApprovalService(CommandRunner runner, ApproveAction approve, RejectAction reject, ReturnAction returnTo,
                           ResubmitAction resubmit, WithdrawAction withdraw, CancelAction cancel, TransferAction transfer,
                           DelegateAction delegate, ResolveAction resolve, AddSignerAction addSigner, RemoveSignerAction removeSigner,
                           ClaimAction claim, ReleaseAction release, UrgeAction urge, CommentAction comment, JumpAction jump,
                           SuspendAction suspend, ResumeAction resume,
                           dev.oakit.workflow.internal.engine.action.AbandonAction abandon, ActionProbe probe) {
        this.probe = probe;
        this.abandon = abandon;
        this.runner = runner;
        this.approve = approve;
        this.reject = reject;
        this.returnTo = returnTo;
        this.resubmit = resubmit;
        this.withdraw = withdraw;
        this.cancel = cancel;
        this.transfer = transfer;
        this.delegate = delegate;
        this.resolve = resolve;
        this.addSigner = addSigner;
        this.removeSigner = removeSigner;
        this.claim = claim;
        this.release = release;
        this.urge = urge;
        this.comment = comment;
        this.jump = jump;
        this.suspend = suspend;
        this.resume = resume;
    }

    private static Decision decision(Actor actor, Decision decision) {
        Checks.notNull("actor", actor);
        return decision == null ? Decision.none() : decision;
    }

    @Override
    public ProcessInstance start(Actor initiator, StartRequest request) {
        Checks.notNull("initiator", initiator);
        Checks.notNull("request", request);
        return runner.start(initiator, request);
    }

    @Override
    public void approve(Actor actor, long taskId, Decision decision) {
        runner.onTask(actor, new ApprovalCommand.Approve(taskId, decision(actor, decision)), approve);
    }

    @Override
    public void reject(Actor actor, long taskId, Decision decision) {
        runner.onTask(actor, new ApprovalCommand.Reject(taskId, decision(actor, decision)), reject);
    }

    @Override
    public void returnTo(Actor actor, long taskId, String targetNodeId, Decision decision) {
        runner.onTask(actor, new ApprovalCommand.ReturnTo(taskId, targetNodeId, decision(actor, decision)), returnTo);
    }

    @Override
    public void resubmit(Actor initiator, long instanceId, Decision decision) {
        runner.onInstance(initiator, new ApprovalCommand.Resubmit(instanceId, decision(initiator, decision)), resubmit);
    }

    @Override
    public void abandon(Actor initiator, long instanceId, Decision decision) {
        runner.onInstance(initiator, new ApprovalCommand.Abandon(instanceId, decision(initiator, decision)), abandon);
    }

    @Override
    public void withdraw(Actor actor, long instanceId, Decision decision) {
        runner.onInstance(actor, new ApprovalCommand.Withdraw(instanceId, decision(actor, decision)), withdraw);
    }

    @Override
    public void cancel(Actor actor, long instanceId, Decision decision) {
        runner.onInstance(actor, new ApprovalCommand.Cancel(instanceId, decision(actor, decision)), cancel);
    }

    @Override
    public void transfer(Actor actor, long taskId, String toUserId, Decision decision) {
        Checks.id("toUserId", toUserId);
        runner.onTask(actor, new ApprovalCommand.Transfer(taskId, toUserId, decision(actor, decision)), transfer);
    }

    @Override
    public void delegate(Actor actor, long taskId, String toUserId, Decision decision) {
        Checks.id("toUserId", toUserId);
        runner.onTask(actor, new ApprovalCommand.Delegate(taskId, toUserId, decision(actor, decision)), delegate);
    }

    @Override
    public void resolve(Actor delegateActor, long taskId, Decision decision) {
        runner.onTask(delegateActor, new ApprovalCommand.Resolve(taskId, decision(delegateActor, decision)), resolve);
    }

    @Override
    public void addSigner(Actor actor, long taskId, SignerPosition position, List<String> userIds, Decision decision) {
        Checks.notNull("position", position);
        Checks.elements("userIds", userIds);
        if (userIds.isEmpty()) {
            throw ValidationException.of("userIds", "name at least one signer");
        }
        runner.onTask(actor, new ApprovalCommand.AddSigner(taskId, position, List.copyOf(userIds), decision(actor, decision)), addSigner);
    }

    @Override
    public void removeSigner(Actor actor, long taskId, String userId, Decision decision) {
        Checks.id("userId", userId);
        runner.onTask(actor, new ApprovalCommand.RemoveSigner(taskId, userId, decision(actor, decision)), removeSigner);
    }

    @Override
    public void claim(Actor actor, long taskId, Decision decision) {
        runner.onTask(actor, new ApprovalCommand.Claim(taskId, decision(actor, decision)), claim);
    }

    @Override
    public void release(Actor actor, long taskId, Decision decision) {
        runner.onTask(actor, new ApprovalCommand.Release(taskId, decision(actor, decision)), release);
    }

    @Override
    public void urge(Actor actor, long instanceId, Decision decision) {
        runner.onInstance(actor, new ApprovalCommand.Urge(instanceId, decision(actor, decision)), urge);
    }

    @Override
    public void comment(Actor actor, long instanceId, Decision decision) {
        if (decision == null || (decision.comment() == null && decision.attachments().isEmpty())) {
            throw ValidationException.of("decision.comment", "write a comment or attach something");
        }
        runner.onInstance(actor, new ApprovalCommand.Comment(instanceId, decision(actor, decision)), comment);
    }

    @Override
    public void jump(Actor admin, long instanceId, String targetNodeId, Decision decision) {
        Checks.id("targetNodeId", targetNodeId);
        runner.onInstance(admin, new ApprovalCommand.Jump(instanceId, targetNodeId, decision(admin, decision)), jump);
    }

    @Override
    public void suspend(Actor admin, long instanceId, Decision decision) {
        runner.onInstance(admin, new ApprovalCommand.Suspend(instanceId, decision(admin, decision)), suspend);
    }

    @Override
    public void resume(Actor admin, long instanceId, Decision decision) {
        runner.onInstance(admin, new ApprovalCommand.Resume(instanceId, decision(admin, decision)), resume);
    }

    @Override
    public List<dev.oakit.workflow.ApprovalAction> actionsFor(Actor actor, long instanceId) {
        return probe.actionsFor(actor, instanceId);
    }
}

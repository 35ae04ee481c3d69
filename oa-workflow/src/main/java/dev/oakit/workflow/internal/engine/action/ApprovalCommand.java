package dev.oakit.workflow.internal.engine.action;

import dev.oakit.workflow.Decision;
import dev.oakit.workflow.SignerPosition;

import java.util.List;

/**
 * The approval commands as data: one record per action of {@link dev.oakit.workflow.Approvals},
 * each decided by its own class in this package ({@code ApproveAction} decides {@link Approve}).
 */
public sealed interface ApprovalCommand {
    /** @return the audited action name */
    String action();

    /** @return the decision (comment, attachments, form changes, request id); never null */
    Decision decision();

    /** A command on an open task: the runner locks its instance and checks the task is open. */
    sealed interface OnTask extends ApprovalCommand {
        /** @return the task */
        long taskId();
    }

    /** A command on an instance: the runner locks it. */
    sealed interface OnInstance extends ApprovalCommand {
        /** @return the instance */
        long instanceId();
    }

    /** Approve (同意). */
    record Approve(long taskId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.approve";
        }
    }

    /** Reject (驳回). */
    record Reject(long taskId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.reject";
        }
    }

    /** Return to a visited node or the initiator (退回); {@code targetNodeId} null: the previous node. */
    record ReturnTo(long taskId, String targetNodeId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.return";
        }
    }

    /** Transfer (转办). */
    record Transfer(long taskId, String toUserId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.transfer";
        }
    }

    /** Delegate (委派). */
    record Delegate(long taskId, String toUserId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.delegate";
        }
    }

    /** Resolve a delegated task back to its owner. */
    record Resolve(long taskId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.resolve";
        }
    }

    /** Add signers (加签). */
    record AddSigner(long taskId, SignerPosition position, List<String> userIds, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.add-signer";
        }
    }

    /** Remove a signer (减签). */
    record RemoveSigner(long taskId, String userId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.remove-signer";
        }
    }

    /** Claim a pooled task. */
    record Claim(long taskId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.claim";
        }
    }

    /** Release a claimed pooled task. */
    record Release(long taskId, Decision decision) implements OnTask {
        @Override
        public String action() {
            return "wf.task.release";
        }
    }

    /** Resubmit a returned instance. */
    record Resubmit(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.resubmit";
        }
    }

    /** Abandon a returned instance (the initiator gives up refilling it). */
    record Abandon(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.abandon";
        }
    }

    /** Withdraw (撤回), by the initiator or the approvers of the node completed last. */
    record Withdraw(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.withdraw";
        }
    }

    /** Cancel (撤销). */
    record Cancel(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.cancel";
        }
    }

    /** Urge (催办). */
    record Urge(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.urge";
        }
    }

    /** Comment. */
    record Comment(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.comment";
        }
    }

    /** Jump to a node (administrators). */
    record Jump(long instanceId, String targetNodeId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.jump";
        }
    }

    /** Suspend (administrators). */
    record Suspend(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.suspend";
        }
    }

    /** Resume a suspended instance (administrators). */
    record Resume(long instanceId, Decision decision) implements OnInstance {
        @Override
        public String action() {
            return "wf.instance.resume";
        }
    }
}

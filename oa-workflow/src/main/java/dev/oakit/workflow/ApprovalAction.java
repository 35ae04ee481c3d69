package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;

/**
 * An action an actor may take on an instance now, as {@link Approvals#actionsFor} answers it: the engine ran the
 * action's own checks on the instance as it is, without changing it. The engine checks again when the action is taken.
 *
 * @param kind the action
 * @param taskId the task it acts on; null for an action on the instance
 * @param userIds for {@link Kind#REMOVE_SIGNER}: the signers that may be removed; otherwise empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ApprovalAction(Kind kind, Long taskId, List<String> userIds) {
    public ApprovalAction {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    /** An action on a task. */
    public static ApprovalAction onTask(Kind kind, long taskId) {
        return new ApprovalAction(kind, taskId, List.of());
    }

    /** An action on the instance. */
    public static ApprovalAction onInstance(Kind kind) {
        return new ApprovalAction(kind, null, List.of());
    }

    /** The actions of {@link Approvals}, each named after its method. */
    public enum Kind {
        APPROVE, REJECT, RETURN, TRANSFER, DELEGATE, RESOLVE, ADD_SIGNER, REMOVE_SIGNER, CLAIM, RELEASE,
        RESUBMIT, ABANDON, WITHDRAW, CANCEL, URGE, COMMENT, JUMP, SUSPEND, RESUME;

        /** @return whether it acts on a task (else on the instance) */
        public boolean onTask() {
            return ordinal() <= RELEASE.ordinal();
        }

        /** @return the name in kebab case, as URLs and pages use it: {@code add-signer} */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}

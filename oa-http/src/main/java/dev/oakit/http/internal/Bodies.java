package dev.oakit.http.internal;

import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.Task;
import java.util.List;
import java.util.Map;

/** The request and response bodies of the approval endpoints that are not the engine's own records. */
public final class Bodies {
    private Bodies() {
    }

    /** Starts an approval (or previews its route): the process, the form, optional title and chosen approvers. */
    public record StartBody(String processKey, String title, String businessKey, Map<String, Object> form,
                            Map<String, List<String>> chosenApprovers, String priority) {
    }

    /**
     * The body of every approval action; each action reads the members it needs: {@code targetNodeId} (return),
     * {@code toUserId} (transfer, delegate), {@code position} and {@code userIds} (add signer), {@code userId}
     * (remove signer), {@code targetNodeId} (jump).
     */
    public record ActionBody(String comment, List<String> attachments, Map<String, Object> form, String targetNodeId,
                             String toUserId, SignerPosition position, List<String> userIds, String userId) {
    }

    /**
     * An action the caller may take now, as the engine answers it ({@code Approvals.actionsFor}): its name
     * ({@code approve}, {@code add-signer}, ...), the task it acts on (null for instance actions), and for
     * {@code remove-signer} the signers that may be removed.
     */
    public record Action(String name, Long taskId, List<String> userIds) {
    }

    /** An instance with its tasks, timeline and the actions the caller may take; the engine checks each again. */
    public record InstanceView(ProcessInstance instance, List<Task> tasks, List<HistoryEntry> timeline, List<Action> actions) {
    }

    /** Who the caller is, and the counts of their workbench. */
    public record Me(String tenantId, String userId, List<String> roles, long todo, long ccUnread, long startedInProgress,
                     long returnedToMe) {
    }

    /** A page of tasks: the items, the page asked for (from 0) and its size. */
    public record TaskPage(List<Task> items, int page, int size) {
    }

    /** A page of instances. */
    public record InstancePage(List<ProcessInstance> items, int page, int size) {
    }

    /** A page of cc items. */
    public record CcPage(List<dev.oakit.workflow.CcItem> items, int page, int size) {
    }
}

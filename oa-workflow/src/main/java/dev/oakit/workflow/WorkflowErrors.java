package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * The error codes of oa-workflow: the stable {@link dev.oakit.core.OaException#code()} of each
 * case, one line on what it means. A host compares {@code e.code()} with these constants (they
 * work in a {@code switch}); each code is {@code OA-WF/} followed by the constant's name. The
 * kernel's codes ({@code OA-CORE/...}) are in {@link dev.oakit.core.CoreErrors}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowErrors {
    private WorkflowErrors() {
    }

    // ---- definitions and conditions

    /** A process definition does not hold together; every problem is listed with its path. */
    public static final String DEFINITION_INVALID = "OA-WF/DEFINITION_INVALID";
    /** A condition does not compile or uses what the sandbox refuses (path {@code condition}). */
    public static final String CONDITION_INVALID = "OA-WF/CONDITION_INVALID";
    /** A condition failed on an instance's data (a missing field, a number too large, its cost limit). */
    public static final String CONDITION_FAILED = "OA-WF/CONDITION_FAILED";
    /** No process with this key is deployed in the tenant. */
    public static final String PROCESS_NOT_FOUND = "OA-WF/PROCESS_NOT_FOUND";
    /** No process definition with this id. */
    public static final String DEFINITION_NOT_FOUND = "OA-WF/DEFINITION_NOT_FOUND";
    /** A sub-process would start a process already on its chain of callers. */
    public static final String SUBPROCESS_CYCLE = "OA-WF/SUBPROCESS_CYCLE";
    /** Sub-processes would nest deeper than ten levels. */
    public static final String SUBPROCESS_DEPTH = "OA-WF/SUBPROCESS_DEPTH";

    // ---- routing at run time

    /** No route of an exclusive split holds for the instance, and the split has no default route. */
    public static final String NO_ROUTE = "OA-WF/NO_ROUTE";
    /** An instance passed too many nodes in one command: the process loops without waiting for anyone. */
    public static final String LOOP = "OA-WF/LOOP";
    /** An approval node resolved no approver and its onEmpty policy is to fail. */
    public static final String NO_APPROVER = "OA-WF/NO_APPROVER";

    // ---- instances and tasks that are not there or not in the right state

    /** No process instance with this id in the tenant, or the user does not take part in it. */
    public static final String INSTANCE_NOT_FOUND = "OA-WF/INSTANCE_NOT_FOUND";
    /** No task with this id in the tenant. */
    public static final String TASK_NOT_FOUND = "OA-WF/TASK_NOT_FOUND";
    /** No cc item with this id in the tenant. */
    public static final String CC_NOT_FOUND = "OA-WF/CC_NOT_FOUND";
    /** No proxy rule with this id. */
    public static final String PROXY_NOT_FOUND = "OA-WF/PROXY_NOT_FOUND";
    /** The instance is not running (suspended, returned or ended); a suspended one must be resumed first. */
    public static final String NOT_RUNNING = "OA-WF/NOT_RUNNING";
    /** The task is no longer open: someone acted on it, or the instance moved on. */
    public static final String TASK_CLOSED = "OA-WF/TASK_CLOSED";
    /** The task waits for the signers added before it and reopens when they approved. */
    public static final String TASK_WAITING = "OA-WF/TASK_WAITING";
    /** The instance already ended. */
    public static final String ENDED = "OA-WF/ENDED";
    /** Only a suspended instance can be resumed. */
    public static final String NOT_SUSPENDED = "OA-WF/NOT_SUSPENDED";
    /** Only a returned or withdrawn instance can be resubmitted. */
    public static final String NOT_RETURNED = "OA-WF/NOT_RETURNED";

    // ---- who may act

    /** Only the task's assignee may act on it. */
    public static final String NOT_ASSIGNEE = "OA-WF/NOT_ASSIGNEE";
    /** Only the instance's initiator may do this. */
    public static final String NOT_INITIATOR = "OA-WF/NOT_INITIATOR";
    /** The user does not take part in the instance (participants, cc'd users and administrators do). */
    public static final String NOT_PARTICIPANT = "OA-WF/NOT_PARTICIPANT";
    /** Only a cc item's recipient may mark it read. */
    public static final String NOT_CC_RECIPIENT = "OA-WF/NOT_CC_RECIPIENT";
    /** Only administrators see the process monitor. */
    public static final String MONITOR = "OA-WF/MONITOR";
    /** Only the initiator and administrators may urge the instance. */
    public static final String URGE = "OA-WF/URGE";
    /** Only the initiator and administrators may cancel the instance. */
    public static final String CANCEL = "OA-WF/CANCEL";
    /** Only the initiator and administrators may change the instance's priority. */
    public static final String PRIORITY = "OA-WF/PRIORITY";
    /** Only the user themselves and administrators may manage the user's proxies and absences. */
    public static final String PROXY_FORBIDDEN = "OA-WF/PROXY_FORBIDDEN";
    /** The user may not withdraw the instance (the initiator, or the last node's approvers while the next is untouched, may). */
    public static final String WITHDRAW = "OA-WF/WITHDRAW";

    // ---- the rules of the actions

    /** The task is delegated: the delegate resolves it and the owner decides (or it is delegated already). */
    public static final String DELEGATED = "OA-WF/DELEGATED";
    /** Only a delegated task can be resolved. */
    public static final String NOT_DELEGATED = "OA-WF/NOT_DELEGATED";
    /** The task is offered to a pool and nobody claimed it yet. */
    public static final String NOT_CLAIMED = "OA-WF/NOT_CLAIMED";
    /** Someone claimed the task already. */
    public static final String ALREADY_CLAIMED = "OA-WF/ALREADY_CLAIMED";
    /** Only the task's candidates may claim it. */
    public static final String NOT_A_CANDIDATE = "OA-WF/NOT_A_CANDIDATE";
    /** The task was not offered to a pool, so it cannot be released to one. */
    public static final String NOT_A_POOL = "OA-WF/NOT_A_POOL";
    /** The user has no pending task at the node, so there is no signer to remove. */
    public static final String NOT_A_SIGNER = "OA-WF/NOT_A_SIGNER";
    /** The last approver of a node cannot be removed. */
    public static final String LAST_APPROVER = "OA-WF/LAST_APPROVER";
    /** The instance was urged too recently; the message says from when it can be urged again. */
    public static final String URGE_TOO_SOON = "OA-WF/URGE_TOO_SOON";
    /** The instance has no open task to urge (it waits for a service task or a sub-process). */
    public static final String NOBODY_TO_URGE = "OA-WF/NOBODY_TO_URGE";
    /** An approver already acted on the node, so the instance can no longer be withdrawn. */
    public static final String ALREADY_ACTED = "OA-WF/ALREADY_ACTED";
    /** Approvals inside parallel branches cannot be withdrawn; an administrator can jump. */
    public static final String WITHDRAW_IN_BRANCH = "OA-WF/WITHDRAW_IN_BRANCH";
    /** A return goes to the initiator or to a visited approval node on the path to the task's node. */
    public static final String RETURN_TARGET = "OA-WF/RETURN_TARGET";
    /** The node does not allow its initiator as an approver here. */
    public static final String INITIATOR_NOT_ALLOWED = "OA-WF/INITIATOR_NOT_ALLOWED";
    /** The user approved a node this one must be separated from. */
    public static final String SEPARATION_OF_DUTIES = "OA-WF/SEPARATION_OF_DUTIES";
    /** The user already has a seat at this node. */
    public static final String ALREADY_ASSIGNED = "OA-WF/ALREADY_ASSIGNED";

    // ---- instance migration

    /** A migration plan does not hold: a version not deployed, a mapped node missing; every problem is listed with its path. */
    public static final String MIGRATION_PLAN_INVALID = "OA-WF/MIGRATION_PLAN_INVALID";
    /** An instance cannot migrate as planned (a node it waits at has no counterpart, ...); every reason is listed. */
    public static final String MIGRATION_REFUSED = "OA-WF/MIGRATION_REFUSED";
}

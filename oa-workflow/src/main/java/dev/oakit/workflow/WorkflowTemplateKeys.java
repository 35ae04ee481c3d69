package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * The keys of the notification templates the approvals plugin installs (in zh-CN and en), for a
 * host that replaces a template's text, sets a user's channel preference for one, or renders one.
 * Templates marked "with {@code workflow.notifications}" are sent only when that switch is on.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowTemplateKeys {
    private WorkflowTemplateKeys() {
    }

    /** Sent to the current approvers when an instance is urged. */
    public static final String URGED = "wf.urged";
    /** A timeout reminder to the assignee. */
    public static final String REMIND = "wf.task.remind";
    /** Tells the assignee's manager that a task is overdue. */
    public static final String ESCALATED = "wf.task.escalated";
    /** A task given to someone (with {@code workflow.notifications}). */
    public static final String ASSIGNED = "wf.task.assigned";
    /** A task whose deadline is near (with {@code workflow.notifications}). */
    public static final String DUE_SOON = "wf.task.due-soon";
    /** A task past its deadline (with {@code workflow.notifications}). */
    public static final String OVERDUE = "wf.task.overdue";
    /** Tells the initiator the instance was returned (with {@code workflow.notifications}). */
    public static final String RETURNED = "wf.instance.returned";
    /** Tells the initiator the instance was approved (with {@code workflow.notifications}). */
    public static final String APPROVED = "wf.instance.approved";
    /** Tells the initiator the instance was rejected (with {@code workflow.notifications}). */
    public static final String REJECTED = "wf.instance.rejected";
    /** Tells the approvers the initiator withdrew the instance (with {@code workflow.notifications}). */
    public static final String WITHDRAWN = "wf.instance.withdrawn";
    /** A cc (抄送) (with {@code workflow.notifications}). */
    public static final String CC = "wf.instance.cc";
    /** Tells administrators that proxy rules loop. */
    public static final String PROXY_LOOP = "wf.proxy.loop";
}

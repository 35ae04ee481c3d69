package dev.oakit.workflow;

import org.apiguardian.api.API;

/**
 * The approval counts of one user's workbench (工作台), read in one statement.
 *
 * @param todo open tasks waiting for the user (待办)
 * @param ccUnread cc items not yet marked read (抄送未读)
 * @param startedInProgress instances the user started that are running or suspended (我发起的, 审批中)
 * @param returnedToMe instances the user started that were returned to them or that they withdrew,
 *        waiting for them to resubmit or cancel (退回/撤回待处理)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Workbench(long todo, long ccUnread, long startedInProgress, long returnedToMe) {
}

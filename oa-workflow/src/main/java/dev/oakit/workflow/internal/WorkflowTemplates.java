package dev.oakit.workflow.internal;

import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.workflow.WorkflowTemplateKeys;

import java.util.List;

/** The notification templates of the approvals plugin, in Chinese and English. */
public final class WorkflowTemplates {
    private WorkflowTemplates() {
    }

    /** @return every template, zh-CN and en */
    public static List<NotificationTemplate> all() {
        return List.of(
                NotificationTemplate.of(WorkflowTemplateKeys.URGED, "zh-CN",
                        "催办：{{title}}", "{{by}} 催促您尽快处理「{{title}}」（{{node}}）。{{comment}} {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.URGED, "en",
                        "Reminder: {{title}}", "{{by}} asks you to act on \"{{title}}\" ({{node}}) soon. {{comment}} {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.REMIND, "zh-CN",
                        "待办提醒：{{title}}", "「{{title}}」（{{node}}）等待您处理，办理时限 {{due}}。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.REMIND, "en",
                        "Waiting for you: {{title}}", "\"{{title}}\" ({{node}}) waits for you; due {{due}}. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.ESCALATED, "zh-CN",
                        "超时上报：{{title}}", "{{assignee}} 未在时限 {{due}} 内处理「{{title}}」（{{node}}）。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.ESCALATED, "en",
                        "Overdue: {{title}}", "{{assignee}} has not acted on \"{{title}}\" ({{node}}), due {{due}}. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.ASSIGNED, "zh-CN",
                        "待办：{{title}}", "「{{title}}」（{{node}}）需要您处理。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.ASSIGNED, "en",
                        "To do: {{title}}", "\"{{title}}\" ({{node}}) waits for you. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.DUE_SOON, "zh-CN",
                        "即将超时：{{title}}", "「{{title}}」（{{node}}）将于 {{due}} 到期，请尽快处理。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.DUE_SOON, "en",
                        "Due soon: {{title}}", "\"{{title}}\" ({{node}}) is due {{due}}. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.OVERDUE, "zh-CN",
                        "已超时：{{title}}", "「{{title}}」（{{node}}）已超过办理时限 {{due}}，请立即处理。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.OVERDUE, "en",
                        "Overdue: {{title}}", "\"{{title}}\" ({{node}}) was due {{due}}; please act now. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.RETURNED, "zh-CN",
                        "已退回：{{title}}", "{{by}} 退回了「{{title}}」。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.RETURNED, "en",
                        "Returned: {{title}}", "{{by}} returned \"{{title}}\". {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.APPROVED, "zh-CN",
                        "已通过：{{title}}", "您发起的「{{title}}」已审批通过。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.APPROVED, "en",
                        "Approved: {{title}}", "\"{{title}}\" was approved. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.REJECTED, "zh-CN",
                        "已驳回：{{title}}", "您发起的「{{title}}」被驳回。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.REJECTED, "en",
                        "Rejected: {{title}}", "\"{{title}}\" was rejected. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.WITHDRAWN, "zh-CN",
                        "已撤回：{{title}}", "{{by}} 撤回了「{{title}}」，您无需再处理。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.WITHDRAWN, "en",
                        "Withdrawn: {{title}}", "{{by}} withdrew \"{{title}}\"; nothing to do for you. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.CC, "zh-CN",
                        "抄送：{{title}}", "{{by}} 发起的「{{title}}」抄送给您。{{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.CC, "en",
                        "For your information: {{title}}", "\"{{title}}\" by {{by}} was copied to you. {{link}}"),
                NotificationTemplate.of(WorkflowTemplateKeys.PROXY_LOOP, "zh-CN",
                        "委托循环：{{user}}", "流程 {{process}} 的委托设置形成循环（{{chain}}），任务仍交给 {{user}}，请检查委托设置。"),
                NotificationTemplate.of(WorkflowTemplateKeys.PROXY_LOOP, "en",
                        "Proxy loop: {{user}}", "The proxy rules of {{process}} loop ({{chain}}); the task stays with {{user}}. Fix the proxies."));
    }
}

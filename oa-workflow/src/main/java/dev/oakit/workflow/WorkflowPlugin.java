package dev.oakit.workflow;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.workflow.internal.DefinitionStore;
import dev.oakit.workflow.internal.ServiceJob;
import dev.oakit.workflow.internal.WorkflowQueries;
import dev.oakit.workflow.internal.expr.Conditions;
import dev.oakit.workflow.spi.ApproverResolver;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import org.apiguardian.api.API;

/**
 * The approvals plugin: install it with {@code OaKit.builder().plugin(new WorkflowPlugin())} to
 * get {@link ProcessDefinitions}, {@link Approvals} and {@link ApprovalQueries}, and (since 0.2)
 * {@link OutOfOffice}, {@link TaskDeadlines} and {@link ApprovalStatistics}. Its tables are
 * prefixed {@code oa_wf_}; its migrations use the history table {@code oa_workflow_schema_history}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowPlugin implements OaPlugin {
    /** Notification template sent to the current approvers when an instance is urged. */
    public static final String URGED_TEMPLATE = "wf.urged";
    /** Notification template of a timeout reminder to the assignee (since 0.2). */
    public static final String REMIND_TEMPLATE = "wf.task.remind";
    /** Notification template telling the assignee's manager that a task is overdue (since 0.2). */
    public static final String ESCALATED_TEMPLATE = "wf.task.escalated";
    /** Notification template of a task given to someone (since 0.2; with {@code workflow.notifications}). */
    public static final String ASSIGNED_TEMPLATE = "wf.task.assigned";
    /** Notification template of a task whose deadline is near (since 0.2; with {@code workflow.notifications}). */
    public static final String DUE_SOON_TEMPLATE = "wf.task.due-soon";
    /** Notification template of a task past its deadline (since 0.2; with {@code workflow.notifications}). */
    public static final String OVERDUE_TEMPLATE = "wf.task.overdue";
    /** Notification template telling the initiator the instance was returned (since 0.2; with {@code workflow.notifications}). */
    public static final String RETURNED_TEMPLATE = "wf.instance.returned";
    /** Notification template telling the initiator the instance was approved (since 0.2; with {@code workflow.notifications}). */
    public static final String APPROVED_TEMPLATE = "wf.instance.approved";
    /** Notification template telling the initiator the instance was rejected (since 0.2; with {@code workflow.notifications}). */
    public static final String REJECTED_TEMPLATE = "wf.instance.rejected";
    /** Notification template telling the approvers the initiator withdrew the instance (since 0.2; with {@code workflow.notifications}). */
    public static final String WITHDRAWN_TEMPLATE = "wf.instance.withdrawn";
    /** Notification template of a cc (抄送) (since 0.2; with {@code workflow.notifications}). */
    public static final String CC_TEMPLATE = "wf.instance.cc";
    /** Notification template telling administrators that proxy rules loop (since 0.2). */
    public static final String PROXY_LOOP_TEMPLATE = "wf.proxy.loop";

    @Override
    public String id() {
        return "workflow";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.config(WorkflowConfig.class);
        context.migrations("classpath:dev/oakit/workflow/db/migration");
        for (NotificationTemplate t : dev.oakit.workflow.internal.WorkflowTemplates.all()) {
            context.extension(NotificationTemplate.class, t);
        }
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ApproverResolver.class);
                Multibinder.newSetBinder(binder(), ServiceTaskHandler.class);
                bind(Conditions.class).toInstance(new Conditions());
                bind(ProcessDefinitions.class).to(DefinitionStore.class);
                bind(Approvals.class).to(dev.oakit.workflow.internal.runner.ApprovalService.class);
                bind(ApprovalQueries.class).to(WorkflowQueries.class);
                bind(OutOfOffice.class).to(dev.oakit.workflow.internal.proxy.OutOfOfficeService.class);
                bind(ApprovalStatistics.class).to(dev.oakit.workflow.internal.stats.Statistics.class);
                bind(TaskDeadlines.class).to(dev.oakit.workflow.internal.deadline.DeadlineService.class);
            }
        });
        context.exposeService(ProcessDefinitions.class);
        context.exposeService(Approvals.class);
        context.exposeService(ApprovalQueries.class);
        context.exposeService(OutOfOffice.class);
        context.exposeService(ApprovalStatistics.class);
        context.exposeService(TaskDeadlines.class);
        context.jobHandler(ServiceJob.class);
        context.jobHandler(dev.oakit.workflow.internal.deadline.TimeoutJob.class);
        context.extension(dev.oakit.core.spi.EventListener.class, dev.oakit.workflow.internal.WorkflowNotifier.class);
    }
}

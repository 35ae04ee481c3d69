package dev.oakit.workflow;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.ServiceJob;
import dev.oakit.workflow.internal.ApprovalQueryService;
import dev.oakit.workflow.internal.expr.Conditions;
import dev.oakit.workflow.spi.ApproverResolver;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import org.apiguardian.api.API;

/**
 * The approvals plugin: install it with {@code OaKit.builder().plugin(new WorkflowPlugin())} to
 * get {@link ProcessDefinitions}, {@link Approvals} and {@link ApprovalQueries}, and (since 0.2)
 * {@link OutOfOffice}, {@link TaskDeadlines} and {@link ApprovalStatistics}. Its notification
 * templates' keys are in {@link WorkflowTemplateKeys}. Its tables are
 * prefixed {@code oa_wf_}; its migrations use the history table {@code oa_workflow_schema_history}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowPlugin implements OaPlugin {
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#URGED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String URGED_TEMPLATE = WorkflowTemplateKeys.URGED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#REMIND}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String REMIND_TEMPLATE = WorkflowTemplateKeys.REMIND;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#ESCALATED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String ESCALATED_TEMPLATE = WorkflowTemplateKeys.ESCALATED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#ASSIGNED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String ASSIGNED_TEMPLATE = WorkflowTemplateKeys.ASSIGNED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#DUE_SOON}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String DUE_SOON_TEMPLATE = WorkflowTemplateKeys.DUE_SOON;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#OVERDUE}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String OVERDUE_TEMPLATE = WorkflowTemplateKeys.OVERDUE;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#RETURNED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String RETURNED_TEMPLATE = WorkflowTemplateKeys.RETURNED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#APPROVED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String APPROVED_TEMPLATE = WorkflowTemplateKeys.APPROVED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#REJECTED}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String REJECTED_TEMPLATE = WorkflowTemplateKeys.REJECTED;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#WITHDRAWN}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String WITHDRAWN_TEMPLATE = WorkflowTemplateKeys.WITHDRAWN;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#CC}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String CC_TEMPLATE = WorkflowTemplateKeys.CC;
    /** @deprecated since 0.2: use {@link WorkflowTemplateKeys#PROXY_LOOP}, which internal code can use without naming the plugin */
    @Deprecated(since = "0.1")
    public static final String PROXY_LOOP_TEMPLATE = WorkflowTemplateKeys.PROXY_LOOP;

    @Override
    public String id() {
        return "workflow";
    }

    @Override
    public void configure(OaPluginContext context) {
        for (dev.oakit.core.spi.OperationalGauge g : dev.oakit.workflow.internal.store.TaskRepository.gauges()) {
            context.extension(dev.oakit.core.spi.OperationalGauge.class, g);
        }
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
                // started as Guice configures this module during build(): the first deploy's JSON gets ready while
                // build() ends and start() runs the migrations
                dev.oakit.workflow.internal.DefinitionWarmUp.start();
                bind(ProcessDefinitions.class).to(DefinitionService.class);
                bind(Approvals.class).to(dev.oakit.workflow.internal.runner.ApprovalService.class);
                bind(InstanceMigrations.class).to(dev.oakit.workflow.internal.runner.MigrationService.class);
                bind(ApprovalQueries.class).to(ApprovalQueryService.class);
                bind(OutOfOffice.class).to(dev.oakit.workflow.internal.proxy.OutOfOfficeService.class);
                bind(ApprovalStatistics.class).to(dev.oakit.workflow.internal.stats.StatisticsService.class);
                bind(TaskDeadlines.class).to(dev.oakit.workflow.internal.deadline.DeadlineService.class);
            }
        });
        context.exposeService(ProcessDefinitions.class);
        context.exposeService(Approvals.class);
        context.exposeService(InstanceMigrations.class);
        context.exposeService(ApprovalQueries.class);
        context.exposeService(OutOfOffice.class);
        context.exposeService(ApprovalStatistics.class);
        context.exposeService(TaskDeadlines.class);
        context.jobHandler(ServiceJob.class);
        context.jobHandler(dev.oakit.workflow.internal.RemoteServiceJob.class);
        context.jobHandler(dev.oakit.workflow.internal.deadline.TimeoutJob.class);
        context.extension(dev.oakit.core.spi.EventListener.class, dev.oakit.workflow.internal.WorkflowNotifier.class);
        context.extension(dev.oakit.core.spi.EventListener.class, dev.oakit.workflow.internal.proxy.DeactivatedUserListener.class);
    }
}

package dev.oakit.workflow;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.workflow.internal.DefinitionStore;
import dev.oakit.workflow.internal.ServiceJob;
import dev.oakit.workflow.internal.WorkflowEngine;
import dev.oakit.workflow.internal.WorkflowQueries;
import dev.oakit.workflow.internal.expr.Conditions;
import dev.oakit.workflow.spi.ApproverResolver;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import org.apiguardian.api.API;

/**
 * The approvals plugin: install it with {@code OaKit.builder().plugin(new WorkflowPlugin())} to
 * get {@link ProcessDefinitions}, {@link Approvals} and {@link ApprovalQueries}. Its tables are
 * prefixed {@code oa_wf_}; its migrations use the history table {@code oa_workflow_schema_history}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowPlugin implements OaPlugin {
    /** Notification template sent to the current approvers when an instance is urged. */
    public static final String URGED_TEMPLATE = "wf.urged";

    @Override
    public String id() {
        return "workflow";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.config(WorkflowConfig.class);
        context.migrations("classpath:dev/oakit/workflow/db/migration");
        context.extension(NotificationTemplate.class, NotificationTemplate.of(URGED_TEMPLATE, "zh-CN",
                "催办：{{title}}", "{{by}} 催促您尽快处理「{{title}}」（{{node}}）。{{comment}}"));
        context.extension(NotificationTemplate.class, NotificationTemplate.of(URGED_TEMPLATE, "en",
                "Reminder: {{title}}", "{{by}} asks you to act on \"{{title}}\" ({{node}}) soon. {{comment}}"));
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ApproverResolver.class);
                Multibinder.newSetBinder(binder(), ServiceTaskHandler.class);
                bind(Conditions.class).toInstance(new Conditions());
                bind(ProcessDefinitions.class).to(DefinitionStore.class);
                bind(Approvals.class).to(WorkflowEngine.class);
                bind(ApprovalQueries.class).to(WorkflowQueries.class);
            }
        });
        context.exposeService(ProcessDefinitions.class);
        context.exposeService(Approvals.class);
        context.exposeService(ApprovalQueries.class);
        context.jobHandler(ServiceJob.class);
    }
}

package dev.oakit.ticket;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.ticket.internal.CatalogService;
import dev.oakit.ticket.internal.QueueService;
import dev.oakit.ticket.internal.RoutingService;
import dev.oakit.ticket.internal.RuleDispatch;
import dev.oakit.ticket.internal.SlaJob;
import dev.oakit.ticket.internal.SlaTimers;
import dev.oakit.ticket.internal.SparePartsService;
import dev.oakit.ticket.internal.TicketJobs;
import dev.oakit.ticket.internal.TicketReader;
import dev.oakit.ticket.internal.report.ReportEngine;
import dev.oakit.ticket.internal.runner.TicketService;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.spi.DispatchStrategy;
import dev.oakit.ticket.spi.PartAvailability;
import dev.oakit.ticket.spi.SlaHook;
import org.apiguardian.api.API;

/**
 * The tickets plugin: install it with {@code OaKit.builder().plugin(new TicketPlugin())} to get
 * {@link Tickets}, {@link TicketQueries}, {@link TicketCatalog}, {@link Queues} and {@link TicketRouting}
 * (dispatch rules and SLA policies; contribute more strategies with
 * {@code context.extension(DispatchStrategy.class, strategy)}, replace dispatch or the SLA clock as a whole with
 * {@code context.replace(DispatchHook.class, hook)} or {@code context.replace(SlaHook.class, hook)}) and
 * {@link SpareParts} (stock from the {@link PartAvailability} a bridge or vendor installs). Its tables are
 * prefixed {@code oa_tk_}; its migrations use the history table {@code oa_ticket_schema_history};
 * its configuration is {@link TicketConfig} in the {@code ticket} namespace. It needs only core.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketPlugin implements OaPlugin {
    /** Notification to the queue's dispatchers when a ticket is created. */
    public static final String CREATED_TEMPLATE = TicketTemplates.CREATED;
    /** Notification to an agent when a ticket is assigned to them. */
    public static final String ASSIGNED_TEMPLATE = TicketTemplates.ASSIGNED;
    /** Notification to the requester, assignee and watchers on every state change. */
    public static final String STATUS_TEMPLATE = TicketTemplates.STATUS;
    /** Notification to the assignee (or the dispatchers) when a ticket was not started in time. */
    public static final String OVERDUE_TEMPLATE = TicketTemplates.OVERDUE;
    /** Notification to the assignee and the queue's dispatchers when a share of an SLA target is used. */
    public static final String SLA_WARNING_TEMPLATE = TicketTemplates.SLA_WARNING;
    /** Notification to the assignee and the queue's dispatchers when an SLA target is breached. */
    public static final String SLA_BREACHED_TEMPLATE = TicketTemplates.SLA_BREACHED;
    /** Notification of an SLA escalation step (notify, priority raised, moved to another queue). */
    public static final String SLA_ESCALATED_TEMPLATE = TicketTemplates.SLA_ESCALATED;

    @Override
    public String id() {
        return "ticket";
    }

    @Override
    public void configure(OaPluginContext context) {
        for (dev.oakit.core.spi.OperationalGauge g : dev.oakit.ticket.internal.store.TicketRepository.gauges()) {
            context.extension(dev.oakit.core.spi.OperationalGauge.class, g);
        }
        context.config(TicketConfig.class);
        context.migrations("classpath:dev/oakit/ticket/db/migration");
        context.migrations("classpath:dev/oakit/ticket/db/vendor/{vendor}"); // only the statements that differ per database
        template(context, CREATED_TEMPLATE, "新工单 {{number}}：{{title}}",
                "{{by}} 提交了工单 {{number}}「{{title}}」，队列 {{queue}}，优先级 {{priority}}。",
                "New ticket {{number}}: {{title}}", "{{by}} opened ticket {{number}} \"{{title}}\" in queue {{queue}} (priority {{priority}}).");
        template(context, ASSIGNED_TEMPLATE, "工单 {{number}} 已派给您", "{{by}} 将工单 {{number}}「{{title}}」（队列 {{queue}}）派给了您。",
                "Ticket {{number}} is yours", "{{by}} assigned ticket {{number}} \"{{title}}\" (queue {{queue}}) to you.");
        template(context, STATUS_TEMPLATE, "工单 {{number}}：{{to}}", "{{by}} 将工单 {{number}}「{{title}}」从「{{from}}」改为「{{to}}」（{{action}}）。{{comment}}",
                "Ticket {{number}}: {{to}}", "{{by}} moved ticket {{number}} \"{{title}}\" from {{from}} to {{to}} ({{action}}). {{comment}}");
        template(context, OVERDUE_TEMPLATE, "工单 {{number}} 超时未处理", "工单 {{number}}「{{title}}」创建后 {{minutes}} 分钟内未开始处理。",
                "Ticket {{number}} not started", "Ticket {{number}} \"{{title}}\" was not started within {{minutes}} minutes.");
        template(context, SLA_WARNING_TEMPLATE, "工单 {{number}} 即将超出 SLA", "工单 {{number}}「{{title}}」：{{reason}}。{{explanation}}",
                "Ticket {{number}} nears its SLA", "Ticket {{number}} \"{{title}}\": {{reason}}. {{explanation}}");
        template(context, SLA_BREACHED_TEMPLATE, "工单 {{number}} 已超出 SLA", "工单 {{number}}「{{title}}」：{{reason}}。{{explanation}}",
                "Ticket {{number}} breached its SLA", "Ticket {{number}} \"{{title}}\": {{reason}}. {{explanation}}");
        template(context, SLA_ESCALATED_TEMPLATE, "工单 {{number}} 已升级", "工单 {{number}}「{{title}}」（队列 {{queue}}，优先级 {{priority}}）：{{reason}}。",
                "Ticket {{number}} escalated", "Ticket {{number}} \"{{title}}\" (queue {{queue}}, priority {{priority}}): {{reason}}.");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), DispatchHook.class).setDefault().to(RuleDispatch.class);
                OptionalBinder.newOptionalBinder(binder(), SlaHook.class).setDefault().to(SlaTimers.class);
                OptionalBinder.newOptionalBinder(binder(), PartAvailability.class).setDefault().to(PartAvailability.None.class);
                bind(SpareParts.class).to(SparePartsService.class);
                Multibinder.newSetBinder(binder(), DispatchStrategy.class);
                bind(TicketRouting.class).to(RoutingService.class);
                bind(Tickets.class).to(TicketService.class);
                bind(TicketQueries.class).to(TicketReader.class);
                bind(TicketCatalog.class).to(CatalogService.class);
                bind(Queues.class).to(QueueService.class);
                bind(TicketReports.class).to(ReportEngine.class);
            }
        });
        context.exposeService(Tickets.class);
        context.exposeService(TicketQueries.class);
        context.exposeService(TicketCatalog.class);
        context.exposeService(Queues.class);
        context.exposeService(TicketRouting.class);
        context.exposeService(TicketReports.class);
        context.exposeService(SpareParts.class);
        context.jobHandler(TicketJobs.Overdue.class);
        context.jobHandler(TicketJobs.Acceptance.class);
        context.jobHandler(SlaJob.class);
        context.jobHandler(dev.oakit.ticket.internal.report.MetricRollupJob.class);
        context.lifecycle(dev.oakit.ticket.internal.report.MetricRollupJob.Start.class);
        context.eventListener(dev.oakit.ticket.internal.DeactivatedAgentListener.class);
    }

    private static void template(OaPluginContext context, String key, String zhSubject, String zhBody, String enSubject, String enBody) {
        context.extension(NotificationTemplate.class, NotificationTemplate.of(key, "zh-CN", zhSubject, zhBody));
        context.extension(NotificationTemplate.class, NotificationTemplate.of(key, "en", enSubject, enBody));
    }
}

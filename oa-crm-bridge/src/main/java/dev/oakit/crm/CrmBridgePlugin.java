package dev.oakit.crm;

import com.google.inject.AbstractModule;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.EventListener;
import dev.oakit.crm.internal.CrmConnectors;
import dev.oakit.crm.internal.Customer360Service;
import dev.oakit.crm.internal.DealIntakeJob;
import dev.oakit.crm.internal.DealListener;
import dev.oakit.crm.internal.CaseNotices;
import dev.oakit.crm.internal.DealNotices;
import dev.oakit.crm.internal.DealPolicyNode;
import dev.oakit.crm.internal.DealService;
import dev.oakit.crm.internal.DealWatchJob;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import dev.oakit.crm.internal.CrmCustomerService;
import dev.oakit.crm.internal.ContactWatchJob;
import dev.oakit.crm.internal.CrmInboxListener;
import dev.oakit.crm.internal.TicketCaseListener;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.spi.Connector;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;

/**
 * The CRM bridge: {@code OaKit.builder().plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
 * .plugin(new TicketPlugin()).plugin(new CrmBridgePlugin(connector))}. It contributes the CRM connectors
 * to oa-integration (so their writes, feeds and metadata run on its machinery), and the deal approvals
 * ({@link DealApprovals}, processes {@link DealApproval}). Its tables are prefixed
 * {@code oa_crm_}, its migrations use the history table {@code oa_crm_schema_history}.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class CrmBridgePlugin implements OaPlugin {
    private final List<CrmConnector> connectors;
    private CaseRouting caseRouting = CaseRouting.of(new CaseRouting.Route("service", null, null));

    /** @param connectors the CRMs the bridge speaks to, each with its own target id */
    public CrmBridgePlugin(CrmConnector... connectors) {
        this.connectors = List.of(connectors);
    }

    /**
     * Sets how CRM cases become tickets (type, queue and SLA per case type) and which CRM status each ticket state is
     * written back as; unless set, every case is a ticket of type {@code service} in that type's default queue.
     *
     * @return this plugin
     */
    public CrmBridgePlugin caseRouting(CaseRouting routing) {
        this.caseRouting = java.util.Objects.requireNonNull(routing, "routing");
        return this;
    }

    @Override
    public String id() {
        return "crm";
    }

    @Override
    public Set<String> requires() {
        return Set.of("integration", "workflow", "ticket");
    }

    @Override
    public void configure(OaPluginContext context) {
        CrmConnectors registry = new CrmConnectors(connectors);
        for (CrmConnector c : registry.all()) {
            context.extension(Connector.class, c);
        }
        CaseRouting routing = caseRouting;
        context.migrations("classpath:dev/oakit/crm/db/migration");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(CrmConnectors.class).toInstance(registry);
                bind(CaseRouting.class).toInstance(routing);
                bind(CrmCustomers.class).to(CrmCustomerService.class);
                bind(DealApprovals.class).to(DealService.class);
                bind(Customer360.class).to(Customer360Service.class);
            }
        });
        context.exposeService(CrmCustomers.class);
        // accounts, contacts and cases the inbox accepted from a CRM's feeds; tickets of cases back to the CRM
        context.extension(EventListener.class, CrmInboxListener.class);
        // a pulled page of accounts or contacts is applied in one transaction (webhooks' records go through the listener)
        context.extension(dev.oakit.integration.spi.PageConsumer.class, dev.oakit.crm.internal.PartyPages.class);
        context.jobHandler(ContactWatchJob.class);
        // deal approvals: requests from the CRM start approvals, decisions go back with a conflict check
        context.exposeService(DealApprovals.class);
        context.exposeService(Customer360.class);
        context.extension(ServiceTaskHandler.class, DealPolicyNode.class);
        context.extension(EventListener.class, DealListener.class);
        context.jobHandler(DealIntakeJob.class);
        context.jobHandler(DealWatchJob.class);
        for (NotificationTemplate t : DealNotices.templates()) {
            context.extension(NotificationTemplate.class, t);
        }
        for (NotificationTemplate t : CaseNotices.templates()) {
            context.extension(NotificationTemplate.class, t);
        }
        context.extension(EventListener.class, TicketCaseListener.class);
    }
}

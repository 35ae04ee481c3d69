package dev.oakit.crm;

import com.google.inject.AbstractModule;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.EventListener;
import dev.oakit.crm.internal.CaseStateConnector;
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
import dev.oakit.crm.internal.CrmWebhookService;
import dev.oakit.crm.internal.WebhookTokens;
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
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CrmBridgePlugin implements OaPlugin {
    private final List<CrmConnector> connectors;
    private CaseRouting caseRouting = CaseRouting.of(new CaseRouting.Route("service", null, null));
    private final java.util.Map<String, List<String>> webhookTokens = new java.util.LinkedHashMap<>();

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
        if (routing == null) {
            throw dev.oakit.core.ValidationException.of("caseRouting", "is required; give CaseRouting.of(new CaseRouting.Route(ticketType, "
                    + "queue, slaPolicy)), or leave caseRouting out for the default routing");
        }
        this.caseRouting = routing;
        return this;
    }

    /**
     * Lets a CRM connector take webhooks that name a changed record ({@link CrmWebhooks}; Odoo's "Send Webhook
     * Notification"): a request is taken when its URL carries one of these tokens. Give two while replacing one: add the
     * new token, change the URL in the CRM, then drop the old one. Without tokens the target takes no webhooks.
     *
     * @param target the connector's id
     * @param tokens at least one; each 24 to 128 characters of {@code A-Z a-z 0-9 - _} (it goes into a URL as it is), e.g.
     *     32 random bytes in URL-safe base64
     * @return this plugin
     * @throws dev.oakit.core.ValidationException naming the bad target or token (the token itself is never shown)
     */
    public CrmBridgePlugin webhookTokens(String target, String... tokens) {
        if (connectors.stream().noneMatch(c -> c.id().equals(target))) {
            throw dev.oakit.core.ValidationException.of("target", "no CRM connector has the id '" + target + "'; give the id of one of "
                    + connectors.stream().map(CrmConnector::id).toList());
        }
        if (tokens == null || tokens.length == 0) {
            throw dev.oakit.core.ValidationException.of("tokens", "give at least one webhook token for " + target);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == null || !tokens[i].matches("[A-Za-z0-9_-]{24,128}")) {
                throw dev.oakit.core.ValidationException.of("tokens[" + i + "]", "a webhook token of " + target + " is 24 to 128 characters"
                        + " of A-Z a-z 0-9 - _; make one of 32 random bytes in URL-safe base64");
            }
        }
        webhookTokens.put(target, List.of(tokens));
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
        CaseStateConnector.Late late = new CaseStateConnector.Late();
        for (CrmConnector c : registry.all()) {
            // a case write carries the ticket's state as it is when sent: writes landing in any order end in that state
            context.extension(Connector.class, new CaseStateConnector(c, late));
        }
        CaseRouting routing = caseRouting;
        WebhookTokens hookTokens = new WebhookTokens(webhookTokens);
        context.migrations("classpath:dev/oakit/crm/db/migration");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(CrmConnectors.class).toInstance(registry);
                bind(CaseRouting.class).toInstance(routing);
                bind(WebhookTokens.class).toInstance(hookTokens);
                bind(CrmWebhooks.class).to(CrmWebhookService.class);
                bind(CaseStateConnector.Late.class).toInstance(late);
                bind(CrmCustomers.class).to(CrmCustomerService.class);
                bind(DealApprovals.class).to(DealService.class);
                bind(Customer360.class).to(Customer360Service.class);
            }
        });
        context.exposeService(CrmCustomers.class);
        context.exposeService(CrmWebhooks.class);
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

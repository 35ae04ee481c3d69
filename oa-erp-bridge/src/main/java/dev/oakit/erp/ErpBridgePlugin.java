package dev.oakit.erp;

import com.google.inject.AbstractModule;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.form.spi.OptionSource;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.erp.internal.BridgeTarget;
import dev.oakit.erp.internal.BudgetCheckNode;
import dev.oakit.erp.internal.JournalEntryNode;
import dev.oakit.erp.internal.PurchaseOrderNode;
import dev.oakit.erp.internal.RequisitionListener;
import dev.oakit.erp.internal.RequisitionService;
import dev.oakit.erp.internal.RequisitionWatchJob;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.internal.MasterDataService;
import dev.oakit.erp.masterdata.internal.MasterOptionSource;
import dev.oakit.erp.masterdata.internal.MasterFeeds;
import dev.oakit.erp.masterdata.internal.MasterSyncJob;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.erp.stock.StockLookup;
import dev.oakit.erp.stock.internal.StockLookupService;
import dev.oakit.erp.stock.internal.StockSources;
import dev.oakit.erp.stock.internal.TicketParts;
import dev.oakit.erp.stock.spi.StockSource;
import dev.oakit.integration.mapping.MappingDocument;
import dev.oakit.integration.spi.Connector;
import dev.oakit.ticket.spi.PartAvailability;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;

/**
 * The ERP bridge: {@code OaKit.builder().plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
 * .plugin(new ErpBridgePlugin(connector))}. It contributes the connectors, the purchase requisition's
 * order node ({@link PurchaseRequisition#ORDER_HANDLER}), the expense claim's post node
 * ({@link ExpenseClaim#POST_HANDLER}), the compensation of withdrawn or cancelled
 * requisitions, {@link PurchaseRequisitions}, master data, spare-part stock ({@link StockLookup}, and for tickets with
 * {@link #stockForTickets}). Its table is {@code oa_erp_requisition}, its migrations
 * use the history table {@code oa_erp_schema_history}, its configuration is {@link ErpBridgeConfig} in
 * the {@code erp} namespace.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ErpBridgePlugin implements OaPlugin {
    private final List<ErpConnector> connectors;
    private final List<MasterFeed> masterFeeds = new java.util.ArrayList<>();
    private final List<StockSource> stockSources = new java.util.ArrayList<>();
    private String ticketStock;

    /** @param connectors the ERPs the bridge writes to; purchase orders go to {@code erp.target} (default: the only one) */
    public ErpBridgePlugin(ErpConnector... connectors) {
        this.connectors = List.of(connectors);
    }

    /**
     * Adds master-data feeds ({@link dev.oakit.erp.erpnext.ErpNextMasterFeeds}, {@link dev.oakit.erp.odoo.OdooMasterFeeds}
     * or a vendor's) whose records {@link MasterData} keeps in sync.
     *
     * @return this plugin
     */
    public ErpBridgePlugin masterData(List<MasterFeed> feeds) {
        masterFeeds.addAll(feeds);
        return this;
    }

    /**
     * Adds stock sources ({@link dev.oakit.erp.erpnext.ErpNextStock}, {@link dev.oakit.erp.odoo.OdooStock} or a
     * vendor's) that {@link StockLookup} asks.
     *
     * @return this plugin
     */
    public ErpBridgePlugin stock(StockSource... sources) {
        stockSources.addAll(List.of(sources));
        return this;
    }

    /**
     * Lets tickets see spare-part stock: the tickets' {@code SpareParts} ask the stock source of {@code target} (add it
     * with {@link #stock}). The bridge then requires the ticket plugin.
     *
     * @param target the connector id whose stock source answers
     * @return this plugin
     */
    public ErpBridgePlugin stockForTickets(String target) {
        this.ticketStock = java.util.Objects.requireNonNull(target, "target");
        return this;
    }

    @Override
    public String id() {
        return "erp";
    }

    @Override
    public Set<String> requires() {
        return ticketStock == null ? Set.of("integration", "workflow") : Set.of("integration", "workflow", "ticket");
    }

    @Override
    public void configure(OaPluginContext context) {
        ErpBridgeConfig config = context.config(ErpBridgeConfig.class);
        ErpConnector target = choose(config);
        context.migrations("classpath:dev/oakit/erp/db/migration");
        for (ErpConnector c : connectors) {
            context.extension(Connector.class, c);
            // checked against the ERP's metadata at start: a field the order needs that is gone quarantines the order flow
            c.purchaseOrderMapping().ifPresent(m -> context.extension(MappingDocument.class, m.document()));
        }
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(BridgeTarget.class).toInstance(BridgeTarget.of(target));
                bind(PurchaseRequisitions.class).to(RequisitionService.class);
            }
        });
        context.exposeService(PurchaseRequisitions.class);
        context.extension(ServiceTaskHandler.class, PurchaseOrderNode.class);
        context.extension(ServiceTaskHandler.class, JournalEntryNode.class);
        context.extension(ServiceTaskHandler.class, BudgetCheckNode.class);
        context.extension(EventListener.class, RequisitionListener.class);
        context.jobHandler(RequisitionWatchJob.class);
        MasterFeeds feeds = new MasterFeeds(masterFeeds);
        StockSources stock = new StockSources(stockSources);
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(MasterFeeds.class).toInstance(feeds);
                bind(MasterData.class).to(MasterDataService.class);
                bind(StockSources.class).toInstance(stock);
                bind(StockLookup.class).to(StockLookupService.class);
            }
        });
        context.exposeService(MasterData.class);
        // synced master data as the options of form fields, e.g. the requisition's vendor and cost centre
        for (MasterOptionSource source : MasterOptionSource.all()) {
            context.extension(OptionSource.class, source);
        }
        context.jobHandler(MasterSyncJob.class);
        context.exposeService(StockLookup.class);
        if (ticketStock != null) {
            if (stockSources.stream().noneMatch(s -> s.target().equals(ticketStock))) {
                throw new ConfigurationException(List.of("[" + ErpErrors.NO_STOCK_SOURCE + "] stockForTickets names '" + ticketStock
                        + "' but the bridge's stock sources are " + stockSources.stream().map(StockSource::target).toList()
                        + "; add its source with ErpBridgePlugin.stock(...)"));
            }
            context.install(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(TicketParts.Target.class).toInstance(new TicketParts.Target(ticketStock));
                }
            });
            context.replace(PartAvailability.class, TicketParts.class);
        }
    }

    private ErpConnector choose(ErpBridgeConfig config) {
        if (config.target() == null) {
            if (connectors.size() != 1) {
                throw new ConfigurationException(List.of("[" + ErpErrors.NO_TARGET + "] the ERP bridge has " + connectors.size()
                        + " connectors; give it exactly one, or name the one for purchase orders in erp.target"));
            }
            return connectors.get(0);
        }
        return connectors.stream().filter(c -> c.id().equals(config.target())).findFirst().orElseThrow(() -> new ConfigurationException(
                List.of("[" + ErpErrors.NO_TARGET + "] erp.target is '" + config.target() + "' but the bridge's connectors are "
                        + connectors.stream().map(ErpConnector::id).toList() + "; name one of them")));
    }
}

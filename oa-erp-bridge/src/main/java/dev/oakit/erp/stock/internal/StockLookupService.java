package dev.oakit.erp.stock.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.stock.StockLevel;
import dev.oakit.erp.stock.StockLookup;
import dev.oakit.erp.stock.spi.StockSource;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** The {@link StockLookup}: one call of the source within the call timeout, no transaction open; every failure becomes an "unknown" answer. */
@Singleton
public final class StockLookupService implements StockLookup {
    private final StockSources sources;
    private final IntegrationConfig config;

    @Inject
    public StockLookupService(StockSources sources, IntegrationConfig config) {
        this.sources = sources;
        this.config = config;
    }

    @Override
    public StockLevel available(Actor actor, String target, String item, String warehouse) {
        Checks.notNull("actor", actor);
        return level(actor.tenantId(), target, item, warehouse, config.callTimeout());
    }

    /** The lookup for a tenant within {@code timeout}; every failure of the ERP becomes an "unknown" answer. */
    public StockLevel level(String tenantId, String target, String item, String warehouse, Duration timeout) {
        Checks.text("item", item, 140);
        Checks.text("warehouse", warehouse, 140);
        StockSource source = sources.all().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow(() -> new ValidationException(
                ErpErrors.NO_STOCK_SOURCE, "stock lookup", List.of(new ValidationException.Problem("target", "the ERP bridge has no stock source of '"
                        + target + "'; its sources are " + sources.all().stream().map(StockSource::target).toList()
                        + "; give one with ErpBridgePlugin.stock(...)"))));
        CallContext call = new CallContext(tenantId, target, "stock", timeout);
        try {
            return new StockLevel(item, warehouse, source.available(call, item, warehouse), null);
        } catch (RemoteCallException e) {
            return unknown(item, warehouse, (e.kind() == RemoteCallException.Kind.PERMANENT ? "the ERP refused the lookup: "
                    : "the ERP could not be asked within " + timeout + ": ") + e.getMessage());
        } catch (RuntimeException e) {
            return unknown(item, warehouse, "the stock source of '" + target + "' failed: " + e);
        }
    }

    private static StockLevel unknown(String item, String warehouse, String reason) {
        return new StockLevel(item, warehouse, null, reason);
    }
}

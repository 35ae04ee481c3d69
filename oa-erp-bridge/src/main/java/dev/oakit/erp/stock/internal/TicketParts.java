package dev.oakit.erp.stock.internal;

import dev.oakit.erp.stock.StockLevel;
import dev.oakit.ticket.PartStock;
import dev.oakit.ticket.spi.PartAvailability;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The tickets' {@link PartAvailability} from one ERP's stock source: the tickets' {@code SpareParts} ask, the
 * {@link StockLookupService} answers within their timeout, and its "unknown" answers keep their reason.
 */
@Singleton
public final class TicketParts implements PartAvailability {
    private final StockLookupService stock;
    private final String target;

    /** The ERP the tickets ask: a connector id with a stock source. */
    public record Target(String id) {
    }

    @Inject
    public TicketParts(StockLookupService stock, Target target) {
        this.stock = stock;
        this.target = target.id();
    }

    @Override
    public PartStock available(String tenantId, String item, String warehouse, Duration timeout) {
        StockLevel level = stock.level(tenantId, target, item, warehouse, timeout);
        return level.known() ? PartStock.of(item, warehouse, level.quantity())
                : PartStock.unknown(item, warehouse, target + ": " + level.reason());
    }
}

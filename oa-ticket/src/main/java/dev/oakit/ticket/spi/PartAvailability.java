package dev.oakit.ticket.spi;

import dev.oakit.ticket.PartStock;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Where {@link dev.oakit.ticket.SpareParts} asks for stock: an ERP, a warehouse system. The ERP bridge contributes one
 * ({@code ErpBridgePlugin.stockForTickets(target)}); a vendor replaces the default (which knows nothing) in its
 * plugin's {@code configure} with {@code context.replace(PartAvailability.class, impl)}.
 *
 * <p>It is called with no transaction open, from many threads at once. It should answer within {@code timeout} and
 * say "unknown" ({@link PartStock#unknown}) when its system does not answer; the tickets stop waiting after the timeout
 * anyway.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface PartAvailability {
    /**
     * @param tenantId the tenant asking
     * @param item the part's item code
     * @param warehouse the warehouse
     * @param timeout how long the answer may take
     * @return what the warehouse holds, or unknown with the reason
     */
    PartStock available(String tenantId, String item, String warehouse, Duration timeout);

    /** The default: no stock system installed, every answer unknown. */
    final class None implements PartAvailability {
        @Override
        public PartStock available(String tenantId, String item, String warehouse, Duration timeout) {
            return PartStock.unknown(item, warehouse, "no stock system is installed for tickets (install the ERP bridge's "
                    + "stockForTickets, or replace PartAvailability)");
        }
    }
}

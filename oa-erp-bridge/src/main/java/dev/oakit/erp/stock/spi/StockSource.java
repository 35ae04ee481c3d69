package dev.oakit.erp.stock.spi;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * Reads an item's available stock in a warehouse from one ERP. Must end within {@link CallContext#timeout()}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface StockSource {
    /** @return the connector's id */
    String target();

    /**
     * @return the quantity on hand less the reserved quantity; zero when the warehouse never held the item
     * @throws RemoteCallException classified: the ERP did not answer or refused
     */
    BigDecimal available(CallContext call, String item, String warehouse) throws RemoteCallException;
}

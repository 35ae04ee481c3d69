package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.stock.spi.StockSource;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Odoo's stock of an item in a warehouse: {@code product.product}'s {@code qty_available} (on hand, computed
 * from the stock quants) read with {@code search_read} on {@code default_code}, with the warehouse in the
 * context ({@code {'warehouse': name}}), as Odoo's stock module computes it per warehouse; zero when no
 * product has that reference. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OdooStock implements StockSource {
    private final String target;
    private final OdooRpc rpc;

    /** A source calling the server of {@code config}. */
    public OdooStock(OdooConfig config) {
        this.target = config.target();
        this.rpc = new OdooRpc(JsonHttp.builder(config.baseUri()).build(), config.target(), config.database(), config.login(), config.secret());
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public BigDecimal available(CallContext call, String item, String warehouse) throws RemoteCallException {
        JsonNode rows = rpc.execute(call, "product.product", "search_read", List.of(List.of(List.of("default_code", "=", item))),
                Map.of("fields", List.of("qty_available"), "limit", 1, "context", Map.of("warehouse", warehouse)));
        return rows.isEmpty() ? BigDecimal.ZERO : rows.get(0).path("qty_available").decimalValue();
    }
}

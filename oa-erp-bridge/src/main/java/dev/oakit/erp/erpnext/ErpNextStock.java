package dev.oakit.erp.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.stock.spi.StockSource;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * ERPNext's stock of an item in a warehouse: its {@code Bin} ({@code GET /api/resource/Bin} filtered on
 * {@code item_code} and {@code warehouse}), {@code actual_qty - reserved_qty}; zero when there is no Bin. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ErpNextStock implements StockSource {
    private final String target;
    private final JsonHttp http;

    /** A source calling the site of {@code config} with its API token. */
    public ErpNextStock(ErpNextConfig config) {
        this.target = config.target();
        this.http = ErpNextHttp.of(config);
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public BigDecimal available(CallContext call, String item, String warehouse) throws RemoteCallException {
        String filters = "[[\"item_code\",\"=\"," + quote(item) + "],[\"warehouse\",\"=\"," + quote(warehouse) + "]]";
        JsonNode page = http.get(call, "/api/resource/Bin?fields=" + ErpNextHttp.enc("[\"actual_qty\",\"reserved_qty\"]") + "&filters="
                + ErpNextHttp.enc(filters) + "&limit_page_length=1");
        BigDecimal qty = BigDecimal.ZERO;
        for (JsonNode bin : page.path("data")) {
            qty = qty.add(bin.path("actual_qty").decimalValue()).subtract(bin.path("reserved_qty").decimalValue());
        }
        return qty;
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}

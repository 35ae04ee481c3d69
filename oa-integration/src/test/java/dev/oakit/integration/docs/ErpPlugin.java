package dev.oakit.integration.docs;

import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.integration.spi.Connector;

import java.net.URI;
import java.util.Set;

/** The plugin of docs/integration.md that contributes the connector. */
// tag::plugin[]
public final class ErpPlugin implements OaPlugin {
    private final URI erp;
    private final String token;

    public ErpPlugin(URI erp, String token) {
        this.erp = erp;
        this.token = token;
    }

    public String id() {
        return "erp";
    }

    public Set<String> requires() {
        return Set.of("integration");
    }

    public void configure(OaPluginContext context) {
        context.extension(Connector.class, new PurchaseOrderConnector(erp, token));
    }
}
// end::plugin[]

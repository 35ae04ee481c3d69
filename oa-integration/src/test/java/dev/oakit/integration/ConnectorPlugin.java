package dev.oakit.integration;

import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.FieldCheck;

import java.util.List;
import java.util.Set;

/** A plugin that contributes one connector and its field checks, as a bridge does. */
public record ConnectorPlugin(String id, Connector connector, List<FieldCheck> checks) implements OaPlugin {
    /** A plugin with the connector only. */
    public ConnectorPlugin(String id, Connector connector) {
        this(id, connector, List.of());
    }

    @Override
    public Set<String> requires() {
        return Set.of("integration");
    }

    @Override
    public void configure(OaPluginContext context) {
        context.extension(Connector.class, connector);
        checks.forEach(c -> context.extension(FieldCheck.class, c));
    }
}

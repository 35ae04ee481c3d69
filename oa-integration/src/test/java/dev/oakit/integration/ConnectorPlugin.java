package dev.oakit.integration;

import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.integration.spi.Connector;

import java.util.Set;

/** A plugin that contributes one connector, as a bridge does. */
public record ConnectorPlugin(String id, Connector connector) implements OaPlugin {
    @Override
    public Set<String> requires() {
        return Set.of("integration");
    }

    @Override
    public void configure(OaPluginContext context) {
        context.extension(Connector.class, connector);
    }
}

package dev.oakit.integration;

import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;

import java.util.Set;
import java.util.function.Consumer;

/** A plugin for tests that requires {@code integration} and contributes what {@code configure} gives. */
public record TestPlugin(String id, Consumer<OaPluginContext> configure) implements OaPlugin {
    /** @return a plugin of that id */
    public static OaPlugin of(String id, Consumer<OaPluginContext> configure) {
        return new TestPlugin(id, configure);
    }

    @Override
    public Set<String> requires() {
        return Set.of("integration");
    }

    @Override
    public void configure(OaPluginContext context) {
        configure.accept(context);
    }
}

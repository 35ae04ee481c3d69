package dev.oakit.core.directory;

import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;

/** A host plugin that answers directory questions from its own store (LDAP, its user tables; here: memory). */
public final class HostDirectoryPlugin implements OaPlugin {
    private final DirectoryProvider provider;

    public HostDirectoryPlugin(DirectoryProvider provider) {
        this.provider = provider;
    }

    @Override
    public String id() {
        return "host-directory";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.replace(DirectoryProvider.class, provider);
    }
}

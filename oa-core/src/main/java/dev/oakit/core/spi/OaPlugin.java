package dev.oakit.core.spi;

import org.apiguardian.api.API;

import java.util.Set;

/**
 * A module that extends OAKit: an id, the ids it requires, and one {@link #configure} that
 * registers what it brings (a Guice module, migrations, typed config, extensions).
 *
 * <p>Plugins are registered explicitly with {@code OaKit.builder().plugin(..)} or
 * {@code OaKitModule.builder().plugin(..)}; ServiceLoader discovery happens only when the host
 * asks for it. Registering the same plugin (same id and class) twice is a no-op. A missing
 * requirement, a duplicate id with another class, or a requirement cycle fails {@code build()}
 * with a message naming the plugins. {@code configure} is called once, in dependency order,
 * while OAKit is built; it must not do I/O.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OaPlugin {
    /**
     * @return the plugin's id: lower-case letters, digits and dashes, unique among installed plugins,
     *     used as its config namespace and in its migration history table name
     */
    String id();

    /** @return ids of plugins that must be installed and configured before this one; never null */
    default Set<String> requires() {
        return Set.of();
    }

    /**
     * Registers this plugin's contributions. Called once per OAKit instance.
     *
     * @param context what the plugin may register; valid only during this call
     */
    void configure(OaPluginContext context);
}

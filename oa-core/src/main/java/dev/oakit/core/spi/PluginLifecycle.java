package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * What a plugin does when OAKit starts and stops. Contribute one with
 * {@link OaPluginContext#lifecycle(Class)} (created by Guice, so it can be injected) or
 * {@link OaPluginContext#lifecycle(PluginLifecycle)}.
 *
 * <p>{@link #onStart()} runs at the end of {@code OaKit.start()}: after the migrations of core and
 * every plugin, after the declared tenants exist, with the job workers already polling, one plugin
 * after another in dependency order (a plugin after the plugins it requires). It runs on the
 * thread that called {@code start()}, so it must return promptly: work that may wait on a remote
 * system belongs in a durable job that the hook schedules (the workers run it at once).
 *
 * <p>A hook that throws fails {@code start()}: the hooks that already started are stopped in
 * reverse order, the workers stop, OAKit's own pool is closed, and {@code start()} throws a
 * {@link dev.oakit.core.ConfigurationException} naming the plugin and the cause. OAKit is then not
 * running, and {@code start()} may be called again once the cause is fixed.
 *
 * <p>{@link #onStop()} runs at the beginning of {@code OaKit.close()}, in reverse dependency order,
 * while the job workers still run, only for plugins whose {@code onStart} completed; a failure is
 * logged and the other plugins still stop. Implementations need not be thread-safe: OAKit calls them
 * from one thread at a time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PluginLifecycle {
    /**
     * Runs once per successful {@code start()}. Default: nothing.
     *
     * @throws Exception to fail {@code start()}; the message should say what to fix
     */
    default void onStart() throws Exception {
    }

    /** Runs once per {@code close()} after a completed {@link #onStart()}. Default: nothing. */
    default void onStop() {
    }
}

package dev.oakit.core.spi;

import com.google.inject.Module;
import org.apiguardian.api.API;

/**
 * What a plugin may register while OAKit is being built. Valid only during
 * {@link OaPlugin#configure}; not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OaPluginContext {
    /** @return the id of the plugin being configured */
    String pluginId();

    /**
     * Installs a Guice module into OAKit's private injector. Its bindings are invisible to the
     * host unless exposed with {@link #exposeService}.
     */
    void install(Module module);

    /**
     * Makes a bound service reachable by hosts: through {@code OaKit.service(type)} and, for Guice
     * hosts, as a binding in their injector. The type must be bound by an installed module.
     */
    void exposeService(Class<?> type);

    /**
     * Names a Flyway migration location (e.g. {@code classpath:dev/oakit/workflow/db/migration})
     * migrated by {@code start()} with the plugin's own history table
     * {@code oa_<id>_schema_history}, after the migrations of every plugin it requires.
     * Migrations may use the placeholders {@code ${ts}} (UTC timestamp column type),
     * {@code ${text}} (unbounded text), {@code ${id}} (auto-increment bigint primary key column
     * type) and {@code ${bool}}. The few statements that must differ per database go in a vendor
     * folder named with {@code {vendor}}, which becomes {@code h2}, {@code postgresql} or
     * {@code mariadb} (e.g. {@code classpath:dev/oakit/ticket/db/vendor/{vendor}}; then every
     * vendor's folder exists).
     */
    void migrations(String location);

    /**
     * Binds the plugin's typed configuration: the config namespace named after the plugin id is
     * read into {@code type} with Jackson (unknown properties are configuration errors), or an
     * empty object when the host gave none. The instance is also bound in Guice.
     *
     * @return the bound configuration, for use during configure
     */
    <C> C config(Class<C> type);

    /** Contributes a durable job handler; its {@link JobHandler#type()} must be unique. */
    void jobHandler(JobHandler handler);

    /** Contributes a job handler created by Guice (so it can be injected). */
    void jobHandler(Class<? extends JobHandler> handlerType);

    /**
     * Contributes a hook that runs when OAKit has started (migrations done, job workers running) and
     * when it closes, in plugin dependency order; see {@link PluginLifecycle}.
     *
     * @since 0.1
     */
    @org.apiguardian.api.API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
    void lifecycle(PluginLifecycle lifecycle);

    /**
     * Contributes a lifecycle hook created by Guice (so it can be injected); see {@link PluginLifecycle}.
     *
     * @since 0.1
     */
    @org.apiguardian.api.API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
    void lifecycle(Class<? extends PluginLifecycle> type);

    /** Contributes an in-process listener for domain events, run after commit. */
    void eventListener(EventListener listener);

    /** Contributes an in-process listener created by Guice. */
    void eventListener(Class<? extends EventListener> listenerType);

    /** Contributes a relay that delivers domain events out of the process (at least once). */
    void eventRelay(EventRelay relay);

    /**
     * Contributes an extension to a named extension point; later modules define their own points
     * (approver resolvers, assignment strategies, notification channels, ...) and read them as a
     * Guice {@code Set<T>} multibinding.
     */
    <T> void extension(Class<T> point, T extension);

    /** Contributes an extension created by Guice. */
    <T> void extension(Class<T> point, Class<? extends T> implementation);

    /**
     * Replaces a default implementation that core or another plugin registered with
     * {@code OptionalBinder.setDefault} (for example the organisation directory).
     */
    <T> void replace(Class<T> type, Class<? extends T> implementation);

    /** Replaces a default implementation with an instance. */
    <T> void replace(Class<T> type, T implementation);

    /**
     * Declares a library the plugin needs that its module declares as an optional dependency, so that hosts
     * which do not install the plugin do not get it. When {@code className} cannot be loaded, {@code build()}
     * fails listing "plugin '&lt;id&gt;' needs &lt;purpose&gt;, but &lt;className&gt; is not on the class path: add the
     * dependency &lt;dependency&gt;". A plugin that gets {@code false} should return from {@code configure} without
     * registering the classes that use the library.
     *
     * @param className a class of the library, e.g. {@code jakarta.mail.Session}
     * @param dependency the Maven coordinates a host adds, e.g. {@code org.eclipse.angus:angus-mail}
     * @param purpose what the plugin uses it for, e.g. {@code "Jakarta Mail to read and send e-mail"}
     * @return true when the library is on the class path
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    boolean requireLibrary(String className, String dependency, String purpose);
}

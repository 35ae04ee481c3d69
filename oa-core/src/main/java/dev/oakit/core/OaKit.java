package dev.oakit.core;

import org.apiguardian.api.API;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * A running OAKit: the entry point for plain Java hosts. Build one with {@link #builder()} (or
 * get it from a Guice injector configured with {@link OaKitModule}), call {@link #start()} once
 * (migrations, then job workers), use its services, and {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (OaKit oa = OaKit.builder().dataSource(ds).plugin(new MyPlugin()).build().start()) {
 *     Directory directory = oa.service(Directory.class);
 * }
 * }</pre>
 *
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface OaKit extends AutoCloseable {
    /** @return a builder for plain Java hosts */
    static OaKitBuilder builder() {
        return new OaKitBuilder();
    }

    /**
     * Runs the migrations of core and every plugin (in dependency order, each with its own history
     * table), starts the job workers, then runs the plugins' start hooks
     * ({@link dev.oakit.core.spi.PluginLifecycle#onStart()}) in dependency order. Idempotent.
     *
     * @return this
     * @throws ConfigurationException if the database cannot be opened or migrated, or a plugin's start
     *     hook failed (naming the plugin); OAKit is then not running, and {@code start()} may be called again
     */
    OaKit start();

    /** @return true between {@link #start()} and {@link #close()} */
    boolean isRunning();

    /**
     * A service may be taken before {@link #start()} (the Guice door injects services before it), but
     * every call on it before {@code start()} fails with a {@link ConflictException} coded
     * {@link CoreErrors#NOT_STARTED}, and every call after {@link #close()} with one coded
     * {@link CoreErrors#CLOSED}.
     *
     * @return a public service of core or of an installed plugin, e.g. {@code Directory.class}
     * @throws NotFoundException naming the exposed services when {@code type} is not one
     * @throws ConflictException coded {@link CoreErrors#CLOSED} after {@link #close()}
     */
    <T> T service(Class<T> type);

    /**
     * @return every type {@link #service} serves, core's and those the installed plugins expose, in
     *     installation order; known from {@code build()} on, started or not
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    java.util.Set<Class<?>> services();

    /**
     * Runs OAKit commands inside the host's own JDBC transaction: OAKit uses {@code connection}
     * (which must come from the same database and have auto-commit off) and neither commits, rolls
     * back nor closes it, so the host's rows and OAKit's changes commit or roll back together.
     * Listeners of events written this way run through the job workers once the host committed.
     *
     * @return what {@code work} returns
     */
    <T> T inHostTransaction(Connection connection, Supplier<T> work);

    /**
     * Runs the plugins' stop hooks (reverse dependency order), stops the job workers, waiting for
     * running jobs, and closes the pool OAKit created (if any). Services used afterwards fail with
     * {@link CoreErrors#CLOSED}; {@link #start()} may start OAKit again.
     */
    @Override
    void close();
}

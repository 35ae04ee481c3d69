package dev.oakit.core;

import com.google.inject.CreationException;
import com.google.inject.PrivateModule;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.oakit.core.internal.boot.BootPlan;
import dev.oakit.core.internal.boot.CoreModule;
import dev.oakit.core.internal.boot.BootSettings;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The door for Guice hosts: a private module that exposes only {@link OaKit} and the public
 * services of core and the installed plugins. Building the module validates everything (and
 * throws one {@link ConfigurationException} listing every problem); configuring it does no I/O.
 * Call {@code injector.getInstance(OaKit.class).start()} when the host starts.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new HostModule(),
 *         OaKitModule.builder().dataSource(ds).plugin(new MyPlugin()).build());
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class OaKitModule extends PrivateModule {
    private final BootPlan plan;

    OaKitModule(BootSettings settings) {
        // Flyway, Jdbi and the form-schema validator get ready on another core while the plan is checked and Guice
        // wires the kernel; only here, so that a host that merely makes a builder starts no thread
        dev.oakit.core.internal.boot.Preinitializer.start();
        this.plan = BootPlan.of(settings);
    }

    /** @return a builder for the module */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void configure() {
        install(new CoreModule(plan));
        expose(OaKit.class);
        for (Class<?> service : exposed()) {
            expose(service);
        }
    }

    private Set<Class<?>> exposed() {
        Set<Class<?>> s = new LinkedHashSet<>(CoreModule.CORE_SERVICES);
        plan.ordered();
        s.addAll(pluginServices());
        return s;
    }

    private Collection<Class<?>> pluginServices() {
        return dev.oakit.core.internal.boot.Exposure.pluginServices(plan);
    }

    /** Turns Guice's wrapped failures into one ConfigurationException listing every problem. */
    static OaException unwrap(RuntimeException e) {
        Collection<Message> messages = e instanceof CreationException ce ? ce.getErrorMessages()
                : ((ProvisionException) e).getErrorMessages();
        List<String> problems = new ArrayList<>();
        for (Message m : messages) {
            Throwable cause = m.getCause();
            if (cause instanceof ConfigurationException c) {
                problems.addAll(c.problems());
            } else if (cause instanceof OaException oa) {
                return oa;
            } else {
                problems.add(m.getMessage());
            }
        }
        return new ConfigurationException(problems, e);
    }

    /**
     * Builds an {@link OaKitModule}. Not thread-safe; use once.
     *
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public static final class Builder extends OaKitSettings<Builder> {
        Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the validated module */
        public OaKitModule build() {
            return new OaKitModule(settings());
        }
    }
}

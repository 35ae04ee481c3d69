package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.oakit.core.Checks;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.testing.internal.HostedKit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/**
 * oa-testing over the OAKit the host builds itself, with the host's own wiring: its {@code OaKit.builder()} code
 * ({@link #of}), its Guice injector with {@code OaKitModule} ({@link #guice}), or a kit another framework owns
 * (Spring's context: {@code @OaKitSpringTest}, {@link #borrowing}). The extension hands the host's code a fresh
 * {@link TestClock} to build OAKit on, starts what it got unless it runs, deploys the process definitions of a
 * class-path folder ({@value OaKitExtension#DEFAULT_DEFINITIONS} unless set), makes the kit the current one for
 * {@link OaAssertions}, injects {@link OaTestKit}, {@link OaKit}, {@link TestClock}, the {@link Injector} and
 * OAKit's public services into non-final fields and parameters (with Guice also the test's {@code @Inject}
 * members and parameters of any type the injector binds), and closes the OAKit afterwards.
 *
 * <p>Registered with {@code @RegisterExtension}: on a {@code static} field one OAKit per test class, on an
 * instance field one per test method.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaKitHostExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OaKitHostExtension.class);
    private static final String RUNNING = "running";

    private final Function<ExtensionContext, Running> source;
    private final boolean injects;
    private String tenant = "acme";
    private String definitions;
    private DataSource dataSource;

    private OaKitHostExtension(Function<ExtensionContext, Running> source, boolean injects, String definitions) {
        this.source = source;
        this.injects = injects;
        this.definitions = definitions;
    }

    /**
     * The host's plain Java wiring: {@code clock -> MyHost.builder(dataSource).clock(clock).build()}. Started by the
     * extension unless it runs, closed after the class or method.
     */
    public static OaKitHostExtension of(Function<TestClock, OaKit> host) {
        hostFunction(host, "clock -> MyHost.builder(dataSource).clock(clock).build()");
        return new OaKitHostExtension(settings -> {
            TestClock clock = new TestClock();
            return new Running(clock, required(host.apply(clock), "the host function returned no OaKit"), null);
        }, true, OaKitExtension.DEFAULT_DEFINITIONS);
    }

    /**
     * The host's Guice wiring: {@code clock -> Guice.createInjector(new HostModule(), OaKitModule.builder()...clock(clock).build())}.
     * The injector's {@code OaKit} is started by the extension unless it runs, and closed after the class or method.
     */
    public static OaKitHostExtension guice(Function<TestClock, Injector> host) {
        hostFunction(host, "clock -> Guice.createInjector(..., OaKitModule.builder()...clock(clock).build())");
        return new OaKitHostExtension(settings -> {
            TestClock clock = new TestClock();
            Injector injector = required(host.apply(clock), "the host function returned no Injector");
            return new Running(clock, injector.getInstance(OaKit.class), injector);
        }, true, OaKitExtension.DEFAULT_DEFINITIONS);
    }

    /**
     * A kit another framework builds, starts and closes (a Spring context's {@code OaTestKit} bean): the extension
     * only makes it the current kit of each test method; it deploys nothing and injects nothing (the framework does).
     */
    public static OaKitHostExtension borrowing(Function<ExtensionContext, OaTestKit> kit) {
        if (kit == null) {
            throw ValidationException.of("kit", "is required (was null): pass the function that finds the framework's "
                    + "OaTestKit for a test class");
        }
        return new OaKitHostExtension(context -> new Running(required(kit.apply(context), "no OaTestKit was found for "
                + context.getRequiredTestClass().getName())), false, null);
    }

    /**
     * A test kit over an OAKit the host built on {@code clock}; its {@link OaTestKit#runDueJobs()} waits on the host's
     * job workers (their poll interval, {@code core.jobs.pollInterval}, is how long each wait takes at least).
     *
     * @param clock the {@link TestClock} OAKit runs on; null when it runs on a clock of its own (the system clock): the
     *     kit then acts as users and asserts, and its {@code clock()}, {@code runDueJobs()} and {@code advance(..)} fail
     *
     * @param dataSource the host's, for {@link OaTestKit#dataSource()}; may be null
     */
    public static OaTestKit kit(OaKit oa, TestClock clock, String tenant, DataSource dataSource) {
        return new HostedKit(oa, clock, tenant, dataSource);
    }

    private static void hostFunction(Function<TestClock, ?> host, String example) {
        if (host == null) {
            throw ValidationException.of("host", "is required (was null): pass the function that builds the host on the "
                    + "test's clock, e.g. " + example);
        }
    }

    /** The tenant the test acts in (default {@code acme}); the host creates it as in production. */
    public OaKitHostExtension tenant(String id) {
        this.tenant = Checks.id("tenant", id);
        return this;
    }

    /** The class-path folder of the definitions to deploy at start; null or blank for none. */
    public OaKitHostExtension definitions(String folder) {
        this.definitions = folder;
        return this;
    }

    /** The host's DataSource, for {@link OaTestKit#dataSource()} (the host's function uses it too). */
    public OaKitHostExtension dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put(RUNNING, boot(context));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context.getStore(NS).remove(RUNNING, Running.class));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running running = context.getStore(NS).get(RUNNING, Running.class);
        if (running == null) {
            running = boot(context);
            context.getStore(NS).put(RUNNING, running); // the method's own store: removed and closed in afterEach
        }
        Current.set(running.kit);
        if (injects) {
            for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
                inject(instance, running);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Current.set(null);
        close(context.getStore(NS).remove(RUNNING, Running.class)); // null when it belongs to the class
    }

    private Running boot(ExtensionContext context) {
        Running running = source.apply(context);
        if (running.borrowed != null) {
            return running;
        }
        try {
            if (!running.oa.isRunning()) {
                running.oa.start();
            }
            HostedKit kit = new HostedKit(running.oa, running.clock, tenant, dataSource);
            kit.deployFolder(definitions);
            return running.with(kit);
        } catch (RuntimeException e) {
            running.oa.close();
            throw e;
        }
    }

    private static void close(Running running) {
        if (running != null && running.borrowed == null) {
            running.oa.close();
        }
    }

    private static void inject(Object instance, Running running) {
        if (running.injector != null) {
            running.injector.injectMembers(instance);
        }
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                Object value = Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic() ? null : running.ownValue(f.getType());
                if (value != null) {
                    try {
                        f.setAccessible(true);
                        f.set(instance, value);
                    } catch (IllegalAccessException | RuntimeException e) {
                        throw new IllegalStateException("cannot inject " + f + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (!injects) {
            return false;
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == OaTestKit.class || type == OaKit.class || type == TestClock.class) {
            return true;
        }
        Running running = context.getStore(NS).get(RUNNING, Running.class);
        return running != null && running.value(type) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NS).get(RUNNING, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("OAKit is not running for " + parameter.getDeclaringExecutable()
                    + ": an OAKit per method (an instance-field @RegisterExtension) cannot be injected into constructors");
        }
        return running.value(parameter.getParameter().getType());
    }

    private static <T> T required(T value, String problem) {
        if (value == null) {
            throw new IllegalStateException(problem);
        }
        return value;
    }

    /** A host's OAKit of a test class or method: what the host built, or a kit another framework owns. */
    private static final class Running {
        final TestClock clock;
        final OaKit oa;
        final Injector injector;
        final OaTestKit borrowed;
        final OaTestKit kit;

        Running(TestClock clock, OaKit oa, Injector injector) {
            this(clock, oa, injector, null, null);
        }

        Running(OaTestKit borrowed) {
            this(borrowed.clock(), borrowed.oa(), null, borrowed, borrowed);
        }

        private Running(TestClock clock, OaKit oa, Injector injector, OaTestKit borrowed, OaTestKit kit) {
            this.clock = clock;
            this.oa = oa;
            this.injector = injector;
            this.borrowed = borrowed;
            this.kit = kit;
        }

        Running with(OaTestKit kit) {
            return new Running(clock, oa, injector, null, kit);
        }

        /** @return what the extension itself gives for a field of this type, or null */
        Object ownValue(Class<?> type) {
            if (type == OaTestKit.class) {
                return kit;
            }
            if (type == OaKit.class) {
                return oa;
            }
            if (type == TestClock.class) {
                return clock;
            }
            if (type == Injector.class) {
                return injector;
            }
            return oa.services().contains(type) ? oa.service(type) : null;
        }

        /** @return {@link #ownValue}, else what the host's injector binds for this type, or null */
        Object value(Class<?> type) {
            Object own = ownValue(type);
            if (own != null || injector == null) {
                return own;
            }
            return injector.getExistingBinding(Key.get(type)) == null ? null : injector.getInstance(type);
        }
    }
}

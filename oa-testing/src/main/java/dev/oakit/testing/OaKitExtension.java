package dev.oakit.testing;

import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.DatabaseMatrix;
import dev.oakit.testing.base.TestClock;
import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.testing.internal.TestRuntime;
import dev.oakit.workflow.ProcessDefinition;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JUnit 5 extension behind {@link OaKitTest}: boots OAKit on a fresh in-memory H2 database (one per
 * test class, or per method), on the fresh schema of each run of a {@link dev.oakit.testing.base.DatabaseTest} method
 * (H2, PostgreSQL, MariaDB; per method), or on the test's DataSource, on a {@link TestClock}, with the plugins the test
 * names; deploys the process definitions of a class-path folder ({@value #DEFAULT_DEFINITIONS} unless set)
 * and those given as Java objects; injects {@link OaTestKit}, {@link OaKit}, {@link TestClock},
 * {@link DataSource} and OAKit's public services into non-final fields and into parameters; closes
 * everything afterwards.
 *
 * <p>Registered with {@link OaKitTest}, or with {@code @RegisterExtension} on a {@code static} field
 * (per class) or an instance field (per method) built by {@link #builder()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaKitExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The class-path folder whose process definitions are deployed unless the test names another. */
    public static final String DEFAULT_DEFINITIONS = "oakit/processes";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OaKitExtension.class);
    private static final String KIT = "kit";

    private final Builder fixed;

    /** The extension {@link OaKitTest} registers; it reads the annotation. */
    public OaKitExtension() {
        this.fixed = null;
    }

    private OaKitExtension(Builder builder) {
        this.fixed = builder;
    }

    /** @return a builder for {@code @RegisterExtension} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the kit of the test running on this thread, for {@link OaAssertions}
     * @throws IllegalStateException outside a test run by this extension
     */
    public static OaTestKit current() {
        return Current.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Builder b = settings(context);
        if (!b.perMethod) {
            context.getStore(NS).put(KIT, new TestRuntime(b.settings()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context.getStore(NS).remove(KIT, TestRuntime.class));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        TestRuntime kit = context.getStore(NS).get(KIT, TestRuntime.class);
        Optional<Database> run = DatabaseMatrix.database(context);
        if (run.isPresent()) {
            kit = new TestRuntime(onTheRunsSchema(context, kit, run.get()));
            context.getStore(NS).put(KIT, kit);
        } else if (kit == null || settings(context).perMethod) {
            kit = new TestRuntime(settings(context).settings());
            context.getStore(NS).put(KIT, kit); // the method's own store: removed and closed in afterEach
        }
        Current.set(kit);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance, kit);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Current.set(null);
        close(context.getStore(NS).remove(KIT, TestRuntime.class));
    }

    /**
     * The settings of a run of {@code @DatabaseTest}: OAKit boots on the run's fresh schema (which the matrix drops after
     * the run), once per run, so neither a per-class OAKit nor a DataSource of the test's own fits.
     */
    private TestRuntime.Settings onTheRunsSchema(ExtensionContext context, TestRuntime classKit, Database database) {
        Builder b = settings(context);
        if (classKit != null && !b.perMethod) {
            throw new IllegalStateException(context.getRequiredTestMethod().getName() + " runs once per database (@DatabaseTest), so OAKit must boot"
                    + " once per method: set @OaKitTest(perMethod = true), or register OaKitExtension on an instance field");
        }
        if (b.dataSource != null) {
            throw new IllegalStateException(context.getRequiredTestMethod().getName() + " runs on a fresh " + database.label()
                    + " schema of @DatabaseTest: remove dataSource(..) from OaKitExtension.builder()");
        }
        return b.settings().on(DatabaseMatrix.schema(context).dataSource());
    }

    private static void close(TestRuntime kit) {
        if (kit != null) {
            kit.close();
        }
    }

    private Builder settings(ExtensionContext context) {
        if (fixed != null) {
            return fixed;
        }
        OaKitTest a = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), OaKitTest.class)
                .orElseThrow(() -> new IllegalStateException("OaKitExtension needs @OaKitTest on " + context.getRequiredTestClass().getName()
                        + " or registration with @RegisterExtension OaKitExtension.builder()...build()"));
        Builder b = new Builder().tenant(a.tenant()).definitions(a.definitions());
        for (Class<? extends OaPlugin> type : a.plugins()) {
            b.plugin(() -> instantiate(type));
        }
        if (a.perMethod()) {
            b.perMethod();
        }
        return b;
    }

    private static OaPlugin instantiate(Class<? extends OaPlugin> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@OaKitTest(plugins): " + type.getName() + " needs a public no-argument constructor; "
                    + "register OaKitExtension.builder().plugin(() -> new ...) instead", e);
        }
    }

    private static void inject(Object instance, TestRuntime kit) throws IllegalAccessException {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic()) {
                    continue;
                }
                Object value = valueOf(f.getType(), kit);
                if (value != null) {
                    f.setAccessible(true);
                    f.set(instance, value);
                }
            }
        }
    }

    /** @return what the kit gives for {@code type}, or null */
    private static Object valueOf(Class<?> type, TestRuntime kit) {
        if (type == OaTestKit.class) {
            return kit;
        }
        if (type == OaKit.class) {
            return kit.oa();
        }
        if (type == TestClock.class) {
            return kit.clock();
        }
        if (type == DataSource.class) {
            return kit.dataSource();
        }
        return kit.oa().services().contains(type) ? kit.oa().service(type) : null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == OaTestKit.class || type == OaKit.class || type == TestClock.class || type == DataSource.class) {
            return true;
        }
        TestRuntime kit = context.getStore(NS).get(KIT, TestRuntime.class);
        return kit != null && kit.oa().services().contains(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestRuntime kit = context.getStore(NS).get(KIT, TestRuntime.class);
        if (kit == null) {
            throw new ParameterResolutionException("OAKit is not running for " + parameter.getDeclaringExecutable()
                    + ": per-method OAKit (perMethod, or an instance-field @RegisterExtension) cannot be injected into constructors");
        }
        return valueOf(parameter.getParameter().getType(), kit);
    }

    /** Settings of an extension registered with {@code @RegisterExtension}. Not thread-safe. */
    public static final class Builder {
        private final List<Supplier<? extends OaPlugin>> plugins = new ArrayList<>();
        private final Map<String, List<Object>> config = new LinkedHashMap<>();
        private final List<Supplier<ProcessDefinition>> definitions = new ArrayList<>();
        private String tenant = "acme";
        private String tenantName;
        private DataSource dataSource;
        private String definitionsFolder = DEFAULT_DEFINITIONS;
        private boolean perMethod;
        private final List<BusinessCalendar> calendars = new ArrayList<>();

        private Builder() {
        }

        /** Plugins to install; the same objects serve every OAKit this extension boots (use {@link #plugin} for fresh ones). */
        public Builder plugins(OaPlugin... plugins) {
            for (OaPlugin p : plugins) {
                this.plugins.add(() -> p);
            }
            return this;
        }

        /** A plugin made afresh for every OAKit this extension boots. */
        public Builder plugin(Supplier<? extends OaPlugin> plugin) {
            plugins.add(plugin);
            return this;
        }

        /** Configuration of a namespace ({@code core} or a plugin id), as {@code OaKitBuilder.config} takes it; later calls merge. */
        public Builder config(String namespace, Object value) {
            config.computeIfAbsent(namespace, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** The tenant the test acts in (default {@code acme}); created at start. */
        public Builder tenant(String id) {
            return tenant(id, id);
        }

        public Builder tenant(String id, String name) {
            this.tenant = id;
            this.tenantName = name;
            return this;
        }

        /** Runs OAKit on this DataSource instead of a fresh H2 (the test keeps it and empties it as it needs). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The class-path folder of the definitions to deploy; null or blank for none. */
        public Builder definitions(String folder) {
            this.definitionsFolder = folder;
            return this;
        }

        /** A definition to deploy at start, made afresh for every OAKit. */
        public Builder definition(Supplier<ProcessDefinition> definition) {
            definitions.add(definition);
            return this;
        }

        /** A business calendar for deadlines and SLA policies to name, as {@code OaKitBuilder.calendar} takes it. */
        public Builder calendar(BusinessCalendar calendar) {
            calendars.add(calendar);
            return this;
        }

        /** A fresh database and OAKit for every test method. */
        public Builder perMethod() {
            this.perMethod = true;
            return this;
        }

        public OaKitExtension build() {
            return new OaKitExtension(this);
        }

        TestRuntime.Settings settings() {
            return new TestRuntime.Settings(plugins.stream().<OaPlugin>map(Supplier::get).toList(), config, tenant,
                    tenantName == null ? tenant : tenantName, dataSource, definitionsFolder, List.copyOf(definitions),
                    List.copyOf(calendars));
        }
    }
}

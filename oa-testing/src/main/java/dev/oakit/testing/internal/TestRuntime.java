package dev.oakit.testing.internal;

import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.TestClock;
import dev.oakit.testing.base.TestSchema;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One booted OAKit of a test class or method, with the H2 database it created (if the test gave none); closed by the extension. */
public final class TestRuntime extends AbstractTestKit implements AutoCloseable {
    /** The admin user id the kit deploys and seeds as. */
    public static final String ADMIN = "oakit-test";

    private final OaKit oa;
    private final TestClock clock;
    private final DataSource dataSource;
    private final TestSchema ownSchema;

    /** What the extension's annotation or builder asks for. */
    public record Settings(List<OaPlugin> plugins, Map<String, List<Object>> config, String tenant, String tenantName,
                           DataSource dataSource, String definitionsFolder, List<Supplier<ProcessDefinition>> definitions,
                           List<BusinessCalendar> calendars) {
        /** @return these settings on {@code dataSource} (a run of the database matrix) */
        public Settings on(DataSource dataSource) {
            return new Settings(plugins, config, tenant, tenantName, dataSource, definitionsFolder, definitions, calendars);
        }
    }

    public TestRuntime(Settings s) {
        super(s.tenant());
        this.clock = new TestClock();
        this.ownSchema = s.dataSource() == null ? h2() : null;
        this.dataSource = s.dataSource() != null ? s.dataSource() : ownSchema.dataSource();
        OaKitBuilder b = OaKit.builder().dataSource(dataSource).clock(clock).tenant(s.tenant(), s.tenantName())
                // the worker polls often so that runDueJobs() returns soon after the clock moved
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.02S", "backoffBase", "PT0.05S", "backoffMax", "PT0.5S")));
        b.plugins(s.plugins().toArray(OaPlugin[]::new));
        s.calendars().forEach(b::calendar);
        s.config().forEach((ns, values) -> values.forEach(v -> b.config(ns, v)));
        OaKit built;
        try {
            built = b.build().start();
        } catch (RuntimeException e) {
            closeSchema();
            throw e;
        }
        this.oa = built;
        try {
            if (oa.services().contains(ProcessDefinitions.class)) {
                for (ProcessDefinition d : ClasspathDefinitions.load(s.definitionsFolder())) {
                    deploy(d);
                }
                for (Supplier<ProcessDefinition> d : s.definitions()) {
                    deploy(d.get());
                }
            } else if (!s.definitions().isEmpty()) {
                throw new IllegalStateException("definitions were given but oa-workflow's WorkflowPlugin is not installed: add it to plugins");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static TestSchema h2() {
        try {
            return TestSchema.open(Database.H2);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory H2 database: " + e.getMessage(), e);
        }
    }

    @Override
    public OaKit oa() {
        return oa;
    }

    @Override
    public TestClock clock() {
        return clock;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            oa.close();
        } finally {
            closeSchema();
        }
    }

    private void closeSchema() {
        if (ownSchema == null) {
            return;
        }
        try {
            ownSchema.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test's H2 database: " + e.getMessage(), e);
        }
    }
}

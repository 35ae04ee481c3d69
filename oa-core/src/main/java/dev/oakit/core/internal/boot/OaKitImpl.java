package dev.oakit.core.internal.boot;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.oakit.core.Checks;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.internal.db.HostAwareConnectionFactory;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.spi.OaPlugin;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The one implementation behind both doors. */
public final class OaKitImpl implements OaKit {
    private static final Logger LOG = LoggerFactory.getLogger(OaKitImpl.class);

    private final BootPlan plan;
    private final Database database;
    private final JobWorker worker;
    private final SealerSchedule sealer;
    private final RetentionSchedule retention;
    private final PluginLifecycles lifecycles;
    private final Injector injector;
    private final Set<Class<?>> services;
    private volatile boolean running;

    @Inject
    private OaKitImpl(BootPlan plan, Database database, JobWorker worker, Injector injector,
              dev.oakit.core.calendar.BusinessCalendars calendars) {
        // calendars are injected only so that build() validates them
        this.plan = plan;
        this.database = database;
        this.worker = worker;
        this.sealer = new SealerSchedule(injector.getInstance(dev.oakit.core.internal.audit.AuditSealer.class),
                plan.coreConfig.audit().sealInterval());
        this.retention = injector.getInstance(RetentionSchedule.class);
        this.injector = injector;
        this.services = exposedServices(plan);
        this.lifecycles = new PluginLifecycles(plan, injector);
    }

    /** @return every type hosts may ask for: core services and what plugins exposed */
    static Set<Class<?>> exposedServices(BootPlan plan) {
        Set<Class<?>> s = new LinkedHashSet<>(CoreModule.CORE_SERVICES);
        for (PluginContextImpl c : plan.contexts) {
            s.addAll(c.exposed);
        }
        return s;
    }

    @Override
    public synchronized OaKit start() {
        if (running) {
            return this;
        }
        database.open();
        try {
            migrate();
            injector.getInstance(dev.oakit.core.internal.tenant.TenantService.class).declare(plan.settings.tenants());
        } catch (RuntimeException e) {
            database.close(); // do not leave OAKit's own pool open behind a failed start
            throw e;
        }
        worker.start();
        sealer.start();
        retention.start();
        try {
            lifecycles.start(); // last: plugins may schedule jobs and use every service
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        running = true;
        LOG.info("OAKit started on {} with plugins {}", database.dialect(), plan.ordered().stream().map(OaPlugin::id).toList());
        return this;
    }

    private void migrate() {
        List<String> problems = new ArrayList<>();
        boolean direct = DirectMigrations.enabled(); // before any module: an invalid value migrates nothing
        for (Migrations.Module m : Migrations.modules(plan, database.dialect())) {
            if (problems.isEmpty()) {
                migrate(m, direct, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private void migrate(Migrations.Module m, boolean direct, List<String> problems) {
        String id = m.id();
        List<String> locations = m.locations();
        try {
            // an empty H2 database: the module's scripts directly, with the history Flyway would have written
            if (direct && DirectMigrations.migrate(database.dataSource(), database.dialect(), m)) {
                return;
            }
            Migrations.flyway(database, m).migrate();
        } catch (FlywayException | DirectMigrations.Failed e) {
            problems.add("migrations of '" + id + "' (" + locations + ") failed: " + e.getMessage());
        }
    }

    /** @return OAKit's private injector (for internal tools and tests) */
    public Injector injector() {
        return injector;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public <T> T service(Class<T> type) {
        Checks.notNull("type", type);
        if (database.isClosed()) {
            throw Database.closedError();
        }
        if (!services.contains(type)) {
            throw new NotFoundException(CoreErrors.NO_SUCH_SERVICE, type.getName() + " is not an OAKit service; available: "
                    + services.stream().map(Class::getSimpleName).toList() + " (install the plugin that exposes it)");
        }
        return injector.getInstance(type);
    }

    @Override
    public Set<Class<?>> services() {
        return java.util.Collections.unmodifiableSet(services);
    }

    @Override
    public <T> T inHostTransaction(Connection connection, Supplier<T> work) {
        Checks.notNull("connection", connection);
        Checks.notNull("work", work);
        HostAwareConnectionFactory f = database.connections();
        Connection previous = f.bind(connection);
        try {
            return work.get();
        } finally {
            f.bind(previous);
        }
    }

    @Override
    public synchronized void close() {
        lifecycles.stop(); // first: plugins stop while the workers still run
        stopAll();
        database.markClosed();
        running = false;
    }

    private void stopAll() {
        retention.close();
        sealer.close();
        worker.close();
        database.close();
    }
}

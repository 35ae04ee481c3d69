package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.internal.audit.AuditLogService;
import dev.oakit.core.internal.command.CommandRunner;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.directory.DbDirectoryProvider;
import dev.oakit.core.internal.directory.DirectoryService;
import dev.oakit.core.internal.directory.RoleCatalog;
import dev.oakit.core.internal.db.Transactions;
import dev.oakit.core.internal.event.EventJobs;
import dev.oakit.core.internal.event.Outbox;
import dev.oakit.core.internal.event.WebhookRelay;
import dev.oakit.core.internal.job.JobHandlers;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.internal.job.JobsService;
import dev.oakit.core.internal.job.RetryPolicies;
import dev.oakit.core.internal.notify.DeliveryJob;
import dev.oakit.core.internal.notify.DirectoryRecipientResolver;
import dev.oakit.core.internal.notify.NotificationsService;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.EventRelay;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.RecipientResolver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Core bindings plus every plugin's contributions, installed inside OAKit's private module.
 * Does no I/O: the database opens in {@code start()}.
 */
public final class CoreModule extends AbstractModule {
    /** Public services of core, exposed to hosts. Later core features add theirs here. */
    public static final List<Class<?>> CORE_SERVICES = List.of(AuditLog.class, Jobs.class, Notifications.class,
            dev.oakit.core.calendar.BusinessCalendars.class, Directory.class, dev.oakit.core.directory.Tenants.class,
            dev.oakit.core.form.FormOptions.class, dev.oakit.core.ops.HealthCheck.class);

    private final BootPlan plan;

    public CoreModule(BootPlan plan) {
        this.plan = plan;
    }

    @Override
    protected void configure() {
        bind(BootPlan.class).toInstance(plan);
        bind(ObjectMapper.class).toInstance(plan.json);
        bind(CoreConfig.class).toInstance(plan.coreConfig);
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toInstance(plan.settings.clock());
        bind(Database.class).toInstance(new Database(plan.settings.dataSource(), plan.settings.dataDirectory(), plan.settings.hostTransactions()));
        bind(dev.oakit.core.spi.OaDatabase.class).to(Database.class); // which database, for plugins' per-product statements

        Multibinder<JobHandler> handlers = Multibinder.newSetBinder(binder(), JobHandler.class);
        // operations: observers of commands and jobs, and gauges read from each module's tables
        Multibinder.newSetBinder(binder(), dev.oakit.core.spi.OperationObserver.class);
        Multibinder<dev.oakit.core.spi.OperationalGauge> gauges = Multibinder.newSetBinder(binder(), dev.oakit.core.spi.OperationalGauge.class);
        for (dev.oakit.core.spi.OperationalGauge g : dev.oakit.core.internal.ops.CoreGauges.all()) {
            gauges.addBinding().toInstance(g);
        }
        bind(dev.oakit.core.ops.HealthCheck.class).to(dev.oakit.core.internal.ops.HealthService.class);
        Multibinder<EventListener> listeners = Multibinder.newSetBinder(binder(), EventListener.class);
        Multibinder<EventRelay> relays = Multibinder.newSetBinder(binder(), EventRelay.class);
        Multibinder<dev.oakit.core.calendar.BusinessCalendar> calendars =
                Multibinder.newSetBinder(binder(), dev.oakit.core.calendar.BusinessCalendar.class);
        for (dev.oakit.core.calendar.BusinessCalendar c : plan.settings.calendars()) {
            calendars.addBinding().toInstance(c);
        }

        // notifications: channels and templates are extension points; the resolver is a replaceable default
        Multibinder.newSetBinder(binder(), NotificationChannel.class);
        Multibinder.newSetBinder(binder(), NotificationTemplate.class);
        OptionalBinder.newOptionalBinder(binder(), RecipientResolver.class).setDefault().to(DirectoryRecipientResolver.class);
        bind(Notifications.class).to(NotificationsService.class);
        bind(dev.oakit.core.spi.CommandNotifications.class).to(NotificationsService.class);
        handlers.addBinding().to(DeliveryJob.class);

        // forms: option sources are an extension point (context.extension(OptionSource.class, ...))
        Multibinder.newSetBinder(binder(), dev.oakit.core.form.spi.OptionSource.class);
        bind(dev.oakit.core.form.FormOptions.class).to(dev.oakit.core.internal.form.FormOptionsService.class);

        bind(AuditLog.class).to(AuditLogService.class);
        bind(Jobs.class).to(JobsService.class);
        bind(Directory.class).to(DirectoryService.class);
        bind(dev.oakit.core.directory.Tenants.class).to(dev.oakit.core.internal.tenant.TenantService.class);
        // the read side of the directory is replaceable: context.replace(DirectoryProvider.class, ...)
        OptionalBinder.newOptionalBinder(binder(), DirectoryProvider.class).setDefault().to(DbDirectoryProvider.class);
        bind(OaKit.class).to(OaKitImpl.class);
        bind(OaKitImpl.class).asEagerSingleton();

        for (PluginContextImpl ctx : plan.contexts) {
            for (com.google.inject.Module m : ctx.modules) {
                install(m);
            }
            for (Map.Entry<Class<?>, Object> e : ctx.configs.entrySet()) {
                bindInstance(e.getKey(), e.getValue());
            }
            for (Object h : ctx.jobHandlers) {
                if (h instanceof JobHandler jh) {
                    handlers.addBinding().toInstance(jh);
                } else {
                    handlers.addBinding().to(cast(h));
                }
            }
            for (Object l : ctx.listeners) {
                if (l instanceof EventListener el) {
                    listeners.addBinding().toInstance(el);
                } else {
                    listeners.addBinding().to(cast(l));
                }
            }
            for (EventRelay r : ctx.relays) {
                relays.addBinding().toInstance(r);
            }
            for (PluginContextImpl.Extension e : ctx.extensions) {
                addExtension(e);
            }
            for (PluginContextImpl.Extension e : ctx.replacements) {
                replace(e);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Class<T> cast(Object c) {
        return (Class) c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void bindInstance(Class<?> type, Object value) {
        if (value != null) {
            bind((Class) type).toInstance(value);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addExtension(PluginContextImpl.Extension e) {
        Multibinder mb = Multibinder.newSetBinder(binder(), (Class) e.point());
        if (e.instance() != null) {
            mb.addBinding().toInstance(e.instance());
        } else {
            mb.addBinding().to((Class) e.implementation());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void replace(PluginContextImpl.Extension e) {
        OptionalBinder ob = OptionalBinder.newOptionalBinder(binder(), (Class) e.point());
        if (e.instance() != null) {
            ob.setBinding().toInstance(e.instance());
        } else {
            ob.setBinding().to((Class) e.implementation());
        }
    }

    @Provides
    @Singleton
    private dev.oakit.core.calendar.BusinessCalendars calendars(Set<dev.oakit.core.calendar.BusinessCalendar> contributed, CoreConfig config) {
        java.util.Map<String, dev.oakit.core.calendar.BusinessCalendar> byName = new java.util.LinkedHashMap<>();
        byName.put("24x7", dev.oakit.core.calendar.BusinessCalendar.alwaysOpen());
        List<String> problems = new ArrayList<>();
        List<dev.oakit.core.calendar.BusinessCalendar> all = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode node : config.calendars()) {
            all.add(dev.oakit.core.calendar.BusinessCalendar.fromJson(node.toString()));
        }
        all.addAll(contributed);
        Set<String> seen = new java.util.HashSet<>();
        for (dev.oakit.core.calendar.BusinessCalendar c : all) {
            if (!seen.add(c.name())) {
                problems.add("two business calendars are named '" + c.name() + "'; calendar names must be unique");
            }
            byName.put(c.name(), c);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return dev.oakit.core.calendar.BusinessCalendars.of(byName.values());
    }

    /**
     * What the directory's reads may check against OAKit's tables: only while OAKit's own provider
     * is bound (a replaced provider knows roles those tables do not).
     */
    @Provides
    @Singleton
    private RoleCatalog roleCatalog(DirectoryProvider bound, DbDirectoryProvider own) {
        return bound == own ? own : RoleCatalog.OPEN;
    }

    @Provides
    @Singleton
    private Transactions transactions(Database db) {
        return new Transactions(db);
    }

    @Provides
    @Singleton
    private JobRepository jobStore(Database db, ObjectMapper json, com.google.inject.Provider<RetryPolicies> policies) {
        return new JobRepository(db, json, policies::get);
    }

    @Provides
    @Singleton
    private Outbox outbox(ObjectMapper json, JobRepository jobs, Set<EventListener> listeners, Set<EventRelay> relays,
                  CoreConfig config, Clock clock) {
        Set<EventRelay> all = new java.util.LinkedHashSet<>(relays);
        for (CoreConfig.Webhook w : config.webhooks()) {
            all.add(new WebhookRelay(w, json, clock));
        }
        Set<String> ids = new java.util.HashSet<>();
        for (EventRelay r : all) {
            if (!ids.add(r.id())) {
                throw new ConfigurationException(List.of("two event relays have the id '" + r.id() + "'; relay ids must be unique"));
            }
        }
        return new Outbox(json, jobs, listeners, all);
    }

    @Provides
    @Singleton
    private RetentionSchedule retention(CoreConfig config, Database db, JobRepository jobs, Outbox outbox, Clock clock) {
        return new RetentionSchedule(config, db, jobs, outbox, clock);
    }

    @Provides
    @Singleton
    private JobHandlers jobHandlers(Set<JobHandler> handlers, Outbox outbox) {
        List<JobHandler> all = new ArrayList<>(handlers);
        all.addAll(EventJobs.all(outbox));
        return JobHandlers.of(all);
    }

    @Provides
    @Singleton
    private RetryPolicies retryPolicies(JobHandlers handlers, CoreConfig config) {
        return RetryPolicies.of(config.jobs(), handlers.byType());
    }

    @Provides
    @Singleton
    private JobWorker jobWorker(JobRepository store, JobHandlers handlers, RetryPolicies policies, Transactions tx, Clock clock,
                        CoreConfig config, ObjectMapper json, Set<dev.oakit.core.spi.OperationObserver> observers) {
        return new JobWorker(store, handlers.byType(), policies, tx, clock, config.jobs(), json, observers);
    }

    @Provides
    @Singleton
    private Commands commands(Database db, Transactions tx, Clock clock, ObjectMapper json, JobRepository jobs,
                      com.google.inject.Provider<Outbox> outbox, com.google.inject.Provider<JobWorker> worker,
                      dev.oakit.core.internal.tenant.TenantGate tenants, Set<dev.oakit.core.spi.OperationObserver> observers) {
        return new CommandRunner(db, tx, clock, json, jobs, outbox::get, worker::get, tenants, observers);
    }
}

package dev.oakit.integration;

import com.google.inject.AbstractModule;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import com.google.inject.multibindings.Multibinder;
import dev.oakit.integration.internal.idmap.IdMapService;
import dev.oakit.integration.internal.target.CircuitBreakers;
import dev.oakit.integration.internal.target.CallGuard;
import dev.oakit.integration.internal.target.RemoteReadService;
import dev.oakit.integration.internal.write.RemoteWriteJob;
import dev.oakit.integration.internal.write.RemoteWriteService;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.internal.inbox.InboxService;
import dev.oakit.integration.internal.target.TargetMeters;
import dev.oakit.integration.internal.write.MetricsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import dev.oakit.integration.internal.mapping.MappingRegistry;
import dev.oakit.integration.internal.mapping.MappingService;
import dev.oakit.integration.mapping.MappingDocument;
import dev.oakit.integration.mapping.Mappings;
import org.apiguardian.api.API;

/**
 * The integration machinery every bridge shares: install it with
 * {@code OaKit.builder().plugin(new IntegrationPlugin())}. Its tables are prefixed {@code oa_int_};
 * its migrations use the history table {@code oa_integration_schema_history}; its configuration is
 * {@link IntegrationConfig} in the {@code integration} namespace. It needs only core.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IntegrationPlugin implements OaPlugin {
    private final MeterRegistry meters;

    /** The plugin, its meters registered in Micrometer's global registry (recorded nowhere until the host adds a registry to it). */
    public IntegrationPlugin() {
        this(Metrics.globalRegistry);
    }

    /**
     * The plugin with the host's meter registry.
     *
     * @param meters where the per-target meters go ({@code oakit.integration.*}, see docs/integration.md); never null
     */
    public IntegrationPlugin(MeterRegistry meters) {
        this.meters = java.util.Objects.requireNonNull(meters, "meters");
    }

    @Override
    public String id() {
        return "integration";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.config(IntegrationConfig.class);
        context.migrations("classpath:dev/oakit/integration/db/migration");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(IdMap.class).to(IdMapService.class);
                bind(RemoteWrites.class).to(RemoteWriteService.class);
                bind(RemoteReads.class).to(RemoteReadService.class);
                bind(CallGuard.class).to(CircuitBreakers.class);
                Multibinder.newSetBinder(binder(), Connector.class);
                bind(Inbox.class).to(InboxService.class);
                bind(TargetMeters.class).toInstance(new TargetMeters(meters));
                bind(IntegrationMetrics.class).to(MetricsService.class);
                Multibinder.newSetBinder(binder(), dev.oakit.integration.spi.FieldCheck.class);
                Multibinder.newSetBinder(binder(), dev.oakit.integration.spi.PageConsumer.class);
                bind(dev.oakit.integration.reconcile.Reconciliations.class).to(dev.oakit.integration.internal.reconcile.ReconcileService.class);
                bind(dev.oakit.integration.pull.ChangePulls.class).to(dev.oakit.integration.internal.pull.PullService.class);
                bind(dev.oakit.integration.pull.ChangeNotices.class).to(dev.oakit.integration.internal.pull.ChangeNoticeService.class);
                Multibinder.newSetBinder(binder(), MappingDocument.class);
                Multibinder.newSetBinder(binder(), dev.oakit.integration.spi.DeadLetterStore.class);
                bind(dev.oakit.integration.ops.DeadLetters.class).to(dev.oakit.integration.internal.ops.DeadLetterService.class);
                bind(MappingRegistry.class).asEagerSingleton(); // every mapping document is read when OAKit is built
                bind(Mappings.class).to(MappingService.class);
            }
        });
        context.exposeService(IdMap.class);
        context.exposeService(RemoteWrites.class);
        context.exposeService(RemoteReads.class);
        context.exposeService(Inbox.class);
        context.exposeService(Mappings.class);
        context.jobHandler(RemoteWriteJob.class);
        context.exposeService(dev.oakit.integration.pull.ChangePulls.class);
        context.exposeService(dev.oakit.integration.pull.ChangeNotices.class);
        context.exposeService(IntegrationMetrics.class);
        context.exposeService(dev.oakit.integration.reconcile.Reconciliations.class);
        context.jobHandler(dev.oakit.integration.internal.reconcile.ReconcileJob.class);
        context.exposeService(dev.oakit.integration.ops.DeadLetters.class);
        context.jobHandler(dev.oakit.integration.internal.ops.RetentionJob.class);
        context.jobHandler(dev.oakit.integration.internal.pull.PullJob.class);
        context.jobHandler(dev.oakit.integration.internal.pull.ChangeNoticeJob.class);
        context.jobHandler(dev.oakit.integration.internal.mapping.MappingCheckJob.class);
        // at start, every mapping is checked against its remote's metadata, in a job
        context.lifecycle(dev.oakit.integration.internal.mapping.MappingStartCheck.class);
    }
}

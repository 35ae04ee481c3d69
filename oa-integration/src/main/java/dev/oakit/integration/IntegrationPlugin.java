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
import org.apiguardian.api.API;

/**
 * The integration machinery every bridge shares: install it with
 * {@code OaKit.builder().plugin(new IntegrationPlugin())}. Its tables are prefixed {@code oa_int_};
 * its migrations use the history table {@code oa_integration_schema_history}; its configuration is
 * {@link IntegrationConfig} in the {@code integration} namespace. It needs only core.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class IntegrationPlugin implements OaPlugin {
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
            }
        });
        context.exposeService(IdMap.class);
        context.exposeService(RemoteWrites.class);
        context.exposeService(RemoteReads.class);
        context.exposeService(Inbox.class);
        context.jobHandler(RemoteWriteJob.class);
    }
}

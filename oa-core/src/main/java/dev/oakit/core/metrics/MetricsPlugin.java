package dev.oakit.core.metrics;

import com.google.inject.AbstractModule;
import dev.oakit.core.Checks;
import dev.oakit.core.internal.metrics.GaugeBinder;
import dev.oakit.core.internal.metrics.MeterObserver;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.OperationObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Publishes OAKit's metrics to the host's Micrometer {@link MeterRegistry}:
 * {@code OaKit.builder().plugin(new MetricsPlugin(registry))} (the same plugin in
 * {@code OaKitModule.builder()}). It times every command by action and outcome, times job
 * attempts, and publishes the gauges every installed module contributes through
 * {@link dev.oakit.core.spi.OperationalGauge} (open and overdue tasks, job queue, dead jobs,
 * outbox lag, SLA breaches), read from the database at most once per {@link #gaugeRefresh}
 * interval, never per scrape. Given an {@link ObservationRegistry}, it also wraps each command and
 * job in an observation, which Micrometer Tracing turns into OpenTelemetry spans. The meters are
 * listed in docs/operations.md.
 *
 * <p>Why a plugin in oa-core and not a module of its own: the hooks (one observer in the command
 * chain, one in the job worker, the gauge SPI) must live in core anyway, and what is left is two
 * small classes. Micrometer is an <em>optional</em> dependency of oa-core: only this class and
 * {@code dev.oakit.core.internal.metrics} import it, and nothing loads them unless the host
 * constructs this plugin, so a host that does not want Micrometer neither declares it nor gets it.
 * A host that does adds {@code io.micrometer:micrometer-core} itself (the BOM pins the version).
 * The health check ({@link dev.oakit.core.ops.HealthCheck}) needs none of this.
 *
 * <p>Thread-safe once built; install one per OAKit.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MetricsPlugin implements OaPlugin {
    private final MeterRegistry meters;
    private ObservationRegistry observations;
    private Duration gaugeRefresh = Duration.ofSeconds(30);

    /**
     * @param meters the registry the meters go to; never null
     */
    public MetricsPlugin(MeterRegistry meters) {
        this.meters = Checks.notNull("meters", meters);
    }

    /**
     * Also wraps each command ({@code oakit.command}) and job attempt ({@code oakit.job}) in an
     * observation of this registry.
     *
     * @param registry the host's observation registry; never null
     * @return this
     */
    public MetricsPlugin observations(ObservationRegistry registry) {
        this.observations = Checks.notNull("observations", registry);
        return this;
    }

    /**
     * How old the database gauges may get before a scrape reads them again (default 30 s; zero
     * reads on every scrape, for tests).
     *
     * @param interval not negative; never null
     * @return this
     */
    public MetricsPlugin gaugeRefresh(Duration interval) {
        Checks.notNull("gaugeRefresh", interval);
        if (interval.isNegative()) {
            throw dev.oakit.core.ValidationException.of("gaugeRefresh", "must not be negative, was " + interval);
        }
        this.gaugeRefresh = interval;
        return this;
    }

    @Override
    public String id() {
        return "metrics";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.extension(OperationObserver.class, new MeterObserver(meters, observations));
        GaugeBinder.Settings settings = new GaugeBinder.Settings(meters, gaugeRefresh);
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(GaugeBinder.Settings.class).toInstance(settings);
            }
        });
        context.lifecycle(GaugeBinder.class);
    }
}

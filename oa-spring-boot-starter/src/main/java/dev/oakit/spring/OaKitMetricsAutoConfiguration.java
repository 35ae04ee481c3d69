package dev.oakit.spring;

import dev.oakit.core.OaKit;
import dev.oakit.core.metrics.MetricsPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * OAKit's meters on the application's Micrometer {@link MeterRegistry}: when Micrometer is on the class path and
 * there is a {@code MeterRegistry} bean (Spring Boot Actuator makes one), a {@link MetricsPlugin} bean, which
 * {@link OaKitAutoConfiguration} installs like every {@code OaPlugin} bean. {@code oakit.metrics.enabled=false}
 * leaves it out; a {@code MetricsPlugin} bean of the host's wins. See {@code docs/spring-boot.md}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@AutoConfiguration(beforeName = "dev.oakit.spring.OaKitAutoConfiguration", afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass({OaKit.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = "oakit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(OaKitProperties.class)
public class OaKitMetricsAutoConfiguration {
    /** @return OAKit's metrics plugin on the application's registry, its gauges refreshed as {@code oakit.metrics.gauge-refresh} says */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(MetricsPlugin.class)
    @ConditionalOnProperty(prefix = "oakit.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
    public MetricsPlugin oaKitMetricsPlugin(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations, OaKitProperties properties) {
        MetricsPlugin plugin = new MetricsPlugin(registry).gaugeRefresh(properties.getMetrics().getGaugeRefresh());
        if (properties.getMetrics().isObservations()) {
            observations.ifUnique(plugin::observations);
        }
        return plugin;
    }
}

package dev.oakit.spring;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.spring.internal.CoreSettings;
import dev.oakit.spring.internal.OaKitLifecycle;
import dev.oakit.spring.internal.ServiceBeans;
import dev.oakit.spring.internal.SpringHostTransactions;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * OAKit on the application's {@link DataSource}: an {@link OaKit} bean built from the
 * {@code oakit.*} properties, every {@link OaPlugin} bean and, where present, a {@link Clock} bean
 * and {@link BusinessCalendar} beans; started and stopped with the context; its services and those
 * of its plugins as beans; its commands joining the Spring-managed transaction of the calling
 * thread. See {@code docs/spring-boot.md}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnClass(OaKit.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "oakit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(OaKitProperties.class)
public class OaKitAutoConfiguration {
    /**
     * @return OAKit, built (everything validated, no I/O) but not started: the lifecycle bean starts it
     * @throws ConfigurationException listing every problem, each {@code oakit.*} key named
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public OaKit oaKit(DataSource dataSource, OaKitProperties properties, ObjectProvider<OaPlugin> plugins,
                       ObjectProvider<Clock> clock, ObjectProvider<BusinessCalendar> calendars,
                       ConfigurableListableBeanFactory factory) {
        OaKitBuilder b = OaKit.builder().dataSource(dataSource).discoverPlugins(properties.isDiscoverPlugins());
        if (properties.isJoinTransactions()) {
            b.hostTransactions(new SpringHostTransactions(dataSource));
        }
        plugins.orderedStream().forEach(b::plugin);
        clock.ifUnique(b::clock);
        calendars.orderedStream().forEach(b::calendar);
        CoreSettings.apply(properties, b);
        OaKit oa;
        try {
            oa = b.build();
        } catch (ConfigurationException e) {
            throw CoreSettings.namingProperties(e);
        }
        ServiceBeans.registerLate(factory, oa);
        return oa;
    }

    /** @return what starts OAKit with the context and closes it when the context stops */
    @Bean
    @ConditionalOnMissingBean(name = "oaKitLifecycle")
    public SmartLifecycle oaKitLifecycle(OaKit oaKit, OaKitProperties properties) {
        return new OaKitLifecycle(oaKit, properties.isAutoStartup());
    }

    /** @return what makes OAKit's services and its plugins' services beans */
    @Bean
    public static BeanDefinitionRegistryPostProcessor oaKitServiceBeans() {
        return new ServiceBeans();
    }
}

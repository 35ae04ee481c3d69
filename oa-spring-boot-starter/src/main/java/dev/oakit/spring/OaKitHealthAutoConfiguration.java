package dev.oakit.spring;

import dev.oakit.core.OaKit;
import dev.oakit.spring.internal.OaKitHealthIndicator;
import org.apiguardian.api.API;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * OAKit's {@code HealthCheck} as a Spring Boot Actuator health indicator named {@code oakit} (in
 * {@code /actuator/health}), when Actuator is on the class path; {@code management.health.oakit.enabled=false}
 * leaves it out. See {@code docs/spring-boot.md}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@AutoConfiguration(afterName = "dev.oakit.spring.OaKitAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(OaKit.class)
@ConditionalOnEnabledHealthIndicator("oakit")
public class OaKitHealthAutoConfiguration {
    /** @return the health indicator over {@code oaKit.service(HealthCheck.class)} */
    @Bean
    @ConditionalOnMissingBean(name = "oakitHealthIndicator")
    public HealthIndicator oakitHealthIndicator(OaKit oaKit) {
        return new OaKitHealthIndicator(oaKit);
    }
}

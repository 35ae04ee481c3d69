package dev.oakit.spring.internal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * OAKit brings Flyway onto the host's classpath (it migrates its own tables, with its own history
 * tables), and Flyway on the classpath switches Spring Boot's Flyway auto-configuration on: it would
 * migrate {@code classpath:db/migration} into the host's schema, failing on a schema that has tables
 * but no {@code flyway_schema_history}. A host that did not ask for that — no {@code spring.flyway.*}
 * setting and no {@code db/migration} folder — gets {@code spring.flyway.enabled=false} as a default
 * (the lowest-precedence property source); any setting of the host wins.
 */
public final class HostFlywayDefault implements EnvironmentPostProcessor {
    static final String SOURCE = "oakit-host-flyway-default";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.flyway.enabled") || environment.containsProperty("spring.flyway.locations")
                || environment.containsProperty("spring.flyway.url")) {
            return;
        }
        ClassLoader loader = application.getClassLoader() == null ? getClass().getClassLoader() : application.getClassLoader();
        if (loader.getResource("db/migration") != null) {
            return; // the host has Flyway migrations of its own
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false")));
    }
}

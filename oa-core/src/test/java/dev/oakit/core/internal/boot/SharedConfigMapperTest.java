package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core's configuration and every plugin's are read by one mapper per plan (one copy of OAKit's mapper, not one per
 * plugin and one for the core: each copy built its own deserializers), still failing on unknown properties.
 */
class SharedConfigMapperTest {
    record Limits(Integer max) {
    }

    record Plugin(String id) implements OaPlugin {
        @Override
        public void configure(OaPluginContext context) {
            context.config(Limits.class);
        }
    }

    private static BootSettings settings(Map<String, JsonNode> config) {
        return new BootSettings(null, Path.of("unused"), Clock.systemUTC(), List.of(new Plugin("one"), new Plugin("two")), false,
                config, List.of(), List.of(), List.of(), null);
    }

    @Test
    void theCoreAndEveryPluginReadTheirConfigurationWithOneMapper() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        BootPlan plan = BootPlan.of(settings(Map.of("core", f.objectNode().set("jobs", f.objectNode().put("enabled", false)),
                "one", f.objectNode().put("max", 3))));
        assertThat(plan.contexts).hasSize(2);
        assertThat(plan.contexts.get(0).configMapper()).isSameAs(plan.contexts.get(1).configMapper()).isNotSameAs(plan.json);
        assertThat(plan.contexts.get(0).configs).containsValue(new Limits(3));
        assertThat(plan.contexts.get(1).configs).containsValue(new Limits(null));
        assertThat(plan.json.getDeserializationConfig().isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .as("OAKit's own mapper ignores unknown properties").isFalse();
    }

    @Test
    void anUnknownPropertyIsStillAProblemForTheCoreAndForEachPlugin() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertThatThrownBy(() -> BootPlan.of(settings(Map.of("core", f.objectNode().put("nope", 1), "one", f.objectNode().put("min", 1),
                "two", f.objectNode().put("mx", 2)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("config 'core' is invalid").hasMessageContaining("\"nope\"")
                .hasMessageContaining("one.min").hasMessageContaining("two.mx");
    }
}

package dev.oakit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oakit.core.testing.IsolatedBuild;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration given as maps and lists of plain values becomes the tree Jackson's {@code valueToTree} makes of it, without
 * a mapper: over random nested values (texts, booleans, whole numbers, nulls, maps and lists of them), and any other value
 * inside (a double, an instant, a record, a map with number keys) leaves the whole value to the mapper. In a fresh class
 * loader, a builder given such configuration loads no mapper and no java.time module.
 */
class ConfigTreeProperties {
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    record Other(int n) {
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> leaves = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b)).injectNull(0.1);
        Arbitrary<Object> others = Arbitraries.of(1.5d, Instant.EPOCH, new Other(3), Map.of(1, "a"), (short) 2);
        return Arbitraries.recursive(() -> Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, leaves), net.jqwik.api.Tuple.of(1, others)),
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), inner).ofMaxSize(4)
                                .map(m -> (Object) new LinkedHashMap<>(m)),
                        inner.list().ofMaxSize(3).map(l -> (Object) Map.of("k", l.isEmpty() ? "x" : String.valueOf(l.get(0))))),
                0, 4);
    }

    @Property(tries = 2000)
    void aPlainValueBecomesTheMappersTreeAndAnyOtherGoesToTheMapper(@ForAll("values") Object value) {
        var tree = OaKitSettings.plainTree(value);
        if (value == null) {
            assertThat(tree).isNull();
        } else if (hasOther(value)) {
            assertThat(tree).isNull();
        } else {
            assertThat(tree).isEqualTo(MAPPER.valueToTree(value));
            assertThat(tree.toString()).isEqualTo(MAPPER.valueToTree(value).toString());
        }
    }

    private static boolean hasOther(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> !(k instanceof String)) || m.values().stream().anyMatch(x -> x != null && hasOther(x));
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(x -> x != null && hasOther(x));
        }
        return !(v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long);
    }

    @Test
    void aBuilderGivenPlainConfigurationLoadsNoMapper() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            assertThat(fresh.<Boolean>call(PlainConfiguration.class.getName())).isTrue();
            assertThat(fresh.loaded()).as("classes loaded by a builder given plain configuration")
                    .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule");
        }
    }

    /** Runs in the fresh loader. */
    static final class PlainConfiguration implements Callable<Boolean> {
        @Override
        public Boolean call() {
            OaKitBuilder b = OaKit.builder().config("core", Map.of("jobs", Map.of("enabled", false), "tenants", List.of("a", 1, 2L, true)));
            return b.settings().config().get("core").get("jobs").get("enabled").isBoolean();
        }
    }
}

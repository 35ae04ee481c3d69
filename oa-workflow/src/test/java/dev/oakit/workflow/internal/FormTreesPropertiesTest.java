package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host's form map, turned into a tree directly, is what the mapper's {@code valueToTree} makes of it: the same nodes of the
 * same classes in the same order, whether the map holds only the values taken directly or also values left to the mapper.
 */
class FormTreesPropertiesTest {
    /** As OAKit's shared mapper is configured. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Property(tries = 500)
    void a_form_map_becomes_the_tree_the_mapper_makes(@ForAll("forms") Map<String, Object> form) {
        JsonNode mapped = JSON.valueToTree(form);
        JsonNode direct = FormTrees.of(JSON, form);
        assertThat(direct).isEqualTo(mapped);
        assertSameClasses(direct, mapped);
    }

    @net.jqwik.api.Example
    void a_map_or_list_that_holds_itself_is_refused_not_recursed_into() {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("me", self);
        assertThatThrownBy(() -> FormTrees.of(JSON, self)).isInstanceOf(IllegalArgumentException.class);
        java.util.List<Object> list = new java.util.ArrayList<>();
        list.add(list);
        assertThatThrownBy(() -> FormTrees.of(JSON, Map.of("list", list))).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> shared = Map.of("x", 1);
        assertThat(FormTrees.of(JSON, Map.of("a", shared, "b", java.util.List.of(shared, shared)))) // shared, not a cycle
                .isEqualTo(JSON.valueToTree(Map.of("a", shared, "b", java.util.List.of(shared, shared))));
    }

    /** Deeper than {@link FormTrees#MAX_DEPTH} the mapper makes the tree (up to where its own stack lasts). */
    @Property(tries = 40)
    void a_deep_form_gives_what_the_mapper_gives(@ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 400) int depth,
                                                 @ForAll boolean lists) {
        Object inner = "底";
        for (int i = 0; i < depth; i++) {
            inner = lists && i % 2 == 1 ? java.util.List.of(inner) : Map.of("k", inner);
        }
        Map<String, Object> form = Map.of("top", inner);
        Object mapped;
        try {
            mapped = JSON.valueToTree(form);
        } catch (IllegalArgumentException e) {
            mapped = e.getClass();
        }
        Object direct;
        try {
            direct = FormTrees.of(JSON, form);
        } catch (IllegalArgumentException e) {
            direct = e.getClass();
        }
        assertThat(direct).isEqualTo(mapped);
    }

    private static void assertSameClasses(JsonNode direct, JsonNode mapped) {
        assertThat(direct.getClass()).isEqualTo(mapped.getClass());
        Iterator<String> names = mapped.fieldNames();
        Iterator<String> directNames = direct.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertThat(directNames.next()).isEqualTo(name);
            assertSameClasses(direct.get(name), mapped.get(name));
        }
        for (int i = 0; mapped.isArray() && i < mapped.size(); i++) {
            assertSameClasses(direct.get(i), mapped.get(i));
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> forms() {
        return form(3);
    }

    private Arbitrary<Map<String, Object>> form(int depth) {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), value(depth)).ofMaxSize(5).map(LinkedHashMap::new);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> direct = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(x -> x),
                Arbitraries.integers().map(x -> x),
                Arbitraries.longs().map(x -> x),
                Arbitraries.doubles().map(x -> x),
                Arbitraries.of(Double.NaN, -0.0, Double.POSITIVE_INFINITY).map(x -> x),
                Arbitraries.of(true, false).map(x -> x),
                Arbitraries.just(null));
        Arbitrary<Object> mapper = Arbitraries.oneOf(
                Arbitraries.shorts().map(x -> x),
                Arbitraries.floats().map(x -> x),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(3).map(x -> x),
                Arbitraries.just(LocalDate.of(2024, 5, 1)));
        if (depth == 0) {
            return Arbitraries.frequencyOf(Tuple.of(12, direct), Tuple.of(1, mapper));
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(x -> x);
        return Arbitraries.frequencyOf(Tuple.of(24, direct), Tuple.of(1, mapper), Tuple.of(3, list), Tuple.of(3, form(depth - 1).map(x -> x)));
    }
}

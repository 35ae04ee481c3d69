package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form as a map, made directly from the tree, is what the mapper's {@code convertValue} made from it: the same values of
 * the same classes in the same order, for forms read from JSON text (as the engine reads them from a row) and for trees
 * holding kinds of numbers the direct way leaves to the mapper.
 */
class FormMapsPropertiesTest {
    /** As OAKit's shared mapper is configured. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 300)
    void a_form_read_from_text_converts_as_the_mapper_converts_it(@ForAll("objects") ObjectNode built) throws Exception {
        ObjectNode read = (ObjectNode) JSON.readTree(built.toString());
        assertSame(FormMaps.of(JSON, read), JSON.convertValue(read, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    @Property(tries = 300)
    void any_tree_converts_as_the_mapper_converts_it(@ForAll("objects") ObjectNode built) {
        assertSame(FormMaps.of(JSON, built), JSON.convertValue(built, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    /** Equal, and every value of the same class (an Integer is not a Long here: CEL and approver rules see the difference). */
    private static void assertSame(Object direct, Object mapped) {
        assertThat(direct).isEqualTo(mapped);
        if (mapped == null) {
            assertThat(direct).isNull();
            return;
        }
        assertThat(direct.getClass()).isEqualTo(mapped.getClass());
        if (mapped instanceof Map<?, ?> m) {
            assertThat(List.copyOf(((Map<?, ?>) direct).keySet())).isEqualTo(List.copyOf(m.keySet()));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertSame(((Map<?, ?>) direct).get(e.getKey()), e.getValue());
            }
        } else if (mapped instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertSame(((List<?>) direct).get(i), l.get(i));
            }
        }
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return object(3);
    }

    private Arbitrary<ObjectNode> object(int depth) {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), value(depth)).ofMaxSize(5).map(m -> {
            ObjectNode o = NODES.objectNode();
            m.forEach(o::set);
            return o;
        });
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.shorts().map(NODES::numberNode),
                Arbitraries.floats().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MIN_VALUE).multiply(BigInteger.TEN),
                        BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TEN)).map(NODES::numberNode),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(3).map(NODES::numberNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(4).map(xs -> {
            ArrayNode a = NODES.arrayNode();
            xs.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, leaf), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object(depth - 1).map(o -> (JsonNode) o)));
    }
}

package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain check passes only data the compiled JSON Schema finds nothing in: validation gives the same problems whether or
 * not the schema is asked about data the check passed, over random flat forms and values near every constraint.
 */
class PlainCheckTest {
    /** A form and data for it. */
    record Case(List<FormField> fields, UnknownFields unknown, ObjectNode data) {
        @Override
        public String toString() {
            return fields.stream().map(f -> f.key() + ":" + f.type() + (f.required() ? "!" : "") + "[" + f.min() + ".." + f.max()
                    + "," + f.minLength() + ".." + f.maxLength() + "," + f.scale() + "]").toList() + " " + unknown + " " + data;
        }
    }

    @Property(tries = 3000)
    void theSameProblemsWhetherTheSchemaIsAskedOrNot(@ForAll("cases") Case c) {
        FormEngine engine = new FormEngine("data of form 'random'", c.fields(), c.unknown());
        boolean passed = PlainCheck.of(c.fields(), c.unknown()).passes(FormEngine.withDefaults(c.fields(), c.data()));
        var fast = engine.problems(c.data());
        var schema = engine.problems(c.data(), true);
        Statistics.label("plain check").collect(passed ? "passed" : "asks the schema");
        assertThat(fast).isEqualTo(schema);
    }

    @Test
    void validDataOfAFlatFormPassesWithoutTheSchema() {
        List<FormField> leave = FormSchema.builder("leave")
                .select("type", f -> f.required().options("annual", "sick"))
                .number("days", f -> f.required().min("0.5").max(30))
                .text("reason", f -> f.maxLength(200))
                .build().fields();
        PlainCheck check = PlainCheck.of(leave, UnknownFields.REJECT);
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("type", "annual", "days", 5, "reason", "rest")))).isTrue();
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("type", "sick", "days", 0.5)))).isTrue();
        // what the schema has to word: out of range, not an option, unknown key, missing
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("type", "annual", "days", 31)))).isFalse();
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("type", "other", "days", 1)))).isFalse();
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("type", "annual", "days", 1, "x", 1)))).isFalse();
        assertThat(check.passes(Json.JSON.valueToTree(java.util.Map.of("days", 1)))).isFalse();
        // a form with a field type the check does not know passes only while that field is empty
        List<FormField> withMoney = FormSchema.builder("m").money("total", f -> { }).text("note", f -> { }).build().fields();
        assertThat(PlainCheck.of(withMoney, UnknownFields.REJECT).passes(Json.JSON.valueToTree(java.util.Map.of("note", "x")))).isTrue();
        assertThat(PlainCheck.of(withMoney, UnknownFields.REJECT).passes(Json.JSON.valueToTree(java.util.Map.of("total",
                java.util.Map.of("amount", "1", "currency", "CNY"))))).isFalse();
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(PlainCheckTest::generate);
    }

    private static final FieldType[] TYPES = {FieldType.TEXT, FieldType.TEXTAREA, FieldType.NUMBER, FieldType.SELECT, FieldType.USER,
            FieldType.DEPARTMENT, FieldType.DATE, FieldType.DATETIME, FieldType.MONEY, FieldType.MULTI_SELECT};

    static Case generate(Random r) {
        List<FormField> fields = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            fields.add(field(r, "f" + i, TYPES[r.nextInt(TYPES.length)]));
        }
        ObjectNode data = Json.JSON.createObjectNode();
        for (FormField f : fields) {
            switch (r.nextInt(8)) {
                case 0 -> { } // left out
                case 1 -> data.putNull(f.key());
                default -> data.set(f.key(), value(r, f));
            }
        }
        if (r.nextInt(8) == 0) {
            data.put("unknown", "x");
        }
        return new Case(fields, r.nextInt(4) == 0 ? UnknownFields.IGNORE : UnknownFields.REJECT, data);
    }

    private static FormField field(Random r, String key, FieldType type) {
        FormField.Builder b = FormField.builder(key, type).required(r.nextBoolean());
        switch (type) {
            case TEXT, TEXTAREA -> {
                if (r.nextBoolean()) {
                    b.minLength(r.nextInt(3));
                }
                if (r.nextBoolean()) {
                    b.maxLength(2 + r.nextInt(3));
                }
                if (r.nextInt(5) == 0) {
                    b.pattern("[a-z]+");
                }
            }
            case NUMBER -> {
                switch (r.nextInt(3)) {
                    case 0 -> b.integer();
                    case 1 -> b.scale(2);
                    default -> { }
                }
                if (r.nextBoolean()) {
                    b.min(r.nextBoolean() ? "0.5" : "-3");
                }
                if (r.nextBoolean()) {
                    b.max(r.nextBoolean() ? "30" : "2.25");
                }
            }
            case SELECT, MULTI_SELECT -> {
                if (r.nextInt(4) == 0) {
                    b.optionsFrom("src", "value");
                } else {
                    b.options("a", "b", "c");
                }
            }
            default -> { }
        }
        if (r.nextInt(10) == 0 && type == FieldType.TEXT) {
            b.defaultValue("dflt");
        }
        return b.build();
    }

    private static JsonNode value(Random r, FormField f) {
        JsonNode odd = odd(r);
        if (r.nextInt(4) == 0) {
            return odd;
        }
        return switch (f.type()) {
            case TEXT, TEXTAREA, USER, DEPARTMENT -> Json.JSON.getNodeFactory().textNode(text(r));
            case NUMBER -> number(r);
            case SELECT -> Json.JSON.getNodeFactory().textNode(List.of("a", "b", "c", "d", "", "A").get(r.nextInt(6)));
            case DATE -> Json.JSON.getNodeFactory().textNode(List.of("2024-05-01", "2024-5-1", "2024-05-01\n", "2024-02-30",
                    "x2024-05-01", "").get(r.nextInt(6)));
            case DATETIME -> Json.JSON.getNodeFactory().textNode(List.of("2024-05-01T09:30", "2024-05-01T09:30:15.5",
                    "2024-05-01 09:30", "2024-05-01T09:30\n", "2024-13-01T09:30").get(r.nextInt(5)));
            case MONEY -> Json.JSON.valueToTree(java.util.Map.of("amount", "12.50", "currency", "CNY"));
            case MULTI_SELECT -> Json.JSON.valueToTree(List.of("a"));
            default -> odd;
        };
    }

    private static String text(Random r) {
        return List.of("", "a", "ab", "abc", "abcd", "abcdefg", "Ab1", "😀😀", "😀😀😀", "中文", " ").get(r.nextInt(11));
    }

    private static JsonNode number(Random r) {
        var nf = Json.JSON.getNodeFactory();
        return switch (r.nextInt(9)) {
            case 0 -> nf.numberNode(r.nextInt(40) - 5);
            case 1 -> nf.numberNode(0.5);
            case 2 -> nf.numberNode(0.49999);
            case 3 -> nf.numberNode(new BigDecimal("2.25"));
            case 4 -> nf.numberNode(new BigDecimal("2.251"));
            case 5 -> nf.numberNode(30.0);
            case 6 -> nf.numberNode(5.0);
            case 7 -> nf.numberNode(-3L);
            default -> nf.numberNode(new BigDecimal("30.000001"));
        };
    }

    private static JsonNode odd(Random r) {
        var nf = Json.JSON.getNodeFactory();
        return switch (r.nextInt(5)) {
            case 0 -> nf.booleanNode(true);
            case 1 -> nf.textNode("5");
            case 2 -> nf.numberNode(7);
            case 3 -> Json.JSON.createArrayNode().add("a");
            default -> Json.JSON.createObjectNode().put("k", 1);
        };
    }
}

package dev.oakit.workflow.internal.expr;

import dev.oakit.core.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A condition read without CEL is one CEL reads too, and means the same: for random comparisons joined by and, or, not and
 * parentheses, and for random edits of them, every text OAKit recognises passes CEL's parser and checker, and its value
 * for random data (whole numbers, doubles, text, booleans, nulls and missing fields, mixed) is CEL's value, or the same
 * failure CEL gives (the engine then asks CEL, as it always did).
 */
class PlainConditionPropertiesTest {
    private static final Conditions CONDITIONS = new Conditions();

    /** A condition and the data it is evaluated with. */
    record Case(String condition, Map<String, Object> variables) {
    }

    @Property(tries = 3000)
    void whatJavaReadsCelReadsAndJavaAnswersAsCelDoes(@ForAll("conditions") Case c) {
        agree(c);
        // without these the property could pass comparing CEL with itself: Java must read and answer a good share
        Statistics.label("read without CEL").coverage(k -> k.check(true).percentage(p -> p >= 10));
        Statistics.label("answered in Java").coverage(k -> k.check(true).percentage(p -> p >= 10));
    }

    @Property(tries = 3000)
    void editedTextsAreReadWithoutCelOnlyWhereCelReadsThemAlike(@ForAll("edited") Case c) {
        agree(c);
    }

    private static void agree(Case c) {
        PlainCondition plain = PlainCondition.parse(c.condition());
        List<String> celProblems = CelConditions.check(c.condition()).problems();
        Statistics.label("read without CEL").collect(plain != null);
        if (plain != null) {
            assertThat(celProblems).as("CEL's problems with a condition OAKit reads: %s", c.condition()).isEmpty();
        }
        if (!celProblems.isEmpty()) {
            // what CEL refuses, the engine refuses with CEL's words
            assertThat(CONDITIONS.check(c.condition())).isEqualTo(celProblems);
            return;
        }
        Condition condition = CONDITIONS.compile(c.condition());
        assertThat(condition.comparesInJava()).isEqualTo(plain != null);
        Statistics.label("answered in Java").collect(plain != null && plain.evaluate(c.variables()) != null);
        Object inJava = outcome(() -> condition.evaluate(c.variables()));
        Object inCel = outcome(() -> condition.evaluateInCel(c.variables()));
        assertThat(inJava).as(c.condition() + " with " + c.variables()).isEqualTo(inCel);
    }

    @Test
    void andAndOrDecideAsCelDoesWhereOneSideFails() {
        Map<String, Object> vars = Map.of("form", Map.of("days", 5, "type", "annual"));
        // the missing field fails in CEL; the other side decides all the same
        assertThat(outcome(() -> CONDITIONS.compile("form.nope > 1 && form.days < 3").evaluate(vars))).isEqualTo(false);
        assertThat(outcome(() -> CONDITIONS.compile("form.nope > 1 || form.days > 3").evaluate(vars))).isEqualTo(true);
        assertThat(outcome(() -> CONDITIONS.compile("form.nope > 1 && form.days > 3").evaluate(vars))).asString()
                .contains("CONDITION_FAILED").contains("nope").contains("has(form.nope)");
        Condition c = CONDITIONS.compile("form.type == 'annual' && !(form.days <= 3) || instance.priority == 'HIGH'");
        assertThat(c.evaluate(vars)).isTrue();
        assertThat(c.planned()).as("CEL's program of a condition Java answered").isFalse();
    }

    static Object outcome(java.util.function.BooleanSupplier eval) {
        try {
            return eval.getAsBoolean();
        } catch (ValidationException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " " + e.problems();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<Case> conditions() {
        return Arbitraries.randomValue(r -> new Case(condition(r, 0), variables(r)));
    }

    @Provide
    Arbitrary<Case> edited() {
        return Arbitraries.randomValue(r -> new Case(edit(condition(r, 0), r), variables(r)));
    }

    private static final List<String> VARIABLES = List.of("form", "form", "form", "initiator", "instance");
    private static final List<String> FIELDS = List.of("days", "days", "amount", "type", "flag", "days", "amount", "missing");
    private static final List<String> OPS = List.of("<", "<=", ">", ">=", "==", "!=");
    private static final List<String> LITERALS = List.of("3", "0", "-2", "-0", "3.0", "2.5", "-2.5", "0.0", "-0.0", "1e3", "2E-1",
            "'annual'", "\"annual\"", "''", "'3'", "'年假'", "true", "false", "9007199254740993", "-9007199254740992",
            "9007199254740992.0", "1e300", "9223372036854775807", "-9223372036854775808", "null");
    private static final List<Object> VALUES = Arrays.asList(3, 4, 2, 0, -2, 3L, 1000L, 9007199254740993L, Long.MAX_VALUE,
            Long.MIN_VALUE, 3.0, 2.5, -2.5, 0.0, -0.0, 1000.0, 0.2, Double.NaN, 1e300, "annual", "other", "", "3", "年假", true,
            false, null, List.of(1), Map.of("a", 1));
    private static final Map<String, List<String>> TYPED_LITERALS = Map.of(
            "days", List.of("3", "0", "-2", "3.0", "2.5", "-0.5", "1e1", "10"),
            "amount", List.of("1000", "999.5", "0.25", "-1", "1e3"),
            "type", List.of("'annual'", "\"sick\"", "''", "'年假'"),
            "flag", List.of("true", "false"));
    private static final Map<String, List<Object>> TYPED_VALUES = Map.of(
            "days", Arrays.asList(3, 4, 2, -2, 10, 3L, 3.0, 2.5, 3.5, -0.5, 10.0),
            "amount", Arrays.asList(1000, 999, 1000.0, 999.5, 0.25, 2000L, -1),
            "type", Arrays.asList("annual", "sick", "", "年假", "Annual"),
            "flag", Arrays.asList(true, false));
    private static final List<String> SPACES = List.of(" ", " ", " ", "", "  ", "\n", "\t", "\r\n", "\f");
    private static final String EDIT_CHARS = " ()!&|=<>-+.'\"0123456789eEux_ab/\\\n";

    static String condition(Random r, int depth) {
        int kind = depth >= 4 ? 0 : r.nextInt(depth == 0 ? 6 : 10);
        String sp = SPACES.get(r.nextInt(SPACES.size()));
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> comparison(r);
            case 5, 6 -> condition(r, depth + 1) + sp + (r.nextBoolean() ? "&&" : "||") + sp + condition(r, depth + 1)
                    + (r.nextInt(3) == 0 ? sp + (r.nextBoolean() ? "&&" : "||") + sp + condition(r, depth + 1) : "");
            case 7 -> "!" + (r.nextInt(4) == 0 ? "!" : "") + sp + "(" + condition(r, depth + 1) + ")";
            default -> "(" + sp + condition(r, depth + 1) + sp + ")";
        };
    }

    private static String comparison(Random r) {
        String name = FIELDS.get(r.nextInt(FIELDS.size()));
        String field = VARIABLES.get(r.nextInt(VARIABLES.size())) + "." + name;
        // mostly a literal of the field's own kind, so that Java can answer; else any
        List<String> literals = r.nextInt(3) == 0 || !TYPED_LITERALS.containsKey(name) ? LITERALS : TYPED_LITERALS.get(name);
        String literal = literals.get(r.nextInt(literals.size()));
        String op = OPS.get(r.nextInt(OPS.size()));
        String sp = SPACES.get(r.nextInt(SPACES.size()));
        return r.nextInt(4) == 0 ? literal + sp + op + sp + field : field + sp + op + sp + literal;
    }

    private static String edit(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        for (int i = r.nextInt(3); i >= 0; i--) {
            int at = r.nextInt(b.length() + 1);
            char c = EDIT_CHARS.charAt(r.nextInt(EDIT_CHARS.length()));
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
                }
            }
        }
        return b.toString();
    }

    static Map<String, Object> variables(Random r) {
        Map<String, Object> variables = new HashMap<>();
        for (String name : List.of("form", "initiator", "instance")) {
            int shape = r.nextInt(20);
            if (shape == 0) {
                continue; // absent: an empty map to CEL
            }
            if (shape == 1 && !name.equals("form")) {
                variables.put(name, "not a map");
                continue;
            }
            Map<String, Object> map = new HashMap<>();
            boolean typed = r.nextInt(3) != 0; // mostly values of each field's own kind, so that Java can answer
            for (String field : FIELDS) {
                if (field.equals("missing") || r.nextInt(typed ? 20 : 6) == 0) {
                    continue;
                }
                List<Object> values = typed && r.nextInt(8) != 0 ? TYPED_VALUES.get(field) : VALUES;
                map.put(field, values.get(r.nextInt(values.size())));
            }
            if (shape == 2) {
                map.put("odd", r.nextBoolean() ? new BigDecimal("1e100000000") : java.time.LocalDate.of(2026, 5, 1));
            }
            variables.put(name, map);
        }
        return variables;
    }
}

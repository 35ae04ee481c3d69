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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.oakit.workflow.internal.expr.PlainConditionPropertiesTest.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A comparison answered in Java gives what CEL gives: the same value, or the same failure, for any data. */
class ComparisonTest {
    private static final Conditions CONDITIONS = new Conditions();

    /** A condition and the variables it is evaluated with. */
    record Case(String condition, Map<String, Object> variables) {
    }

    @Property(tries = 4000)
    void javaAndCelAgree(@ForAll("cases") Case c) {
        Condition condition;
        try {
            condition = CONDITIONS.compile(c.condition());
        } catch (ValidationException notACondition) {
            return; // e.g. null < form.days: the checker refuses it, nothing is evaluated
        }
        Statistics.label("in Java").collect(condition.comparesInJava());
        Object inJava = outcome(() -> condition.evaluate(c.variables()));
        Object inCel = outcome(() -> condition.evaluateInCel(c.variables()));
        assertThat(inJava).isEqualTo(inCel);
    }

    @Test
    void theCommonConditionsAreReadWithoutCel() {
        for (String text : List.of("form.days > 3", "3 < form.days", "form.amount >= 1000.5", "form.type == 'annual'",
                "form.urgent != true", "form.count <= 10", "form.days > 3 && form.days < 9", "initiator.id == 'x'",
                "!(form.days > 3) || instance.priority == \"HIGH\"", "-2.5e1 < form.x")) {
            assertThat(CONDITIONS.compile(text).comparesInJava()).as(text).isTrue();
        }
        for (String text : List.of("has(form.days)", "form.a > form.b", "form.name < 'm'", "form.x == 1.5", "!form.urgent == true",
                "form.days > 3 // more than three", "form.in == 1", "form.x == 'a\\'b'", "form.a.b > 1", "form . a > 1",
                "form.x > 0x10", "form.x > 3u", "form.x > 007", "form.x > .5", "(form.x > 1) == true", "1 < form.x < 3")) {
            assertThat(PlainCondition.parse(text)).as(text).isNull();
        }
    }

    @Test
    void dataCelCannotReadFailsAsBeforeEvenWhereTheFieldIsPlain() {
        Condition condition = CONDITIONS.compile("form.days > 3");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("days", 5);
        form.put("huge", new BigDecimal("1e100000000"));
        assertThatThrownBy(() -> condition.evaluate(Map.of("form", form))).isInstanceOf(ValidationException.class);
        assertThat(outcome(() -> condition.evaluate(Map.of("form", form)))).asString().contains("form.huge")
                .isEqualTo(outcome(() -> condition.evaluateInCel(Map.of("form", form))));
        Map<String, Object> notAMap = Map.of("form", Map.of("days", 5), "instance", "x");
        assertThat(outcome(() -> condition.evaluate(notAMap))).asString().contains("instance must be a map")
                .isEqualTo(outcome(() -> condition.evaluateInCel(notAMap)));
        assertThat(condition.evaluate(Map.of("form", Map.of("days", 5)))).isTrue();
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(ComparisonTest::generate);
    }

    private static final List<String> OPS = List.of("<", "<=", ">", ">=", "==", "!=");
    private static final List<String> LITERALS = List.of("3", "0", "-2", "3.0", "2.5", "0.0", "-0.0", "'annual'", "''", "true",
            "false", "9007199254740993", "9007199254740992.0", "1e300", "null");
    private static final List<Object> VALUES = java.util.Arrays.asList(3, 4, 2, 0, -2, 3L, 9007199254740993L, 9007199254740992L,
            Long.MAX_VALUE, Long.MIN_VALUE, 3.0, 2.5, 2.4999, 0.0, -0.0, Double.NaN, 1e300, "annual", "other", "", "3", true, false, null,
            List.of(1), Map.of("a", 1), new BigDecimal("3"), (short) 3, java.time.LocalDate.of(2024, 5, 1));

    static Case generate(Random r) {
        String field = r.nextInt(6) == 0 ? "missing" : "days";
        String literal = LITERALS.get(r.nextInt(LITERALS.size()));
        String op = OPS.get(r.nextInt(OPS.size()));
        String condition = r.nextBoolean() ? "form." + field + " " + op + " " + literal : literal + " " + op + " form." + field;
        Map<String, Object> form = new HashMap<>();
        form.put("days", VALUES.get(r.nextInt(VALUES.size())));
        if (r.nextInt(4) == 0) {
            form.put("other", VALUES.get(r.nextInt(VALUES.size())));
        }
        Map<String, Object> variables = new HashMap<>();
        if (r.nextInt(10) != 0) {
            variables.put("form", form);
        }
        if (r.nextBoolean()) {
            variables.put("instance", r.nextInt(8) == 0 ? "not a map" : Map.of("priority", "NORMAL", "businessKey", ""));
        }
        if (r.nextInt(3) == 0) {
            variables.put("initiator", Map.of("roles", List.of("director"), "id", "u1"));
        }
        return new Case(condition, variables);
    }
}

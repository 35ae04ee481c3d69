package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.testing.DecimalSample;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form numbers with random digit strings and random exponents, from tiny to huge, as JSON text,
 * as Java values and as money text: validation refuses exactly the numbers that break a documented
 * limit, names one limit they break, and normalizes every other number (the scale of a field
 * applied). The oracle ({@link DecimalSample#broken()}) counts digits from the generated parts.
 */
class FormNumberProperties {
    static final FormSchema SCHEMA = FormSchema.builder("numbers")
            .number("any", f -> { })
            .number("price", f -> f.scale(2))
            .number("count", f -> f.integer())
            .money("total", f -> { })
            .build();
    static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    @Provide
    Arbitrary<DecimalSample> numbers() {
        return DecimalSample.any();
    }

    @Property(tries = 400)
    void jsonNumbersGetTheRightVerdict(@ForAll("numbers") DecimalSample n) {
        for (String field : List.of("any", "price", "count")) {
            check(n, field, ExpenseForm.json("{'" + field + "': " + n.text() + "}"), field);
        }
        check(n, "total", ExpenseForm.json("{'total': {'amount': " + n.text() + ", 'currency': 'CNY'}}"), "total.amount");
    }

    @Property(tries = 200)
    void javaValuesGetTheRightVerdict(@ForAll("numbers") DecimalSample n) {
        check(n, "price", Json.toTree(Map.of("price", n.value())), "price");
        if (n.exponent() >= 0 && n.exponent() <= 400) {
            check(n, "any", Json.toTree(Map.of("any", n.value().toBigIntegerExact())), "any");
        }
    }

    @Property(tries = 200)
    void moneyAmountsAsTextGetTheRightVerdict(@ForAll("numbers") DecimalSample n) {
        if (Math.abs(n.exponent()) <= 400) {
            String plain = n.value().toPlainString();
            check(n, "total", ExpenseForm.json("{'total': {'amount': '" + plain + "', 'currency': 'CNY'}}"), "total.amount");
        }
    }

    private static void check(DecimalSample n, String field, JsonNode data, String path) {
        Set<DecimalSample.Limit> broken = n.broken();
        List<Problem> problems = SCHEMA.problems(data);
        if (!broken.isEmpty()) {
            assertThat(problems).extracting(Problem::path).containsExactly(path);
            assertThat(broken).extracting(l -> l.message).contains(problems.get(0).message());
            return;
        }
        BigDecimal value = n.value();
        String scaleProblem = scaleProblem(field, value);
        if (scaleProblem != null) {
            assertThat(problems).extracting(Problem::toString).containsExactly(path + ": " + scaleProblem);
            return;
        }
        assertThat(problems).isEmpty();
        Object normalized = SCHEMA.normalize(data).get(field);
        switch (field) {
            case "count" -> assertThat(normalized).isEqualTo(value.longValueExact());
            case "price" -> assertThat(normalized).isEqualTo(value.setScale(2));
            case "total" -> assertThat(normalized).isEqualTo(new Money(value.setScale(2), "CNY"));
            default -> assertThat((BigDecimal) normalized).isEqualByComparingTo(value);
        }
    }

    private static String scaleProblem(String field, BigDecimal value) {
        int places = Math.max(0, value.stripTrailingZeros().scale());
        return switch (field) {
            case "price", "total" -> places > 2 ? "must have at most 2 decimal places" : null;
            case "count" -> places > 0 ? "must be a whole number"
                    : value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0
                    ? "must be a whole number from -9223372036854775808 to 9223372036854775807" : null;
            default -> null;
        };
    }
}

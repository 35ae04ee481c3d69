package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.form.ExpenseForm.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Numbers whose size would make decimal arithmetic run for minutes (a scale of a hundred million)
 * are refused at validation, at their path, naming the limit; see docs/forms.md, "Number limits".
 */
class FormNumberLimitsTest {
    static final String TOO_LARGE = "is too large: at most 30 digits before the decimal point";
    static final String TOO_PRECISE = "has too many decimal places: at most 20";
    static final String TOO_LONG = "has too many digits: at most 100 in all";

    static final FormSchema SCHEMA = FormSchema.builder("limits")
            .number("any", f -> { })
            .number("price", f -> f.scale(2))
            .number("count", f -> f.integer())
            .money("total", f -> { })
            .table("items", t -> t.number("qty", f -> f.scale(1)))
            .build();

    private static List<String> problems(Map<String, ?> data) {
        return SCHEMA.problems(Json.toTree(data)).stream().map(Problem::toString).toList();
    }

    private static List<String> problems(String json) {
        return SCHEMA.problems(json(json)).stream().map(Problem::toString).toList();
    }

    @Test
    void aHugeExponentIsRefusedAtItsPathInsteadOfBeingScaled() {
        assertThat(problems("{'price': 1e100000000}")).containsExactly("price: " + TOO_LARGE);
        assertThat(problems("{'any': -1e100000000}")).containsExactly("any: " + TOO_LARGE);
        assertThat(problems("{'count': 1e100000000}")).containsExactly("count: " + TOO_LARGE);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> SCHEMA.normalize(json("{'price': 1e100000000}")));
        assertThat(e.code()).isEqualTo(FormSchema.DATA_INVALID);
        assertThat(e.paths()).containsExactly("price");
    }

    @Test
    void aTinyExponentIsRefusedForTooManyDecimalPlaces() {
        assertThat(problems("{'any': 1e-100000000}")).containsExactly("any: " + TOO_PRECISE);
        assertThat(problems("{'any': 1e-21}")).containsExactly("any: " + TOO_PRECISE);
        assertThat(problems("{'any': 1e-20, 'price': 1e29}")).isEmpty();
        assertThat(SCHEMA.normalize(json("{'price': 1e29}")).get("price")).isEqualTo(new BigDecimal("100000000000000000000000000000.00"));
    }

    @Test
    void moneyAmountsAsNumbersOrTextAreBoundedToo() {
        assertThat(problems("{'total': {'amount': 1e100000000, 'currency': 'CNY'}}")).containsExactly("total.amount: " + TOO_LARGE);
        String longText = "1" + "0".repeat(50_000);
        assertThat(problems("{'total': {'amount': '" + longText + "', 'currency': 'CNY'}}")).containsExactly("total.amount: " + TOO_LONG);
        String longFraction = "1." + "0".repeat(200) + "1";
        assertThat(problems("{'total': {'amount': '" + longFraction + "', 'currency': 'CNY'}}")).containsExactly("total.amount: " + TOO_LONG);
        assertThat(SCHEMA.normalize(json("{'total': {'amount': '" + "9".repeat(30) + "', 'currency': 'CNY'}}")).get("total"))
                .isEqualTo(Money.of("9".repeat(30) + ".00", "CNY"));
    }

    @Test
    void tableCellsAreCheckedAtTheirRowPath() {
        assertThat(problems("{'items': [{'qty': 1.5}, {'qty': 2e100000000}]}")).containsExactly("items[1].qty: " + TOO_LARGE);
    }

    @Test
    void plainJavaValuesAreCheckedWithoutConvertingThemToText() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("any", BigInteger.TEN.pow(200_000));
        data.put("price", new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE));
        data.put("count", Double.NaN);
        assertThat(problems(data)).containsExactly("any: " + TOO_LARGE, "price: " + TOO_PRECISE, "count: must be a finite number");
    }

    @Test
    void aWholeNumberFieldRefusesValuesBeyondItsNormalizedLongInsteadOfFailingInNormalize() {
        assertThat(problems("{'count': 9223372036854775807}")).isEmpty();
        assertThat(problems("{'count': 9223372036854775808}"))
                .containsExactly("count: must be a whole number from -9223372036854775808 to 9223372036854775807");
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> SCHEMA.normalize(json("{'count': 1e25}")));
        assertThat(e.paths()).containsExactly("count");
    }

    @Test
    void aReadOnlyFieldSentWithAHugeValueIsRefusedWithoutComparingIt() {
        FormAccess access = FormAccess.of(SCHEMA, Map.of("price", FieldAccess.READ_ONLY), FieldAccess.EDITABLE);
        ObjectNode current = json("{'price': 10.5}");
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> access.write(current, json("{'price': 1.05e100000000}")));
        assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("price: is read-only at this step; leave it out or send its current value");
        assertThat(access.write(current, json("{'price': 10.50, 'any': 1}")).get("any").intValue()).isEqualTo(1);
    }

    @Test
    void schemaLimitsOutsideTheBoundsAreDefinitionProblems() {
        ValidationException built = catchThrowableOfType(ValidationException.class,
                () -> FormSchema.builder("f").number("n", f -> f.scale(2).min("1e100000000")).build());
        assertThat(built.code()).isEqualTo(FormSchema.SCHEMA_INVALID);
        assertThat(built.problems()).extracting(Problem::toString).containsExactly("fields[0].min: '1e100000000' " + TOO_LARGE);

        ValidationException read = catchThrowableOfType(ValidationException.class, () -> FormSchema.fromJson(
                "{\"key\": \"f\", \"fields\": [{\"key\": \"n\", \"type\": \"money\", \"currency\": \"CNY\", \"max\": 1e-100000000}]}"));
        assertThat(read.problems()).extracting(Problem::toString).containsExactly("fields[0].max: " + TOO_PRECISE);

        ValidationException longText = catchThrowableOfType(ValidationException.class,
                () -> FormSchema.builder("f").number("n", f -> f.max("7".repeat(100_000))).build());
        assertThat(longText.problems()).extracting(Problem::toString).singleElement().asString()
                .isEqualTo("fields[0].max: '77777777777777777777…' (100000 characters) " + TOO_LONG);
    }
}

package dev.oakit.workflow.internal.expr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.WorkflowErrors;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Decimal values beyond the decimal limits never reach a condition: they are refused naming their path and the limit. */
class ConditionNumberLimitsTest {
    private final Conditions conditions = new Conditions();

    private ValidationException refused(String expression, Object amount) {
        return catchThrowableOfType(ValidationException.class,
                () -> conditions.compile(expression).evaluate(Map.of("form", Map.of("amount", amount))));
    }

    @Test
    void aHugeExponentIsRefusedInsteadOfBecomingInfinity() {
        ValidationException e = refused("form.amount > 100.0", new BigDecimal("1e100000000"));
        assertThat(e.code()).isEqualTo(WorkflowErrors.CONDITION_FAILED);
        assertThat(e.problems()).singleElement().hasToString("condition: form.amount is too large: at most 30 digits before the decimal point");
        assertThat(conditions.compile("form.amount > 100.0").evaluate(Map.of("form", Map.of("amount", new BigDecimal("1e29"))))).isTrue();
    }

    @Test
    void aTinyExponentAndAMillionDigitsAreRefusedToo() {
        assertThat(refused("form.amount == 0.0", new JsonNodeFactory(true).numberNode(new BigDecimal("1e-100000000"))).problems())
                .singleElement().hasToString("condition: form.amount has too many decimal places: at most 20");
        assertThat(refused("form.amount > 1.0", new BigDecimal(BigInteger.TEN.pow(1_000_000), 999_990)).problems())
                .singleElement().hasToString("condition: form.amount has too many digits: at most 100 in all");
    }

    @Test
    void aWholeNumberBeyond64BitsIsNamedWithoutPrintingItsDigits() {
        assertThat(refused("form.amount > 1", BigInteger.TEN.pow(1_000_000)).problems()).singleElement()
                .hasToString("condition: form.amount = a number of 3321929 bits does not fit a 64-bit integer");
        assertThat(refused("form.amount > 1", BigInteger.TWO.pow(64)).problems()).singleElement()
                .hasToString("condition: form.amount = 18446744073709551616 does not fit a 64-bit integer");
    }
}

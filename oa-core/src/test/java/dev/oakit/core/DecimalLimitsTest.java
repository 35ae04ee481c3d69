package dev.oakit.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The entry points of the limits; the verdicts over random numbers are in FormNumberProperties. */
class DecimalLimitsTest {
    @Test
    void parseAndCheckNameThePathAndTheLimit() {
        ValidationException large = catchThrowableOfType(ValidationException.class, () -> DecimalLimits.parse("items[2].amount", "1e100000000"));
        assertThat(large.problems()).extracting(Object::toString)
                .containsExactly("items[2].amount: is too large: at most 30 digits before the decimal point");
        ValidationException text = catchThrowableOfType(ValidationException.class, () -> DecimalLimits.parse("amount", "12,5"));
        assertThat(text.problems()).extracting(Object::toString).containsExactly("amount: must be a decimal number like 1200.50");
        ValidationException nan = catchThrowableOfType(ValidationException.class, () -> DecimalLimits.check("rate", Double.NaN));
        assertThat(nan.problems()).extracting(Object::toString).containsExactly("rate: must be a finite number");
        assertThat(DecimalLimits.parse("amount", " 1200.50 ")).isEqualTo(new BigDecimal("1200.50"));
    }

    @Test
    void everyNumberTypeIsReadExactly() {
        assertThat(DecimalLimits.check("x", 0.1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(DecimalLimits.check("x", 0.25f)).isEqualTo(new BigDecimal("0.25"));
        assertThat(DecimalLimits.check("x", Long.MIN_VALUE)).isEqualTo(BigDecimal.valueOf(Long.MIN_VALUE));
        assertThat(DecimalLimits.check("x", new AtomicLong(42))).isEqualTo(new BigDecimal("42"));
        assertThat(DecimalLimits.check("x", BigInteger.TEN.pow(29))).isEqualTo(new BigDecimal(BigInteger.TEN.pow(29)));
        assertThat(DecimalLimits.problem(BigInteger.TEN.pow(30))).contains("is too large: at most 30 digits before the decimal point");
        assertThat(DecimalLimits.problem(1e-21)).contains("has too many decimal places: at most 20");
        assertThat(DecimalLimits.problem(Double.MAX_VALUE)).contains("is too large: at most 30 digits before the decimal point");
        assertThat(DecimalLimits.problem(Float.POSITIVE_INFINITY)).contains("must be a finite number");
    }

    @Test
    void trailingZerosCountOnlyTowardsTheDigitsWrittenOut() {
        assertThat(DecimalLimits.problem(new BigDecimal("1." + "0".repeat(60)))).isEmpty();
        assertThat(DecimalLimits.problem(new BigDecimal("1." + "0".repeat(100)))).contains("has too many digits: at most 100 in all");
        assertThat(DecimalLimits.problem(new BigDecimal("0." + "0".repeat(98)))).isEmpty();
        assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ZERO, Integer.MAX_VALUE))).contains("has too many digits: at most 100 in all");
        assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ZERO, Integer.MIN_VALUE))).isEmpty();
        assertThat(DecimalLimits.problem("1" + "0".repeat(200))).contains("has too many digits: at most 100 in all");
    }
}

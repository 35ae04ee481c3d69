package dev.oakit.core.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;

/**
 * A random decimal {@code (-)digits × 10^exponent} for properties over number limits: digit strings
 * of up to 141 digits, exponents from tiny to huge. {@link #broken()} is the oracle of
 * docs/forms.md, "Number limits", counted from the parts without decimal arithmetic.
 *
 * @param digits no leading zero, or "0"
 */
public record DecimalSample(boolean negative, String digits, int exponent) {

    /** A limit of {@code DecimalLimits} and the words that name it. */
    public enum Limit {
        LARGE("is too large: at most 30 digits before the decimal point"),
        PRECISE("has too many decimal places: at most 20"),
        LONG("has too many digits: at most 100 in all");

        public final String message;

        Limit(String message) {
            this.message = message;
        }
    }

    /** @return samples, most of them with small exponents, a fifth with exponents up to ±2^31 */
    public static Arbitrary<DecimalSample> any() {
        Arbitrary<String> nonZero = Combinators.combine(
                Arbitraries.integers().between(1, 9),
                Arbitraries.strings().withCharRange('0', '9').ofMaxLength(80),
                Arbitraries.integers().between(0, 60).map("0"::repeat)).as((first, rest, zeros) -> first + rest + zeros);
        Arbitrary<String> digits = Arbitraries.frequencyOf(Tuple.of(9, nonZero), Tuple.of(1, Arbitraries.just("0")));
        Arbitrary<Integer> exponent = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(-60, 40)),
                Tuple.of(2, Arbitraries.integers().between(-400, 400)),
                Tuple.of(2, Arbitraries.integers().between(-Integer.MAX_VALUE + 100, Integer.MAX_VALUE - 100)));
        return Combinators.combine(Arbitraries.of(true, false), digits, exponent).as(DecimalSample::new);
    }

    /** @return the number; cheap for any exponent (no digits are computed) */
    public BigDecimal value() {
        return new BigDecimal(new BigInteger((negative ? "-" : "") + digits), -exponent);
    }

    /** @return the number as JSON/Java number text, e.g. {@code -125e-2} */
    public String text() {
        return (negative ? "-" : "") + digits + "e" + exponent;
    }

    /** @return the limits this number breaks: digits before the point, significant decimals, digits written out */
    public Set<Limit> broken() {
        Set<Limit> out = EnumSet.noneOf(Limit.class);
        long scale = -(long) exponent;
        long precision = digits.length();
        long written = scale > 0 ? Math.max(precision, scale + 1) : precision - scale;
        if (digits.equals("0")) {
            written = scale > 0 ? scale + 1 : 1;
        } else {
            int trailing = digits.length() - digits.replaceAll("0+$", "").length();
            long significant = precision - trailing;
            long shifted = (long) exponent + trailing;
            if (significant + shifted > 30) {
                out.add(Limit.LARGE);
            }
            if (-shifted > 20) {
                out.add(Limit.PRECISE);
            }
        }
        if (written > 100) {
            out.add(Limit.LONG);
        }
        return out;
    }

    @Override
    public String toString() {
        return text();
    }
}

package dev.oakit.core;

import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The size limits of decimal numbers that come from users: form numbers and money amounts,
 * ticket custom fields, the values of dispatch rules and approval conditions. A number such as
 * {@code 1e100000000} is short to write, but scaling it or printing it in full works through a
 * hundred million digits, minutes of one core. Every entry point checks numbers here before any
 * such arithmetic, so a number within the limits is cheap everywhere and one outside them is refused
 * with a {@link ValidationException} naming its path and the limit.
 *
 * <p>A number is within the limits when it has
 * <ul>
 *   <li>at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point (less than 10<sup>30</sup>),</li>
 *   <li>at most {@value #MAX_DECIMAL_PLACES} decimal places, trailing zeros not counted, and</li>
 *   <li>at most {@value #MAX_DIGITS} digits in all as written out in full ({@code 0.000…}, {@code 1.000…} included),</li>
 * </ul>
 * and it is finite (not NaN or an infinity). The checks themselves never do arithmetic on the
 * number's digits: they answer at once for any input, however large.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DecimalLimits {
    /** Most digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 30;
    /** Most decimal places, trailing zeros not counted. */
    public static final int MAX_DECIMAL_PLACES = 20;
    /** Most digits of a number written out in full. */
    public static final int MAX_DIGITS = 100;

    /** Longest text read as a number: the digits, a sign, a point and an exponent such as {@code e-2147483648}. */
    private static final int MAX_TEXT_LENGTH = MAX_DIGITS + 16;
    /** 2<sup>333</sup> &gt; 10<sup>100</sup>: an unscaled value of more bits has more than {@value #MAX_DIGITS} digits. */
    private static final int MAX_BITS = 333;

    private static final String TOO_LARGE = "is too large: at most " + MAX_INTEGER_DIGITS + " digits before the decimal point";
    private static final String TOO_PRECISE = "has too many decimal places: at most " + MAX_DECIMAL_PLACES;
    private static final String TOO_LONG = "has too many digits: at most " + MAX_DIGITS + " in all";
    private static final String NOT_FINITE = "must be a finite number";
    private static final String NOT_A_NUMBER = "must be a decimal number like 1200.50";

    private DecimalLimits() {
    }

    /**
     * @param value a number of any {@link Number} type; never null
     * @return what is wrong with it (for example {@code is too large: at most 30 digits before the decimal point}),
     *         to be reported at the value's path; empty when it is within the limits
     */
    public static Optional<String> problem(Number value) {
        Objects.requireNonNull(value, "value");
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(value.doubleValue())) {
            return Optional.of(NOT_FINITE);
        }
        if (value instanceof BigInteger i && i.bitLength() > MAX_BITS) {
            return Optional.of(TOO_LARGE);
        }
        BigDecimal exact = exact(value);
        return exact == null ? problem(value.toString()) : problem(exact);
    }

    /**
     * @param text a decimal number as {@link BigDecimal#BigDecimal(String)} reads it ({@code 1200.50},
     *             {@code -3}, {@code 1.5e3}); surrounding blanks are ignored; never null
     * @return what is wrong with it: not a number, or outside the limits; empty when it is a number within the limits
     */
    public static Optional<String> problem(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.length() > MAX_TEXT_LENGTH) {
            return Optional.of(TOO_LONG); // not parsed: reading a long digit string costs time of its square
        }
        try {
            return problem(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.of(NOT_A_NUMBER);
        }
    }

    /**
     * @param path where the number sits, for the error, e.g. {@code items[2].amount}; never null
     * @param value the number; never null
     * @return the number as an exact {@link BigDecimal}
     * @throws ValidationException with one problem at {@code path} naming the limit the number breaks
     */
    public static BigDecimal check(String path, Number value) {
        Objects.requireNonNull(path, "path");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw ValidationException.of(path, problem.get());
        }
        BigDecimal exact = exact(value);
        return exact != null ? exact : new BigDecimal(value.toString().strip());
    }

    /** @return the value of a JDK number type as a BigDecimal (a double as its shortest decimal), or null for other types */
    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(value.longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            // the shortest decimal that reads back as the same number: 0.1, not 0.1000000000000000055511…
            return value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(value.doubleValue());
        }
        return null;
    }

    /**
     * @param path where the text sits, for the error; never null
     * @param text a decimal number (see {@link #problem(String)}); never null
     * @return the number
     * @throws ValidationException with one problem at {@code path}: not a decimal number, or the limit it breaks
     */
    public static BigDecimal parse(String path, String text) {
        Objects.requireNonNull(path, "path");
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw ValidationException.of(path, problem.get());
        }
        return new BigDecimal(text.strip());
    }

    private static Optional<String> problem(BigDecimal d) {
        long scale = d.scale();
        if (d.signum() == 0) {
            // 0.000…: only the zeros written out count
            return scale >= MAX_DIGITS ? Optional.of(TOO_LONG) : Optional.empty();
        }
        if (d.unscaledValue().bitLength() > MAX_BITS) {
            // more than MAX_DIGITS significant digits; not counted exactly, which would compute a power of ten that size
            return Optional.of(scale <= 0 ? TOO_LARGE : TOO_LONG);
        }
        long precision = d.precision();
        if (precision - scale > MAX_INTEGER_DIGITS) {
            return Optional.of(TOO_LARGE);
        }
        // scale >= precision - 30 > -30 here, and at most 101 trailing zeros: stripping is cheap and cannot overflow the scale
        if (d.stripTrailingZeros().scale() > MAX_DECIMAL_PLACES) {
            return Optional.of(TOO_PRECISE);
        }
        long written = scale > 0 ? Math.max(precision, scale + 1) : precision - scale;
        return written > MAX_DIGITS ? Optional.of(TOO_LONG) : Optional.empty();
    }
}

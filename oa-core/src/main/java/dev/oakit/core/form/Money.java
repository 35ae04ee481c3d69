package dev.oakit.core.form;

import dev.oakit.core.DecimalLimits;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A money value as normalized form data: an exact amount and an ISO 4217 currency code.
 * Immutable and thread-safe.
 *
 * @param amount the exact amount, within {@link DecimalLimits}; never null
 * @param currency ISO 4217 code such as {@code CNY}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Money(BigDecimal amount, String currency) {
    /**
     * Rejects nulls and amounts outside {@link DecimalLimits}.
     *
     * @throws ValidationException at path {@code amount} naming the limit the amount breaks
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        DecimalLimits.check("amount", amount);
    }

    /**
     * @param amount decimal text such as {@code "1200.50"}; never null
     * @param currency ISO 4217 code; never null
     * @return the money value
     * @throws ValidationException at path {@code amount} if the amount is not a decimal number or is outside {@link DecimalLimits}
     */
    public static Money of(String amount, String currency) {
        return new Money(DecimalLimits.parse("amount", Objects.requireNonNull(amount, "amount")), currency);
    }

    /** @return e.g. {@code 1200.50 CNY} */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}

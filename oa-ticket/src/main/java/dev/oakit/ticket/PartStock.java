package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * How many of a spare part a warehouse holds, as the stock system answered, or "unknown" with the reason (the
 * system was slow, down or refused, or none is installed). Immutable.
 *
 * @param item the part's item code as the stock system names it
 * @param warehouse the warehouse asked about
 * @param available what can be taken (on hand less reserved); null when unknown
 * @param reason why it is unknown; null when known
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PartStock(String item, String warehouse, BigDecimal available, String reason) {
    /** @return a known quantity */
    public static PartStock of(String item, String warehouse, BigDecimal available) {
        return new PartStock(item, warehouse, java.util.Objects.requireNonNull(available, "available"), null);
    }

    /** @return an unknown quantity with its reason */
    public static PartStock unknown(String item, String warehouse, String reason) {
        return new PartStock(item, warehouse, null, java.util.Objects.requireNonNull(reason, "reason"));
    }

    /** @return whether the stock system answered */
    public boolean known() {
        return available != null;
    }
}

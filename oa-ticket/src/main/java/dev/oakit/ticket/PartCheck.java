package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.List;

/**
 * The spare parts a ticket needs against what the stock system holds. Immutable.
 *
 * @param ticketId the ticket
 * @param lines one per part the ticket lists, in its order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PartCheck(long ticketId, List<Line> lines) {
    public PartCheck {
        lines = List.copyOf(lines);
    }

    /** What a line's stock means for the ticket. */
    public enum Status {
        /** The warehouse holds at least the quantity needed. */
        AVAILABLE,
        /** It holds less. */
        SHORT,
        /** The stock system did not answer; the ticket goes on without knowing. */
        UNKNOWN
    }

    /**
     * @param item the part's item code
     * @param quantity how many the ticket needs
     * @param stock what the warehouse holds, or unknown
     * @param status what that means
     */
    public record Line(String item, BigDecimal quantity, PartStock stock, Status status) {
    }

    /** @return the overall answer: UNKNOWN if any line is unknown and none short, SHORT if any is short, else AVAILABLE */
    public Status status() {
        if (lines.stream().anyMatch(l -> l.status() == Status.SHORT)) {
            return Status.SHORT;
        }
        return lines.stream().anyMatch(l -> l.status() == Status.UNKNOWN) ? Status.UNKNOWN : Status.AVAILABLE;
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

/**
 * Spare-part stock for field-repair tickets ({@code oa.service(SpareParts.class)}): asks the installed
 * {@link dev.oakit.ticket.spi.PartAvailability} (the ERP bridge contributes one) with no transaction open and within
 * {@code ticket.partsTimeout}. It never fails because the stock system is slow or down: the answer is then "unknown"
 * with the reason, and the ticket goes on. Without a source installed every answer is unknown. Thread-safe.
 *
 * <p>A ticket lists its parts in the custom field {@value #FIELD}: a list of {@code {"item": "DR-1", "quantity": 2}}
 * (quantity defaults to 1), each optionally with its own {@code "warehouse"}; {@link #addField} adds that table to a
 * ticket type's form.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SpareParts {
    /** The custom field of a ticket that lists its parts. */
    String FIELD = "parts";

    /**
     * Adds the parts table to a ticket type's form: item (required), quantity (default 1), warehouse (optional).
     *
     * @return the builder
     */
    static dev.oakit.core.form.FormSchema.Builder addField(dev.oakit.core.form.FormSchema.Builder form) {
        return form.table(FIELD, t -> t.label("Spare parts").max(100)
                .text("item", f -> f.label("Item").required().maxLength(140))
                .number("quantity", f -> f.label("Quantity").scale(3).min("0.001"))
                .text("warehouse", f -> f.label("Warehouse").maxLength(140)));
    }

    /**
     * @param actor any user of the tenant
     * @param item the part's item code
     * @param warehouse the warehouse
     * @return what the warehouse holds, or unknown
     * @throws dev.oakit.core.ValidationException when item or warehouse is blank
     */
    PartStock stock(Actor actor, String item, String warehouse);

    /**
     * Checks every part the ticket lists.
     *
     * @param actor a user who may read the ticket
     * @param ticketId the ticket
     * @param warehouse the warehouse of the lines that name none
     * @return one line per part; no lines when the ticket lists none
     * @throws dev.oakit.core.NotFoundException when the ticket does not exist or the actor may not read it
     * @throws dev.oakit.core.ValidationException when the parts field is not a list of parts
     */
    PartCheck check(Actor actor, long ticketId, String warehouse);
}

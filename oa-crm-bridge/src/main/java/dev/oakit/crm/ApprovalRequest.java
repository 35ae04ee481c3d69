package dev.oakit.crm;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * A deal the CRM sends to OAKit for approval: a quote whose discount is above the threshold, or a
 * contract. OAKit runs the approval and writes a {@link Decision} back, refused when the record changed
 * since {@link #version()}. Immutable.
 *
 * @param id the CRM's id of the record under approval (the quote or the contract); at most 191 characters
 * @param kind what is to be approved
 * @param accountId the CRM's id of the customer, or null
 * @param title the record's name or number, for people
 * @param amount the deal's amount, or null
 * @param currency its ISO 4217 currency, or null
 * @param discountPercent the discount asked for, in percent, or null (a contract)
 * @param requestedBy the CRM user who asked (e-mail or user name), or null
 * @param status where the request is at the CRM
 * @param version the record's version at the CRM when it was read (last modification as epoch
 *     milliseconds); the decision carries it for the conflict check
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ApprovalRequest(String id, Kind kind, String accountId, String title, BigDecimal amount, String currency,
                              BigDecimal discountPercent, String requestedBy, Status status, long version) {
    /** Checks the components. */
    public ApprovalRequest {
        Checks.text("id", id, 191);
        Checks.notNull("kind", kind);
        Checks.optionalText("accountId", accountId, 191);
        Checks.text("title", title, 255);
        Checks.optionalText("currency", currency, 3);
        Checks.optionalText("requestedBy", requestedBy, 255);
        Checks.notNull("status", status);
    }

    /** What a request asks to approve. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** A quote's discount above the threshold. */
        DISCOUNT,
        /** A contract. */
        CONTRACT
    }

    /** Where a request is at the CRM. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Status {
        /** Sent for approval, no decision yet. */
        REQUESTED,
        /** Withdrawn at the CRM: the approval in OAKit is withdrawn too. */
        WITHDRAWN,
        /** Approved, written back. */
        APPROVED,
        /** Rejected, written back. */
        REJECTED
    }
}

package dev.oakit.crm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import org.apiguardian.api.API;

import java.math.BigDecimal;

/**
 * The deal approval processes the bridge ships: a quote's discount above a threshold, and a contract,
 * sent for approval from the CRM. The bridge starts one instance per version of the CRM record; when it
 * ends approved or rejected, the decision and the approvers' comments are written back to the record,
 * once, and only if the record did not change in the CRM since it was sent. What happens when it did
 * is part of the definition: {@link OnChanged}, the parameter {@code onChanged} of its
 * {@value #POLICY_NODE} node. Thresholds and routes are conditions on the form's fields, so a definition
 * deployed as JSON can change them.
 *
 * <p>Deploy them like any definition: {@code definitions.deploy(admin, DealApproval.discount())}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DealApproval {
    /** The process key of discount approvals. */
    public static final String DISCOUNT_KEY = "crm-discount-approval";
    /** The process key of contract approvals. */
    public static final String CONTRACT_KEY = "crm-contract-approval";
    /** The service node that records the definition's {@link OnChanged} policy. */
    public static final String POLICY_NODE = "policy";
    /** The service task handler of {@link #POLICY_NODE}. */
    public static final String POLICY_HANDLER = "crm.deal-policy";
    /** The role that approves discounts above the first threshold and every contract. */
    public static final String SALES_DIRECTOR = "sales-director";
    /** The role that also approves discounts above the second threshold. */
    public static final String FINANCE = "finance";
    /** The role that reviews contracts first. */
    public static final String LEGAL = "legal";

    /** What happens to a decision when the CRM record changed since it was sent for approval. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum OnChanged {
        /** The decision is not written; the record's new version is approved anew (a new instance), the old round closed with the reason. */
        REEVALUATE,
        /** The decision is not written; the round waits, flagged, for a person to look at the CRM record. */
        FLAG
    }

    private DealApproval() {
    }

    /** @return the form of both processes: the CRM record as it was sent, read-only for approvers */
    public static FormSchema form(String key) {
        return FormSchema.builder(key).title("Deal approval")
                .text("crmTarget", f -> f.label("CRM").required())
                .text("requestId", f -> f.label("CRM record").required())
                .text("title", f -> f.label("Deal").required())
                .text("accountId", f -> f.label("Customer (CRM id)"))
                .number("amount", f -> f.label("Amount").scale(2))
                .text("currency", f -> f.label("Currency").pattern("[A-Z]{3}"))
                .number("discountPercent", f -> f.label("Discount (%)").scale(2).min("0").max("100"))
                .text("requestedBy", f -> f.label("Requested by"))
                .number("version", f -> f.label("CRM version").integer().required())
                .build();
    }

    /** @return discount approval: over 10 % the sales director, over 25 % finance too; a changed record is re-evaluated */
    public static ProcessDefinition discount() {
        return discount(new BigDecimal("10"), new BigDecimal("25"), OnChanged.REEVALUATE);
    }

    /**
     * @param directorAbove the discount (percent) above which the sales director approves; at or below it the
     *     request is approved without a person (the CRM normally sends only discounts above its own threshold)
     * @param financeAbove the discount above which finance approves after the director; not below {@code directorAbove}
     * @param onChanged what happens when the quote changed in the CRM before the decision was written
     * @return start → policy → director (if above) → finance (if above) → approved
     */
    public static ProcessDefinition discount(BigDecimal directorAbove, BigDecimal financeAbove, OnChanged onChanged) {
        Checks.notNull("directorAbove", directorAbove);
        Checks.notNull("financeAbove", financeAbove);
        Checks.notNull("onChanged", onChanged);
        if (financeAbove.compareTo(directorAbove) < 0) {
            throw ValidationException.of("financeAbove", "must not be below directorAbove (" + directorAbove.toPlainString() + "), was "
                    + financeAbove.toPlainString());
        }
        return policy(ProcessDefinition.builder(DISCOUNT_KEY).name("Discount approval").form(form(DISCOUNT_KEY)), onChanged)
                .exclusive("route")
                .approval("director", a -> a.name("Approve the discount").approver(ApproverRule.role(SALES_DIRECTOR)))
                .exclusive("finance-route")
                .approval("finance", a -> a.name("Approve the discount (finance)").approver(ApproverRule.role(FINANCE)))
                .end("approved")
                .chain("start", POLICY_NODE, "route")
                .when("route", "director", "form.discountPercent > " + directorAbove.toPlainString()).otherwise("route", "approved")
                .route("director", "finance-route")
                .when("finance-route", "finance", "form.discountPercent > " + financeAbove.toPlainString())
                .otherwise("finance-route", "approved")
                .route("finance", "approved")
                .build();
    }

    /** @return contract approval: legal, then the sales director; a changed contract is re-evaluated */
    public static ProcessDefinition contract() {
        return contract(OnChanged.REEVALUATE);
    }

    /**
     * @param onChanged what happens when the contract changed in the CRM before the decision was written
     * @return start → policy → legal → director → approved
     */
    public static ProcessDefinition contract(OnChanged onChanged) {
        Checks.notNull("onChanged", onChanged);
        return policy(ProcessDefinition.builder(CONTRACT_KEY).name("Contract approval").form(form(CONTRACT_KEY)), onChanged)
                .approval("legal", a -> a.name("Review the contract").approver(ApproverRule.role(LEGAL)))
                .approval("director", a -> a.name("Approve the contract").approver(ApproverRule.role(SALES_DIRECTOR)))
                .end("approved")
                .chain("start", POLICY_NODE, "legal", "director", "approved")
                .build();
    }

    /** @return the process key of a kind of request */
    public static String keyOf(ApprovalRequest.Kind kind) {
        return kind == ApprovalRequest.Kind.DISCOUNT ? DISCOUNT_KEY : CONTRACT_KEY;
    }

    private static ProcessDefinitionBuilder policy(ProcessDefinitionBuilder b, OnChanged onChanged) {
        return b.start("start").service(POLICY_NODE, POLICY_HANDLER, JsonNodeFactory.instance.objectNode().put("onChanged", onChanged.name()));
    }
}

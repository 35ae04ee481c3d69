package dev.oakit.erp;

import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import org.apiguardian.api.API;

/**
 * The purchase requisition process the bridge ships (采购申请): the requester fills vendor, currency,
 * cost centre and lines; the approvers decide; the service node {@link #ORDER_NODE} then orders in the
 * ERP (exactly one purchase order per requisition); the receivers confirm the goods arrived (验收).
 * Withdrawn, cancelled or rejected after the order, the requisition cancels it in the ERP.
 *
 * <p>Deploy it like any definition: {@code definitions.deploy(admin, PurchaseRequisition.definition())}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PurchaseRequisition {
    /** The process key. */
    public static final String KEY = "purchase-requisition";
    /** The service node that orders in the ERP. */
    public static final String ORDER_NODE = "order";
    /** The option source of the vendor field: active synced vendors of the bridge's connector. */
    public static final String VENDORS = "erp.vendor";
    /** The option source of the cost-centre field: active synced cost centres of the bridge's connector. */
    public static final String COST_CENTRES = "erp.cost-centre";
    /** The service task handler the order node runs. */
    public static final String ORDER_HANDLER = "erp.purchase-order";

    private PurchaseRequisition() {
    }

    /**
     * @return the form: vendor, currency, cost centre, lines of item, quantity and unit price; vendor and cost centre
     *     offer the active records {@link dev.oakit.erp.masterdata.MasterData} synced from the bridge's connector
     *     (sources {@value #VENDORS}, {@value #COST_CENTRES}) and refuse others
     */
    public static FormSchema form() {
        return formBuilder().build();
    }

    /** @return the {@link #form()}'s builder, to add fields to it (e.g. {@link BudgetCheck#fields}) */
    public static FormSchema.Builder formBuilder() {
        return FormSchema.builder(KEY).title("Purchase requisition")
                .select("vendor", f -> f.label("Vendor").required().optionsFrom(VENDORS, null))
                .text("currency", f -> f.label("Currency").required().pattern("[A-Z]{3}"))
                .select("costCentre", f -> f.label("Cost centre").optionsFrom(COST_CENTRES, null))
                .table("lines", t -> t.label("Lines").required().min(1).max(200)
                        .text("item", f -> f.label("Item").required().maxLength(140))
                        .number("quantity", f -> f.label("Quantity").required().scale(3).min("0.001"))
                        .number("unitPrice", f -> f.label("Unit price").required().scale(2).min("0")));
    }

    /** @return the process with the initiator's manager approving and the role {@code purchasing} receiving */
    public static ProcessDefinition definition() {
        return definition(ApproverRule.manager(1), ApproverRule.role("purchasing"));
    }

    /**
     * @param approvers who approve the requisition before it is ordered
     * @param receivers who confirm the goods arrived
     * @return start → approve → order (the ERP) → receipt → approved
     */
    public static ProcessDefinition definition(ApproverRule approvers, ApproverRule receivers) {
        return ProcessDefinition.builder(KEY).name("Purchase requisition").form(form())
                .start("start")
                .approval("approve", a -> a.name("Approve the purchase").approver(approvers))
                .service(ORDER_NODE, ORDER_HANDLER, null)
                .approval("receipt", a -> a.name("Confirm the goods arrived").approver(receivers))
                .end("approved")
                .chain("start", "approve", ORDER_NODE, "receipt", "approved")
                .build();
    }
}

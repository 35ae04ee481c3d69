package dev.oakit.erp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Map;

/**
 * Budget availability as a condition in an approval route (预算校验): a service node asks the ERP whether
 * the cost centre's budget covers the amount, within a timeout, and an exclusive node after it routes on
 * the answer — {@link #ENOUGH}, {@link #NOT_ENOUGH}, or the declared fallback route when the ERP did not
 * answer in time, failed, or its circuit is open ({@link #NO_ANSWER}). The call runs outside any
 * database transaction; the answer and its reason are written to the form ({@link #FIELD},
 * {@link #AVAILABLE_FIELD}, {@link #REASON_FIELD}) and the instance's timeline.
 *
 * <p>The bridge's connector must implement {@link dev.oakit.erp.spi.BudgetSource} ({@code OdooConnector} and {@code ErpNextConnector} do).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BudgetCheck {
    /** The service task handler of the check node. */
    public static final String HANDLER = "erp.budget-check";
    /** The form field the answer goes to: {@link #ENOUGH}, {@link #NOT_ENOUGH} or {@link #NO_ANSWER}. */
    public static final String FIELD = "budget";
    /** The form field what is left of the budget goes to (a decimal as text; absent without an answer). */
    public static final String AVAILABLE_FIELD = "budgetAvailable";
    /** The form field the reason of the answer goes to. */
    public static final String REASON_FIELD = "budgetReason";
    /** The budget covers the amount. */
    public static final String ENOUGH = "ENOUGH";
    /** The budget does not cover the amount, or there is no budget for the cost centre. */
    public static final String NOT_ENOUGH = "NOT_ENOUGH";
    /** The ERP did not answer within the timeout, failed, or its circuit is open: the fallback route. */
    public static final String NO_ANSWER = "NO_ANSWER";
    /** The timeout of the check when the node's params give none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private BudgetCheck() {
    }

    /**
     * Adds the form fields the check writes (text, hidden from the initiator by {@link #startFields()}).
     *
     * @return the builder
     */
    public static FormSchema.Builder fields(FormSchema.Builder form) {
        return form.text(FIELD, f -> f.label("Budget").maxLength(20))
                .text(AVAILABLE_FIELD, f -> f.label("Budget available").maxLength(40))
                .text(REASON_FIELD, f -> f.label("Budget check").maxLength(2000));
    }

    /** @return the start node's access to the check's fields: read only, the check fills them */
    public static Map<String, FieldAccess> startFields() {
        return Map.of(FIELD, FieldAccess.READ_ONLY, AVAILABLE_FIELD, FieldAccess.READ_ONLY, REASON_FIELD, FieldAccess.READ_ONLY);
    }

    /**
     * Adds the check: service node {@code id} and exclusive node {@code id + "-route"} with its three
     * routes; add a route into {@code id} yourself.
     *
     * @param costCentreField the form field with the cost centre
     * @param amountField the form field with the amount (a number), or null for the sum of
     *     {@code lines[].quantity × lines[].unitPrice}
     * @param timeout how long the ERP may take to answer before the fallback route is taken
     * @param enough the node when the budget covers the amount
     * @param notEnough the node when it does not
     * @param fallback the node when the ERP did not answer
     * @return the builder
     */
    public static ProcessDefinitionBuilder addTo(ProcessDefinitionBuilder b, String id, String costCentreField, String amountField,
                                                 Duration timeout, String enough, String notEnough, String fallback) {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("costCentreField", costCentreField).put("timeout", timeout.toString());
        if (amountField != null) {
            params.put("amountField", amountField);
        }
        String route = id + "-route";
        return b.node(new Node.Service(id, "Budget check", HANDLER, params, 1)).exclusive(route)
                .route(id, route)
                .when(route, enough, "form." + FIELD + " == '" + ENOUGH + "'")
                .when(route, notEnough, "form." + FIELD + " == '" + NOT_ENOUGH + "'")
                .otherwise(route, fallback);
    }

    /**
     * The purchase requisition with its budget checked first (key {@code purchase-requisition-budget}):
     * enough → the manager approves, then the order; not enough → rejected; no answer → the role
     * {@code finance} checks the budget by hand, then the manager approves.
     *
     * @return start → budget → (approve | rejected | finance → approve) → order → receipt → approved
     */
    public static ProcessDefinition requisition() {
        return requisition(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long the ERP may take to answer the budget check
     * @return the {@link #requisition()} with that timeout
     */
    public static ProcessDefinition requisition(Duration timeout) {
        return addTo(ProcessDefinition.builder(PurchaseRequisition.KEY + "-budget").name("Purchase requisition (budget checked)")
                        .form(fields(PurchaseRequisition.formBuilder()).build())
                        .start("start", startFields()),
                "budget", "costCentre", null, timeout, "approve", "over-budget", "finance")
                .approval("finance", a -> a.name("Check the budget by hand").approver(ApproverRule.role("finance")))
                .approval("approve", a -> a.name("Approve the purchase").approver(ApproverRule.manager(1)))
                .service(PurchaseRequisition.ORDER_NODE, PurchaseRequisition.ORDER_HANDLER, null)
                .approval("receipt", a -> a.name("Confirm the goods arrived").approver(ApproverRule.role("purchasing")))
                .end("approved")
                .node(new Node.End("over-budget", "Over budget", Node.Outcome.REJECTED))
                .route("start", "budget").route("finance", "approve")
                .chain("approve", PurchaseRequisition.ORDER_NODE, "receipt", "approved")
                .build();
    }
}

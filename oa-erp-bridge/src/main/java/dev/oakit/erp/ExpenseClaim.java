package dev.oakit.erp;

import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import org.apiguardian.api.API;

/**
 * The expense claim process the bridge ships (报销 → 凭证): the claimant lists what was spent; the
 * approvers decide; the service node {@link #POST_NODE} posts exactly one journal entry in the ERP
 * (each line debits the expense account on the cost centre, the total credits the payable account) and
 * its number and link are written back to the instance's timeline.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ExpenseClaim {
    /** The process key. */
    public static final String KEY = "expense-claim";
    /** The service node that posts the journal entry. */
    public static final String POST_NODE = "post";
    /** The service task handler the post node runs. */
    public static final String POST_HANDLER = "erp.journal-entry";

    private ExpenseClaim() {
    }

    /** @return the form: expense and payable accounts, cost centre, lines of description and amount */
    public static FormSchema form() {
        return FormSchema.builder(KEY).title("Expense claim")
                .text("expenseAccount", f -> f.label("Expense account").required().maxLength(140))
                .text("payableAccount", f -> f.label("Payable account").required().maxLength(140))
                .text("costCentre", f -> f.label("Cost centre").maxLength(140))
                .table("lines", t -> t.label("Expenses").required().min(1).max(200)
                        .text("description", f -> f.label("Description").required().maxLength(140))
                        .number("amount", f -> f.label("Amount").required().scale(2).min("0.01")))
                .build();
    }

    /** @return the process with the claimant's manager and then the role {@code finance} approving */
    public static ProcessDefinition definition() {
        return definition(ApproverRule.manager(1), ApproverRule.role("finance"));
    }

    /**
     * @param approvers who approve the claim first
     * @param finance who check it before it is posted
     * @return start → approve → finance → post (the ERP) → approved
     */
    public static ProcessDefinition definition(ApproverRule approvers, ApproverRule finance) {
        return ProcessDefinition.builder(KEY).name("Expense claim").form(form())
                .start("start")
                .approval("approve", a -> a.name("Approve the claim").approver(approvers))
                .approval("finance", a -> a.name("Finance check").approver(finance))
                .service(POST_NODE, POST_HANDLER, null)
                .end("approved")
                .chain("start", "approve", "finance", POST_NODE, "approved")
                .build();
    }
}

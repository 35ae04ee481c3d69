package dev.oakit.crm;

import org.apiguardian.api.API;

/**
 * The notification templates of the CRM bridge (English and Chinese are shipped; a host may deploy its
 * own under the same keys). A user's notification preferences for these keys choose their channels.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CrmTemplateKeys {
    private CrmTemplateKeys() {
    }

    /**
     * A deal was approved or rejected and the decision is in the CRM; to the CRM user who asked (the OAKit user
     * with that e-mail). Variables: {@code title}, {@code outcome}, {@code comment}, {@code crm}.
     */
    public static final String DEAL_DECIDED = "crm.deal.decided";
    /**
     * A deal changed in the CRM before the decision was written (re-evaluated or flagged); to the CRM user who
     * asked. Variables: {@code title}, {@code reason}, {@code crm}.
     */
    public static final String DEAL_CHANGED = "crm.deal.changed";
    /**
     * A CRM case was escalated (marked escalated, or its priority raised); to its ticket's assignee and its queue's
     * dispatchers, once per escalation. Variables: {@code case}, {@code subject}, {@code ticket}, {@code queue},
     * {@code why}, {@code crm}.
     */
    public static final String CASE_ESCALATED = "crm.case.escalated";
}

package dev.oakit.crm;

import org.apiguardian.api.API;

/**
 * Where one round of a deal approval stands (one version of the CRM record):
 *
 * <table>
 *   <caption>Statuses</caption>
 *   <tr><th>status</th><th>meaning</th><th>next</th></tr>
 *   <tr><td>{@link #IN_APPROVAL}</td><td>the instance runs</td><td>DECIDING, WITHDRAWN, REEVALUATED</td></tr>
 *   <tr><td>{@link #DECIDING}</td><td>decided; the decision is being written to the CRM</td><td>WRITTEN, REEVALUATED, FLAGGED,
 *       WITHDRAWN, WRITE_FAILED</td></tr>
 *   <tr><td>{@link #WRITTEN}</td><td>the CRM record holds the decision</td><td>final</td></tr>
 *   <tr><td>{@link #WITHDRAWN}</td><td>withdrawn in the CRM; the instance was cancelled</td><td>final</td></tr>
 *   <tr><td>{@link #REEVALUATED}</td><td>the record changed in the CRM; a new round approves its new version</td><td>final</td></tr>
 *   <tr><td>{@link #FLAGGED}</td><td>the record changed in the CRM; the decision was not written and waits for a person</td><td>final</td></tr>
 *   <tr><td>{@link #WRITE_FAILED}</td><td>the CRM refused the decision for another reason (a dead letter to replay)</td><td>final</td></tr>
 * </table>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DealStatus {
    /** The approval runs. */
    IN_APPROVAL,
    /** Decided; the decision is being written. */
    DECIDING,
    /** Written to the CRM. */
    WRITTEN,
    /** Withdrawn in the CRM. */
    WITHDRAWN,
    /** Superseded by a round of the record's new version. */
    REEVALUATED,
    /** Not written: the record changed; a person decides what to do. */
    FLAGGED,
    /** Refused by the CRM for another reason. */
    WRITE_FAILED;

    /** @return true while the round is not final */
    public boolean open() {
        return this == IN_APPROVAL || this == DECIDING;
    }
}

package dev.oakit.crm.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.Decision;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteMetadata;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * A connector to a CRM that the bridge's flows read from and write to, on oa-integration's machinery:
 * every write is a {@link dev.oakit.integration.spi.RemoteCreate} (so it is sent once, looked up by
 * OAKit's key after an unsure outcome), every incremental read a {@link dev.oakit.integration.spi.ChangeFeed},
 * the schema {@link RemoteMetadata}. What a CRM connector offers, under fixed names:
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>name</th><th>kind</th><th>payload / record</th><th>key</th></tr>
 *   <tr><td>{@link #CONTACT_UPSERT}</td><td>create</td><td>{@link CrmContact}</td><td>the contact's {@link CrmContact#key()},
 *       the CRM's external id: an upsert, never a second contact</td></tr>
 *   <tr><td>{@link #CASE_UPDATE}</td><td>create</td><td>{@link CaseUpdate}</td><td>{@link #caseUpdateKey}; a public reply
 *       carries it so that it is found again</td></tr>
 *   <tr><td>{@link #DECISION}</td><td>create</td><td>{@link Decision}</td><td>{@link #decisionKey}; refused with
 *       {@link RecordChangedException} when the record changed since the request</td></tr>
 *   <tr><td>{@link #ACCOUNTS}, {@link #CONTACTS}, {@link #CASES}</td><td>feed</td><td>{@link CrmRecords}</td><td></td></tr>
 *   <tr><td>{@link #CASE_COMMENTS}</td><td>feed</td><td>{@link dev.oakit.crm.CaseComment}; created by {@link #CASE_UPDATE}, so
 *       OAKit's own replies are echoes</td><td></td></tr>
 *   <tr><td>{@link #DISCOUNT_REQUESTS}, {@link #CONTRACT_REQUESTS}</td><td>feed</td><td>{@link ApprovalRequest}
 *       (withdrawn ones too)</td><td></td></tr>
 * </table>
 *
 * A feed's {@link dev.oakit.integration.spi.RemoteRecord#payload()} is the CRM-neutral record as JSON;
 * {@link CrmRecords} reads it back. A connector offers the operations and feeds its CRM has; the flows
 * that need a missing one say so at start. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CrmConnector extends Connector, RemoteMetadata {
    /** The create operation that upserts a contact by OAKit's key (payload {@link CrmContact}). */
    String CONTACT_UPSERT = "contact-upsert";
    /** The create operation that writes a case's status, a public reply or its resolution (payload {@link CaseUpdate}). */
    String CASE_UPDATE = "case-update";
    /** The create operation that writes a decision back to the record under approval (payload {@link Decision}). */
    String DECISION = "decision";

    /** The feed of accounts ({@link dev.oakit.crm.CrmAccount}). */
    String ACCOUNTS = "account";
    /** The feed of contacts ({@link CrmContact}). */
    String CONTACTS = "contact";
    /** The feed of cases ({@link CrmCase}). */
    String CASES = "case";
    /** The feed of public comments on cases ({@link dev.oakit.crm.CaseComment}); OAKit's own replies carry their key. */
    String CASE_COMMENTS = "case-comment";
    /** The feed of quotes sent for discount approval ({@link ApprovalRequest} of {@link ApprovalRequest.Kind#DISCOUNT}). */
    String DISCOUNT_REQUESTS = "discount-request";
    /** The feed of contracts sent for approval ({@link ApprovalRequest} of {@link ApprovalRequest.Kind#CONTRACT}). */
    String CONTRACT_REQUESTS = "contract-request";

    /** @return the CRM's name for people, e.g. {@code Salesforce} */
    String systemName();

    /**
     * Reads a case now (outside any transaction).
     *
     * @param caseId the CRM's id of the case
     * @return the case, or empty when the CRM has none with that id
     * @throws RemoteCallException classified
     */
    Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException;

    /**
     * Reads a record under approval now (outside any transaction): its status and its current version,
     * to tell whether it changed since the request.
     *
     * @param kind which kind of record
     * @param id the CRM's id of the quote or contract
     * @return the request as the record stands, or empty when the CRM has no such record
     * @throws RemoteCallException classified
     */
    Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException;

    /**
     * The records a webhook of this CRM names as changed, to be read now through their feeds
     * ({@link dev.oakit.integration.spi.ChangeFeed#read}): Odoo's "Send Webhook Notification" names a model and an id.
     * The default names none: the CRM sends no such webhooks, and the bridge pulls.
     *
     * @param body the webhook's JSON body; never null
     * @return the feeds and the record's id in each to read (several when the body does not tell which feed the record
     *     is in; each feed reads only its own); empty when it names no record of a feed the bridge reads
     * @throws IllegalArgumentException when the body is no webhook of this CRM, with what is missing
     * @since 0.1
     */
    default List<Notice> webhookNotices(JsonNode body) {
        return List.of();
    }

    /**
     * A record a webhook names: a feed of the connector, the CRM's id of the record and, when the body tells, the version
     * the record has at least after the change (the CRM may post before it commits: the record is read until it is).
     *
     * @param feed the feed's entity type, e.g. {@link #CONTACTS}
     * @param recordId the CRM's id of the record
     * @param atLeast the record's version after the change, in the feed's unit; null when the body does not say
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    record Notice(String feed, String recordId, Long atLeast) {
    }

    /** @return the feed's entity type of a kind of request */
    static String feedOf(ApprovalRequest.Kind kind) {
        return kind == ApprovalRequest.Kind.DISCOUNT ? DISCOUNT_REQUESTS : CONTRACT_REQUESTS;
    }

    /**
     * @param caseId the CRM's id of the case
     * @param changeId OAKit's id of the change (a ticket's reply, its status change), unique for the case
     * @return the key of a case update: a connector finds the update again from it alone
     */
    static String caseUpdateKey(String caseId, String changeId) {
        return caseId + ":" + changeId;
    }

    /** @return the key of the decision written back for the request of that version: one decision per request version */
    static String decisionKey(String requestId, long requestVersion) {
        return requestId + "@" + requestVersion;
    }
}

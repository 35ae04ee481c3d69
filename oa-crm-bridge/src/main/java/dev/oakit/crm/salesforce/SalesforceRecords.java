package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CaseComment;
import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Salesforce records (Account, Contact, Case, CaseComment, Quote, Contract) as the bridge's CRM-neutral records. Pure functions but {@link #comments}. */
final class SalesforceRecords {
    static final String ACCOUNT_FIELDS = "Id, Name, AccountNumber, Phone, Website, SystemModstamp";
    static final String CONTACT_FIELDS = "Id, AccountId, FirstName, LastName, Email, Phone, SystemModstamp";
    static final String CASE_FIELDS = "Id, CaseNumber, AccountId, ContactId, Subject, Description, Type, Priority, Status, IsEscalated, SystemModstamp";
    static final String COMMENT_FIELDS = "Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedDate, SystemModstamp";
    static final String QUOTE_FIELDS = "Id, Name, AccountId, GrandTotal, Discount, OAKit_Approval_Status__c, OAKit_Requested_By__c, "
            + "OAKit_Decision_Key__c, LastModifiedDate, SystemModstamp";
    static final String CONTRACT_FIELDS = "Id, ContractNumber, AccountId, OAKit_Amount__c, OAKit_Approval_Status__c, OAKit_Requested_By__c, "
            + "OAKit_Decision_Key__c, LastModifiedDate, SystemModstamp";
    /** Salesforce's key prefixes of the records under approval. */
    static final String QUOTE_PREFIX = "0Q0";
    static final String CONTRACT_PREFIX = "800";

    private static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private SalesforceRecords() {
    }

    /** @return a datetime as Salesforce writes it ({@code 2026-12-07T08:00:00.000+0000}) in epoch milliseconds */
    static long millis(JsonNode datetime) {
        return OffsetDateTime.parse(datetime.asText(), SF_DATETIME).toInstant().toEpochMilli();
    }

    static CrmAccount account(JsonNode r) {
        return new CrmAccount(r.path("Id").asText(), r.path("Name").asText(), text(r, "AccountNumber"), text(r, "Phone"), text(r, "Website"),
                millis(r.path("SystemModstamp")));
    }

    static CrmContact contact(JsonNode r, String keyField) {
        return new CrmContact(r.path("Id").asText(), text(r, keyField), text(r, "AccountId"), text(r, "FirstName"), r.path("LastName").asText(),
                text(r, "Email"), text(r, "Phone"), millis(r.path("SystemModstamp")));
    }

    static CrmCase caseOf(JsonNode r) {
        String subject = text(r, "Subject");
        return new CrmCase(r.path("Id").asText(), text(r, "CaseNumber"), text(r, "AccountId"), text(r, "ContactId"),
                subject == null || subject.isBlank() ? "(no subject)" : subject, text(r, "Description"), text(r, "Type"), text(r, "Priority"),
                r.path("Status").asText("New"), millis(r.path("SystemModstamp")),
                r.path("IsEscalated").asBoolean(false) || "Escalated".equalsIgnoreCase(text(r, "Status")));
    }

    /**
     * Reads case comments with their authors: one query of {@code User} for the page's {@code CreatedById}s. A comment
     * without text gets no record.
     *
     * @param rows CaseComment rows with {@link #COMMENT_FIELDS}
     */
    static List<Record> comments(SalesforceHttp http, CallContext call, List<JsonNode> rows) throws RemoteCallException {
        Set<String> authors = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (text(r, "CreatedById") != null) {
                authors.add(text(r, "CreatedById"));
            }
        });
        Map<String, JsonNode> users = new HashMap<>();
        if (!authors.isEmpty()) {
            String ids = authors.stream().map(id -> "'" + id.replace("\\", "").replace("'", "") + "'").collect(Collectors.joining(", "));
            String path = SalesforceHttp.query("SELECT Id, Name, Email FROM User WHERE Id IN (" + ids + ")");
            while (path != null) {
                JsonNode page = http.get(call, path);
                page.path("records").forEach(u -> users.put(u.path("Id").asText(), u));
                path = http.nextPage(page);
            }
        }
        List<Record> out = new ArrayList<>();
        for (JsonNode r : rows) {
            String body = text(r, "CommentBody");
            JsonNode author = users.get(r.path("CreatedById").asText());
            out.add(body == null || body.isBlank() ? null : new CaseComment(r.path("Id").asText(), r.path("ParentId").asText(),
                    body.length() > 20_000 ? body.substring(0, 20_000) : body, author == null ? null : text(author, "Name"),
                    author == null ? null : text(author, "Email"), millis(r.path("SystemModstamp"))));
        }
        return out;
    }

    /** @return a Quote or Contract under approval; its version is its {@code LastModifiedDate}, what {@code If-Unmodified-Since} compares */
    static ApprovalRequest request(JsonNode r) {
        boolean quote = r.path("Id").asText().startsWith(QUOTE_PREFIX);
        String title = quote ? r.path("Name").asText() : "Contract " + r.path("ContractNumber").asText();
        BigDecimal amount = decimal(r, quote ? "GrandTotal" : "OAKit_Amount__c");
        return new ApprovalRequest(r.path("Id").asText(), quote ? ApprovalRequest.Kind.DISCOUNT : ApprovalRequest.Kind.CONTRACT,
                text(r, "AccountId"), title, amount, null, quote ? decimal(r, "Discount") : null, text(r, "OAKit_Requested_By__c"),
                status(text(r, "OAKit_Approval_Status__c")), millis(r.path("LastModifiedDate")));
    }

    static ApprovalRequest.Status status(String picklist) {
        if (picklist == null) {
            return ApprovalRequest.Status.WITHDRAWN;
        }
        return switch (picklist) {
            case "Approved" -> ApprovalRequest.Status.APPROVED;
            case "Rejected" -> ApprovalRequest.Status.REJECTED;
            case "Withdrawn", "Recalled" -> ApprovalRequest.Status.WITHDRAWN;
            default -> ApprovalRequest.Status.REQUESTED;
        };
    }

    static String text(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isNumber() ? v.decimalValue() : null;
    }
}

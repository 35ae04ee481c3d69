package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.Decision;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.RecordChangedException;
import dev.oakit.integration.mapping.FieldType;
import dev.oakit.integration.spi.AbstractRemoteCreate;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteField;
import org.apiguardian.api.API;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference connector for Salesforce, on the REST API (46.0 or later) with an OAuth 2.0 connected app.
 *
 * <ul>
 *   <li>{@link #CONTACT_UPSERT}: {@code PATCH /sobjects/Contact/<contactKeyField>/<key>}, an upsert by OAKit's key: a
 *       replayed or repeated call updates the one contact instead of creating a second. When two contacts carry the
 *       key (a 300 answer) the write fails for good, naming both ids.</li>
 *   <li>{@link #CASE_UPDATE}: one composite request with {@code allOrNone}: the Case's {@code Status} and resolution
 *       field, and a public {@code CaseComment} whose text ends with {@code [ref: <key>]}, by which it is found again
 *       (case comments have no custom fields). The key is {@link CrmConnector#caseUpdateKey}.</li>
 *   <li>{@link #DECISION}: the Quote ({@code 0Q0…}) or Contract ({@code 800…}) gets {@code OAKit_Approval_Status__c},
 *       {@code OAKit_Approval_Comment__c} and {@code OAKit_Decision_Key__c}, sent with {@code If-Unmodified-Since} the
 *       request's version, after a read that compares the version to the millisecond: a record changed since the
 *       request fails with {@link RecordChangedException}.</li>
 *   <li>Feeds: Account, Contact, Case, the published CaseComments (their authors' name and e-mail from {@code User}, one
 *       query per page; OAKit's own recognised by their {@code [ref: <key>]}), and the Quotes and Contracts whose
 *       {@code OAKit_Approval_Status__c} is set, by SOQL on {@code SystemModstamp}; metadata from {@code describe}.</li>
 * </ul>
 *
 * Failures: 401 {@code INVALID_SESSION_ID} gets a new token once; {@code UNABLE_TO_LOCK_ROW} is retryable;
 * {@code REQUEST_LIMIT_EXCEEDED} for the daily limit stops calls for {@link SalesforceConfig#dailyLimitWait()}, as
 * does a {@code Sforce-Limit-Info} usage at the limit. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SalesforceConnector implements CrmConnector {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SalesforceConfig config;
    private final SalesforceHttp http;

    /** A connector with its own HTTP client (HTTP/1.1, 10 s to connect) and the UTC system clock. */
    public SalesforceConnector(SalesforceConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    /** A connector over a given client and clock (the clock times the daily-limit wait). */
    public SalesforceConnector(SalesforceConfig config, HttpClient client, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new SalesforceHttp(config, Objects.requireNonNull(client, "client"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String id() {
        return config.target();
    }

    @Override
    public String systemName() {
        return "Salesforce";
    }

    /** @return the org's API usage as the last answer's {@code Sforce-Limit-Info} told it: {used, max}; {-1, -1} before any */
    public long[] apiUsage() {
        return http.usage();
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(new ContactUpsert(), new CaseWrite(), new DecisionWrite());
    }

    @Override
    public List<ChangeFeed> feeds() {
        String approval = "OAKit_Approval_Status__c != null";
        String key = config.contactKeyField();
        return List.of(
                new SalesforceFeed(http, ACCOUNTS, "Account", SalesforceRecords.ACCOUNT_FIELDS, null, null, null,
                        SalesforceFeed.Page.each(SalesforceRecords::account)),
                new SalesforceFeed(http, CONTACTS, "Contact", SalesforceRecords.CONTACT_FIELDS + ", " + key, null, r -> SalesforceRecords.text(r, key),
                        CONTACT_UPSERT, SalesforceFeed.Page.each(r -> SalesforceRecords.contact(r, key))),
                new SalesforceFeed(http, CASES, "Case", SalesforceRecords.CASE_FIELDS, null, null, null, SalesforceFeed.Page.each(SalesforceRecords::caseOf)),
                // published comments only: private ones are the CRM users' internal notes; OAKit's own replies end with their key
                new SalesforceFeed(http, CASE_COMMENTS, "CaseComment", SalesforceRecords.COMMENT_FIELDS, "IsPublished = true",
                        r -> keyOf(SalesforceRecords.text(r, "CommentBody")), CASE_UPDATE, (call, rows) -> SalesforceRecords.comments(http, call, rows)),
                new SalesforceFeed(http, DISCOUNT_REQUESTS, "Quote", SalesforceRecords.QUOTE_FIELDS, approval, null, null,
                        SalesforceFeed.Page.each(SalesforceRecords::request)),
                new SalesforceFeed(http, CONTRACT_REQUESTS, "Contract", SalesforceRecords.CONTRACT_FIELDS, approval, null, null,
                        SalesforceFeed.Page.each(SalesforceRecords::request)));
    }

    /** @return OAKit's key at the end of a case comment that {@link CaseWrite} wrote ({@code …[ref: <key>]}), else null */
    static String keyOf(String commentBody) {
        if (commentBody == null) {
            return null;
        }
        String body = commentBody.stripTrailing();
        int at = body.lastIndexOf("[ref: ");
        return at < 0 || !body.endsWith("]") ? null : body.substring(at + "[ref: ".length(), body.length() - 1);
    }

    @Override
    public Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException {
        return read(call, "Case", caseId, SalesforceRecords.CASE_FIELDS).map(SalesforceRecords::caseOf);
    }

    @Override
    public Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException {
        boolean quote = kind == ApprovalRequest.Kind.DISCOUNT;
        return read(call, quote ? "Quote" : "Contract", id, quote ? SalesforceRecords.QUOTE_FIELDS : SalesforceRecords.CONTRACT_FIELDS)
                .map(SalesforceRecords::request);
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        JsonNode d;
        try {
            d = http.get(call, "/sobjects/" + SalesforceHttp.segment(entity) + "/describe");
        } catch (RemoteCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        List<RemoteField> fields = new ArrayList<>();
        for (JsonNode f : d.path("fields")) {
            String type = f.path("type").asText();
            boolean required = !f.path("nillable").asBoolean(true) && f.path("createable").asBoolean(false);
            fields.add(new RemoteField(f.path("name").asText(), fieldType(type), type, required, f.path("label").asText(null)));
        }
        return Optional.of(RemoteEntity.of(entity, fields));
    }

    /** @return the mapping type of a Salesforce field type ({@code describe}'s {@code type}); null for those no mapping writes */
    static FieldType fieldType(String type) {
        return switch (type) {
            case "id", "reference", "string", "textarea", "picklist", "multipicklist", "email", "phone", "url", "combobox" -> FieldType.STRING;
            case "int" -> FieldType.INTEGER;
            case "double", "currency", "percent" -> FieldType.DECIMAL;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            case "datetime" -> FieldType.DATETIME;
            default -> null;
        };
    }

    private Optional<JsonNode> read(CallContext call, String sObject, String id, String fields) throws RemoteCallException {
        try {
            return Optional.of(http.get(call, "/sobjects/" + sObject + "/" + SalesforceHttp.segment(id) + "?fields=" + fields.replace(" ", "")));
        } catch (RemoteCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private RemoteCallException duplicates(String what, String key, JsonNode urls) {
        List<String> ids = new ArrayList<>();
        urls.forEach(u -> ids.add(u.asText().substring(u.asText().lastIndexOf('/') + 1)));
        return new RemoteCallException(RemoteCallException.Kind.PERMANENT, config.target() + ": " + what + " '" + key + "' is on " + ids.size()
                + " records in Salesforce: " + String.join(", ", ids) + "; merge them in Salesforce so that one keeps the key, then replay the write",
                300, urls.toString(), null, null);
    }

    private final class ContactUpsert extends AbstractRemoteCreate<CrmContact> {
        ContactUpsert() {
            super(CONTACT_UPSERT, CrmContact.class);
        }

        private String path(String key) throws RemoteCallException {
            if (key.contains("/")) {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": contact key '" + key
                        + "' contains '/', which a Salesforce external id in a URL cannot; use keys without '/'");
            }
            return "/sobjects/Contact/" + config.contactKeyField() + "/" + SalesforceHttp.segment(key);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            JsonNode r;
            try {
                r = http.get(call, path(key) + "?fields=Id");
            } catch (RemoteCallException e) {
                if (e.status() != null && e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
            if (r.isArray()) {
                throw duplicates("Contact." + config.contactKeyField(), key, r);
            }
            return Optional.of(r.path("Id").asText());
        }

        @Override
        public String create(CallContext call, String key, CrmContact c) throws RemoteCallException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("LastName", c.lastName());
            body.put("FirstName", c.firstName());
            body.put("Email", c.email());
            body.put("Phone", c.phone());
            if (c.accountId() != null) {
                body.put("AccountId", c.accountId());
            }
            JsonNode r = http.send(call, "PATCH", path(key), body, Map.of());
            if (r.isArray()) {
                throw duplicates("Contact." + config.contactKeyField(), key, r);
            }
            String id = r.path("id").asText(null);
            // before API 46.0 an update answers 204 without a body: look the contact up
            return id != null ? id : find(call, key).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS,
                    config.target() + ": the contact just upserted with key '" + key + "' is not found"));
        }
    }

    private final class CaseWrite extends AbstractRemoteCreate<CaseUpdate> {
        CaseWrite() {
            super(CASE_UPDATE, CaseUpdate.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            String caseId = key.substring(0, Math.max(0, key.indexOf(':')));
            if (caseId.isEmpty()) {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": case update key '" + key
                        + "' is not CrmConnector.caseUpdateKey(caseId, changeId)");
            }
            String path = SalesforceHttp.query("SELECT Id, CommentBody FROM CaseComment WHERE ParentId = '" + caseId.replace("'", "\\'") + "'");
            while (path != null) {
                JsonNode page = http.get(call, path);
                for (JsonNode c : page.path("records")) {
                    if (c.path("CommentBody").asText().endsWith(marker(key))) {
                        return Optional.of(c.path("Id").asText());
                    }
                }
                path = http.nextPage(page);
            }
            // a status or resolution alone is not looked for: writing it again changes nothing
            return Optional.empty();
        }

        @Override
        public String create(CallContext call, String key, CaseUpdate u) throws RemoteCallException {
            String base = config.dataPath();
            List<Map<String, Object>> items = new ArrayList<>();
            Map<String, Object> fields = new LinkedHashMap<>();
            if (u.status() != null) {
                fields.put("Status", u.status());
            }
            if (u.resolution() != null) {
                fields.put(config.resolutionField(), u.resolution());
            }
            if (!fields.isEmpty()) {
                items.add(Map.of("method", "PATCH", "url", base + "/sobjects/Case/" + SalesforceHttp.segment(u.caseId()), "referenceId", "case",
                        "body", fields));
            }
            if (u.publicReply() != null) {
                items.add(Map.of("method", "POST", "url", base + "/sobjects/CaseComment", "referenceId", "reply", "body",
                        Map.of("ParentId", u.caseId(), "IsPublished", true, "CommentBody", u.publicReply() + "\n\n" + marker(key))));
            }
            JsonNode answers = http.send(call, "POST", "/composite", Map.of("allOrNone", true, "compositeRequest", items), Map.of())
                    .path("compositeResponse");
            for (JsonNode a : answers) {
                int status = a.path("httpStatusCode").asInt();
                if (status >= 400) {
                    String code = a.path("body").path(0).path("errorCode").asText();
                    if (code.equals("PROCESSING_HALTED")) {
                        continue;
                    }
                    RemoteCallException.Kind kind = code.equals("UNABLE_TO_LOCK_ROW") ? RemoteCallException.Kind.RETRYABLE
                            : RemoteCallException.Kind.PERMANENT;
                    throw new RemoteCallException(kind, config.target() + ": case " + u.caseId() + " refused the update (" + a.path("referenceId")
                            .asText() + "): " + code + " " + a.path("body").path(0).path("message").asText(), status, a.path("body").toString(), null, null);
                }
            }
            for (JsonNode a : answers) {
                if (a.path("referenceId").asText().equals("reply")) {
                    return a.path("body").path("id").asText();
                }
            }
            return u.caseId();
        }

        private static String marker(String key) {
            return "[ref: " + key + "]"; // keyOf reads it back
        }
    }

    private final class DecisionWrite extends AbstractRemoteCreate<Decision> {
        DecisionWrite() {
            super(DECISION, Decision.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            String id = key.substring(0, Math.max(0, key.lastIndexOf('@')));
            Optional<JsonNode> r = read(call, sObjectOf(id), id, "Id, OAKit_Decision_Key__c");
            return r.filter(n -> key.equals(SalesforceRecords.text(n, "OAKit_Decision_Key__c"))).map(n -> n.path("Id").asText());
        }

        @Override
        public String create(CallContext call, String key, Decision d) throws RemoteCallException {
            String sObject = sObjectOf(d.requestId());
            JsonNode now = read(call, sObject, d.requestId(), "Id, OAKit_Decision_Key__c, LastModifiedDate").orElseThrow(() ->
                    RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": " + sObject + " " + d.requestId()
                            + " no longer exists in Salesforce; the decision has nowhere to go"));
            if (key.equals(SalesforceRecords.text(now, "OAKit_Decision_Key__c"))) {
                return d.requestId();
            }
            if (SalesforceRecords.millis(now.path("LastModifiedDate")) != d.requestVersion()) {
                throw new RecordChangedException(config.target(), d.requestId(), d.requestVersion(), null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            String outcome = d.outcome() == Decision.Outcome.APPROVED ? "Approved" : "Rejected";
            body.put("OAKit_Approval_Status__c", outcome);
            body.put("OAKit_Approval_Comment__c", d.comment());
            body.put("OAKit_Decision_Key__c", key);
            if (sObject.equals("Quote")) {
                body.put("Status", outcome);
            }
            try {
                http.send(call, "PATCH", "/sobjects/" + sObject + "/" + SalesforceHttp.segment(d.requestId()), body,
                        Map.of("If-Unmodified-Since", HTTP_DATE.format(Instant.ofEpochMilli(d.requestVersion()))));
            } catch (RemoteCallException e) {
                if (e.status() != null && e.status() == 412) {
                    throw new RecordChangedException(config.target(), d.requestId(), d.requestVersion(), e.remoteError());
                }
                throw e;
            }
            return d.requestId();
        }

        private String sObjectOf(String id) throws RemoteCallException {
            if (id.startsWith(SalesforceRecords.QUOTE_PREFIX)) {
                return "Quote";
            }
            if (id.startsWith(SalesforceRecords.CONTRACT_PREFIX)) {
                return "Contract";
            }
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": '" + id
                    + "' is neither a Quote (0Q0…) nor a Contract (800…) id; a decision goes to the record under approval");
        }
    }
}

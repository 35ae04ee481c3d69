package dev.oakit.fakes.salesforce;

import dev.oakit.fakes.Failure;
import dev.oakit.fakes.FakeBuilder;
import dev.oakit.fakes.FakeServer;
import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake Salesforce org's REST API in the JVM, faithful to the published API where the CRM bridge uses it:
 *
 * <ul>
 *   <li>{@code POST /services/oauth2/token} (grant types {@code client_credentials} and {@code refresh_token}),
 *       then {@code Authorization: Bearer} on every call; an unknown or expired token answers 401
 *       {@code INVALID_SESSION_ID};</li>
 *   <li>{@code /services/data/vXX.X/sobjects/<type>} create, {@code …/<type>/<id>} read ({@code ?fields=}), update
 *       ({@code PATCH}, 204, {@code If-Unmodified-Since} → 412) and delete, {@code …/<type>/describe};</li>
 *   <li>{@code …/sobjects/<type>/<externalIdField>/<value>}: read, and upsert by {@code PATCH}: 201 created, 200
 *       updated with a body from API version 46.0 ({@code "created": false}), 204 without one before; 300 with the
 *       matching records' URLs when the value is on more than one record; 404 for a field that is not an external id;</li>
 *   <li>{@code …/query?q=} SOQL ({@link Soql}) with {@code nextRecordsUrl} paging ({@code Sforce-Query-Options: batchSize}, 200 to
 *       2,000, default 2,000) and {@code …/composite} with {@code allOrNone} and {@code @{ref.id}} references;</li>
 *   <li>{@code Sforce-Limit-Info: api-usage=n/m} on every answer; past the daily limit, 403 {@code REQUEST_LIMIT_EXCEEDED};</li>
 *   <li>errors as Salesforce's JSON array {@code [{"message", "errorCode", "fields"}]}.</li>
 * </ul>
 *
 * Knobs: the ERP fakes' {@link #failures()} (a {@link Failure#RATE_LIMITED} is Salesforce's concurrent-request
 * limit, 403 {@code REQUEST_LIMIT_EXCEEDED}; a {@link Failure#SERVER_ERROR} a 500 {@code UNKNOWN_EXCEPTION}), and
 * {@link #lockRows}, {@link #exhaustDailyLimit}, {@link #duplicateExternalId}, {@link #removeField},
 * {@link #expireSessions}, {@link #commitLag}; {@link #update} changes a record as a CRM user would (under a
 * pending decision, say), {@link #changeAfterNextRead} just after an integration read it. A call's {@link dev.oakit.fakes.Call#target()} is the sObject type, its action one of
 * {@code token create read update upsert delete describe query composite limits}.
 *
 * <p>Thread safe. Close it to stop the server.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FakeSalesforce extends FakeServer {
    final SObjectStore store;
    final String clientId;
    final String clientSecret;
    final String refreshToken;
    final String orgId = "00D5g00000FAKEORG";
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final SalesforceApi api;
    private int dailyLimit;
    private int used;
    private Instant windowStart;
    private int lockedWrites;
    private Map.Entry<String, Map<String, Object>> changeAfterRead;

    private FakeSalesforce(Builder b) {
        super(b.theClock(), (secret, body) -> Map.of()); // Salesforce sends no signed JSON webhooks
        this.store = new SObjectStore(b.theClock());
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.refreshToken = b.refreshToken;
        this.dailyLimit = b.dailyLimit;
        this.api = new SalesforceApi(this);
    }

    /** @return a fake on a free port with the defaults */
    public static FakeSalesforce start() {
        return builder().start();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the connected app's consumer key */
    public String clientId() {
        return clientId;
    }

    /** @return the connected app's consumer secret */
    public String clientSecret() {
        return clientSecret;
    }

    /** @return a refresh token the token endpoint accepts */
    public String refreshToken() {
        return refreshToken;
    }

    /** Revokes every access token issued so far: the next call answers 401 {@code INVALID_SESSION_ID}. */
    public void expireSessions() {
        tokens.clear();
    }

    /** @return the API requests counted in the current 24-hour window */
    public synchronized int apiUsage() {
        return used;
    }

    /** Sets the org's daily API request limit (15,000 unless set). */
    public synchronized FakeSalesforce dailyLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.dailyLimit = max;
        return this;
    }

    /** Uses up the day's API requests: every data call answers 403 {@code REQUEST_LIMIT_EXCEEDED} until {@link #resetDailyLimit()}
     *  or until 24 hours after the window began. */
    public synchronized FakeSalesforce exhaustDailyLimit() {
        if (windowStart == null) {
            windowStart = clock().instant();
        }
        used = dailyLimit;
        return this;
    }

    /** Starts a new 24-hour window with no requests counted. */
    public synchronized FakeSalesforce resetDailyLimit() {
        used = 0;
        windowStart = null;
        return this;
    }

    /** The next {@code writes} writes (create, update, upsert, delete; each item of a composite) fail with 400
     *  {@code UNABLE_TO_LOCK_ROW}, applying nothing, as when another transaction holds the record. */
    public synchronized FakeSalesforce lockRows(int writes) {
        this.lockedWrites = writes;
        return this;
    }

    /**
     * Inserts one more record whose external id field holds {@code value}, as a data load or another
     * integration does when the field is not marked unique: upserts and reads by that value then answer 300.
     *
     * @return the new record's id
     */
    public synchronized String duplicateExternalId(String type, String field, String value, Map<String, Object> fields) {
        SObjectType.Field f = store.type(type).fields.get(field);
        if (f == null || !f.externalId()) {
            throw new IllegalArgumentException(type + "." + field + " is not an external id field");
        }
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put(field, value);
        return store.insert(type, all);
    }

    /** Removes a field from the org, as an admin deleting it: gone from {@code describe}, refused in writes and queries. */
    public synchronized FakeSalesforce removeField(String type, String field) {
        if (store.type(type).fields.remove(field) == null) {
            throw new IllegalArgumentException(type + " has no field " + field);
        }
        return this;
    }

    /** Stamps every later change this much before the clock, as a transaction that commits late does: a pull whose
     *  watermark passed that stamp only sees the change through its overlap window. */
    public synchronized FakeSalesforce commitLag(Duration lag) {
        store.commitLag(Objects.requireNonNull(lag, "lag"));
        return this;
    }

    /**
     * Changes a record right after the API next reads it, as a user saving the record just after an integration
     * looked at it: the race a conditional update ({@code If-Unmodified-Since}) is there to catch.
     */
    public synchronized FakeSalesforce changeAfterNextRead(String type, String id, Map<String, Object> fields) {
        store.type(type);
        changeAfterRead = Map.entry(type + "/" + id, new LinkedHashMap<>(fields));
        return this;
    }

    /** Applies a {@link #changeAfterNextRead} armed for this record. */
    synchronized void afterRead(String type, String id) {
        if (changeAfterRead != null && changeAfterRead.getKey().equals(type + "/" + id)) {
            Map<String, Object> fields = changeAfterRead.getValue();
            changeAfterRead = null;
            store.update(type, id, fields, SObjectStore.ADMIN_USER);
        }
    }

    /** @return the id of a new record, created by the org's admin ({@link #adminUserId}; not counted against the API limit) */
    public synchronized String insert(String type, Map<String, Object> fields) {
        return store.insert(type, new LinkedHashMap<>(fields), SObjectStore.ADMIN_USER);
    }

    /**
     * @param userId the user who creates it: its {@code CreatedById} (a customer's community user commenting on a case, say)
     * @return the id of a new record (not counted against the API limit)
     * @throws IllegalArgumentException when the org has no such user
     */
    public synchronized String insertAs(String userId, String type, Map<String, Object> fields) {
        return store.insert(type, new LinkedHashMap<>(fields), userId);
    }

    /**
     * Creates a user, as an admin does: a community user of a customer has the customer's {@code ContactId}.
     *
     * @param contactId the contact the user is, or null for an employee
     * @return the user's id ({@code 005…})
     */
    public synchronized String user(String firstName, String lastName, String email, String contactId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("FirstName", firstName);
        f.put("LastName", lastName);
        f.put("Email", email);
        f.put("ContactId", contactId);
        f.put("IsActive", true);
        return store.insert("User", f, SObjectStore.ADMIN_USER);
    }

    /** @return the id of the user the API's tokens are for: OAKit's writes carry it as {@code CreatedById} */
    public String integrationUserId() {
        return SObjectStore.INTEGRATION_USER;
    }

    /** @return the id of the admin who makes the knobs' changes ({@link #insert}, {@link #update}) */
    public String adminUserId() {
        return SObjectStore.ADMIN_USER;
    }

    /** Changes a record as a user in Salesforce would (the admin): its {@code LastModifiedDate} and {@code SystemModstamp} move. */
    public synchronized void update(String type, String id, Map<String, Object> fields) {
        store.update(type, id, new LinkedHashMap<>(fields), SObjectStore.ADMIN_USER);
    }

    /** @return the record as the API shows it (every field of the type, datetimes as text), if there is one */
    public synchronized Optional<Map<String, Object>> record(String type, String id) {
        List<String> fields = new ArrayList<>(store.type(type).fields.keySet());
        return store.get(type, id).map(r -> SObjectStore.view(type, "/services/data/v62.0", r, fields));
    }

    /** @return every record of a type as the API shows it, in insertion order */
    public synchronized List<Map<String, Object>> records(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> fields = new ArrayList<>(store.type(type).fields.keySet());
        store.all(type).forEach(r -> out.add(SObjectStore.view(type, "/services/data/v62.0", r, fields)));
        return out;
    }

    @Override
    protected Route route(Request request) {
        return api.route(request);
    }

    @Override
    protected Response failureResponse(Failure failure, Request request, long retryAfterSeconds) {
        return switch (failure) {
            case RATE_LIMITED -> error(new SalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."));
            case SESSION_EXPIRED -> error(new SalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid"));
            default -> error(new SalesforceError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if "
                    + "you contact support: 1906373271-52101 (-1412591734)"));
        };
    }

    Response error(SalesforceError e) {
        return limitInfo(Response.json(e.status, e.body()));
    }

    synchronized Response limitInfo(Response r) {
        return r.withHeader("Sforce-Limit-Info", "api-usage=" + used + "/" + dailyLimit);
    }

    long clockMillis() {
        return clock().millis();
    }

    String issueToken() {
        String token = orgId + "!AQ" + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        return token;
    }

    boolean validToken(String bearer) {
        return bearer != null && tokens.contains(bearer);
    }

    /** Counts one data API request, or refuses it past the day's limit. */
    synchronized void countRequest() {
        Instant now = clock().instant();
        if (windowStart == null || !now.isBefore(windowStart.plus(Duration.ofHours(24)))) {
            windowStart = now;
            used = 0;
        }
        if (used >= dailyLimit) {
            throw new SalesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        used++;
    }

    synchronized Map<String, Object> limits() {
        return Map.of("DailyApiRequests", Map.of("Max", dailyLimit, "Remaining", Math.max(0, dailyLimit - used)));
    }

    /** Refuses a write while a {@link #lockRows} knob is armed. */
    synchronized void lockCheck(String id) {
        if (lockedWrites > 0) {
            lockedWrites--;
            throw new SalesforceError(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: "
                    + (id == null ? "" : id));
        }
    }

    /** Builds a {@link FakeSalesforce}; not thread safe. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder extends FakeBuilder<Builder, FakeSalesforce> {
        private String clientId = "3MVG9FAKE" + UUID.randomUUID().toString().replace("-", "");
        private String clientSecret = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        private String refreshToken = "5Aep861FAKE" + UUID.randomUUID().toString().replace("-", "");
        private int dailyLimit = 15_000;

        private Builder() {
        }

        /** The connected app's consumer key and secret; random unless set. */
        public Builder client(String id, String secret) {
            this.clientId = Objects.requireNonNull(id, "id");
            this.clientSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** The refresh token the token endpoint accepts; random unless set. */
        public Builder refreshToken(String token) {
            this.refreshToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /** The daily API request limit; 15,000 unless set. */
        public Builder dailyLimit(int max) {
            this.dailyLimit = max;
            return this;
        }

        private java.time.Clock theClock() {
            return configuredClock();
        }

        @Override
        protected FakeSalesforce create() {
            return new FakeSalesforce(this);
        }
    }
}

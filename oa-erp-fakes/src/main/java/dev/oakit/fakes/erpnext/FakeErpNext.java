package dev.oakit.fakes.erpnext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.FakeBuilder;
import dev.oakit.fakes.FakeServer;
import org.apiguardian.api.API;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake ERPNext (Frappe REST, API v1) in the JVM, for tests: {@code /api/method/login} and token auth
 * ({@code Authorization: token <key>:<secret>}), {@code /api/resource/<DocType>} list / insert and
 * {@code /api/resource/<DocType>/<name>} get / update / delete, docstatus 0 → 1 (submit) → 2 (cancel) with Frappe's
 * rules, Frappe's error bodies and statuses, DocType meta, and signed webhooks. DocTypes: Company, Supplier, Item,
 * Cost Center, Project, Employee, Bin, Fiscal Year, Budget (+ Account), GL Entry (booked by submitted Journal Entries),
 * Purchase Order (+ Item), Journal Entry (+ Account); Purchase Order and Journal Entry carry a unique
 * custom field ({@code custom_oakit_key} unless set) to serve as an integration's idempotency key.
 *
 * <pre>{@code
 * try (FakeErpNext erp = FakeErpNext.start()) {
 *     erp.insert("Supplier", Map.of("supplier_name", "Acme"));
 *     // point the connector under test at erp.baseUri() with the header erp.tokenHeader()
 * }
 * }</pre>
 *
 * <p>Every call commits whole or not at all. Thread safe; calls are serialised.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FakeErpNext extends FakeServer {
    /** The header Frappe signs webhook bodies in: base64 of HMAC-SHA256 over the raw body with the webhook secret. */
    public static final String SIGNATURE_HEADER = "X-Frappe-Webhook-Signature";

    private final Builder config;
    private final FrappeStore store;
    private final ErpNextApi api;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    private FakeErpNext(Builder b) {
        super(b.theClock(), FakeErpNext::sign);
        this.config = b;
        this.store = new FrappeStore(DocTypes.standard(b.uniqueKeyField), b.theClock(), b.user, b.company, this::lineError,
                b.uniqueKeyField, b.namedByKey);
        this.api = new ErpNextApi(this, store, sessions);
        store.insert("Company", Map.of("company_name", b.company, "abbr", b.abbr, "default_currency", "EUR"));
        store.insert("Cost Center", Map.of("cost_center_name", b.company, "company", b.company, "is_group", 1));
        store.insert("Cost Center", Map.of("cost_center_name", "Main", "company", b.company,
                "parent_cost_center", b.company + " - " + b.abbr, "is_group", 0));
    }

    /** A builder; {@link Builder#start()} binds the server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a fake with the defaults: user Administrator/admin, a random API key and secret, company "Acme Corp" (AC). */
    public static FakeErpNext start() {
        return builder().start();
    }

    /** The login ({@code usr}) of the one user. */
    public String user() {
        return config.user;
    }

    /** The user's password ({@code pwd}). */
    public String password() {
        return config.password;
    }

    /** The API key. */
    public String apiKey() {
        return config.apiKey;
    }

    /** The API secret. */
    public String apiSecret() {
        return config.apiSecret;
    }

    /** The value of the {@code Authorization} header for token auth: {@code token <key>:<secret>}. */
    public String tokenHeader() {
        return "token " + config.apiKey + ":" + config.apiSecret;
    }

    /** The default company, used when a document names none. */
    public String company() {
        return config.company;
    }

    /** The unique custom field on Purchase Order and Journal Entry. */
    public String uniqueKeyField() {
        return config.uniqueKeyField;
    }

    /** Inserts a document directly (seeding; not a call, not counted, no webhook). Returns its name. */
    public synchronized String insert(String doctype, Map<String, Object> data) {
        try {
            return String.valueOf(store.insert(doctype, new LinkedHashMap<>(data)).get("name"));
        } catch (FrappeError e) {
            throw new IllegalArgumentException(e.excType + ": " + e.getMessage() + " " + e.serverMessages, e);
        }
    }

    /** Every document of a DocType, as {@code GET /api/resource/<DocType>/<name>} returns it, oldest first. */
    public synchronized List<Map<String, Object>> documents(String doctype) {
        List<Map<String, Object>> out = new ArrayList<>();
        store.table(doctype).values().forEach(d -> out.add(api.asDict(d)));
        return out;
    }

    /** One document as {@code GET} returns it, if it exists. */
    public synchronized Optional<Map<String, Object>> document(String doctype, String name) {
        Map<String, Object> d = store.table(doctype).get(name);
        return d == null ? Optional.empty() : Optional.of(api.asDict(d));
    }

    /** How many documents of a DocType are stored. */
    public synchronized int count(String doctype) {
        return store.count(doctype);
    }

    /** Removes a field from the DocType, as a deleted custom field: the meta no longer lists it, values sent for it
     *  are dropped (as Frappe drops unknown keys), and filtering or selecting it fails as an unknown column. */
    public synchronized void removeField(String doctype, String field) {
        store.removeField(doctype, field);
    }

    /** Undoes {@link #removeField(String, String)}. */
    public synchronized void restoreField(String doctype, String field) {
        store.restoreField(doctype, field);
    }

    /** Ends every login session: an old {@code sid} now runs as Guest, with {@code session_expired: 1}. */
    public void expireSessions() {
        sessions.clear();
    }

    @Override
    protected Route route(Request request) {
        return api.route(request);
    }

    @Override
    protected Response failureResponse(Failure failure, Request request, long retryAfterSeconds) {
        return switch (failure) {
            case RATE_LIMITED -> error(FrappeError.thrown("TooManyRequestsError", 429,
                    "You hit the rate limit because of too many requests. Please try after sometime."))
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                    .withHeader("X-RateLimit-Limit", "600000000")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.valueOf(retryAfterSeconds));
            case SESSION_EXPIRED -> request.header("authorization") != null ? error(FrappeError.authentication())
                    : api.guestExpired(request);
            default -> error(FrappeError.deadlock());
        };
    }

    synchronized <T> T serialised(java.util.function.Supplier<T> call) {
        return call.get();
    }

    void webhook(String doctype, Map<String, Object> doc) {
        webhooks().enqueue(doctype, api.asDict(doc));
    }

    boolean tokenMatches(String keyAndSecret) {
        return keyAndSecret.equals(config.apiKey + ":" + config.apiSecret);
    }

    boolean passwordMatches(String usr, String pwd) {
        return config.user.equals(usr) && config.password.equals(pwd);
    }

    static Response error(FrappeError e) {
        return Response.json(e.status, e.body());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parseObject(String text) {
        try {
            return JSON.readValue(text, new TypeReference<>() { });
        } catch (IOException e) {
            throw FrappeError.validation("Invalid JSON: " + e.getMessage());
        }
    }

    static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            return text;
        }
    }

    static Map<String, String> form(String body) {
        return parseQuery(body);
    }

    private static Map<String, String> sign(String secret, byte[] body) {
        if (secret == null) {
            return Map.of();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Map.of(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(mac.doFinal(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link FakeErpNext}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder extends FakeBuilder<Builder, FakeErpNext> {
        private String user = "Administrator";
        private String password = "admin";
        private String apiKey = UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        private String apiSecret = UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        private String company = "Acme Corp";
        private String abbr = "AC";
        private String uniqueKeyField = "custom_oakit_key";
        private boolean namedByKey;

        private Builder() {
        }

        /** The user's login and password; {@code Administrator}/{@code admin} unless set. */
        public Builder user(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The API key and secret; random unless set. */
        public Builder apiKey(String key, String secret) {
            this.apiKey = Objects.requireNonNull(key, "key");
            this.apiSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** The default company and its abbreviation; {@code Acme Corp} / {@code AC} unless set. */
        public Builder company(String name, String abbr) {
            this.company = Objects.requireNonNull(name, "name");
            this.abbr = Objects.requireNonNull(abbr, "abbr");
            return this;
        }

        /** The unique custom field on Purchase Order and Journal Entry; {@code custom_oakit_key} unless set. */
        public Builder uniqueKeyField(String fieldname) {
            this.uniqueKeyField = Objects.requireNonNull(fieldname, "fieldname");
            return this;
        }

        /**
         * Names Purchase Orders by the unique key field (Customize Form naming rule "By fieldname") instead of the
         * naming series. A second insert with the same key then fails as a duplicate name, {@code 409
         * DuplicateEntryError}; with the naming series it fails on the unique field, {@code 417 UniqueValidationError}.
         */
        public Builder purchaseOrderNamedByKey(boolean on) {
            this.namedByKey = on;
            return this;
        }

        private java.time.Clock theClock() {
            return configuredClock();
        }

        @Override
        protected FakeErpNext create() {
            return new FakeErpNext(this);
        }
    }
}

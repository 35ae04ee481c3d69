package dev.oakit.fakes.odoo;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.FakeBuilder;
import dev.oakit.fakes.FakeServer;
import org.apiguardian.api.API;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake Odoo server in the JVM, for tests: the external JSON-RPC API ({@code POST /jsonrpc}, services
 * {@code common} and {@code object}), the web session ({@code POST /web/session/authenticate}, then
 * {@code /web/dataset/call_kw} with the {@code session_id} cookie) and the JSON-2 API
 * ({@code POST /json/2/<model>/<method>} with {@code Authorization: bearer <api key>}), over the models
 * {@code res.partner}, {@code product.product}, {@code purchase.order} and {@code purchase.order.line}, and for master
 * data {@code account.analytic.account} (cost centres), {@code project.project} and {@code hr.employee}, and for
 * journal entries {@code account.account}, {@code account.journal}, {@code account.move} and {@code account.move.line};
 * for a CRM: companies and contacts ({@code res.partner} with {@code parent_id}), the pipeline ({@code crm.lead},
 * {@code crm.stage}, {@code crm.tag}), service requests as tasks of a support project ({@code project.task},
 * {@code project.task.type}, {@code project.tags}; Odoo Community has no helpdesk) and the chatter
 * ({@code message_post}, {@code mail.message}, {@code mail.message.subtype} with Discussions id 1 and Note id 2).
 *
 * <pre>{@code
 * try (FakeOdoo odoo = FakeOdoo.start()) {
 *     long vendor = odoo.create("res.partner", Map.of("name", "Acme", "supplier_rank", 1));
 *     // point the connector under test at odoo.baseUri(), database odoo.database(), key odoo.apiKey()
 * }
 * }</pre>
 *
 * <p>Every call runs in one transaction: it commits whole or not at all. Thread safe; calls are serialised.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FakeOdoo extends FakeServer {
    private final Builder config;
    private final OdooOrm orm;
    private final OdooCalls calls;
    private final OdooAutomation automation;
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    private FakeOdoo(Builder b) {
        super(b.theClock(), (secret, body) -> Map.of()); // Odoo's "Send Webhook Notification" actions are not signed
        this.config = b;
        this.orm = new OdooOrm(OdooSchema.standard(), b.theClock(), this::lineError);
        orm.crm().seed();
        orm.commit();
        this.automation = new OdooAutomation(orm);
        this.calls = new OdooCalls(orm, (model, payload) -> webhooks().enqueue(model, payload), automation);
    }

    /** A builder; {@link Builder#start()} binds the server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a fake with the defaults: database {@code odoo}, user {@code admin}/{@code admin} (uid 2), a random API key. */
    public static FakeOdoo start() {
        return builder().start();
    }

    /** The database name. */
    public String database() {
        return config.database;
    }

    /** The login of the one user. */
    public String login() {
        return config.login;
    }

    /** The password of the one user. */
    public String password() {
        return config.password;
    }

    /** The user's API key: the bearer token of JSON-2, and accepted in place of the password by JSON-RPC. */
    public String apiKey() {
        return config.apiKey;
    }

    /** The user's id ({@code 2}, the admin of a fresh Odoo database). */
    public long uid() {
        return 2;
    }

    /**
     * Adds an automation rule whose action is "Send Webhook Notification": every create or update (as its trigger
     * says) of a record of its model through the API queues one POST to its URL, sent by {@code webhooks().deliver()}
     * with the sender's knobs (dropped, twice, out of order). Odoo 17 sends it from inside the call, before the commit;
     * the fake queues it when the call succeeds, so a test decides when it arrives; a call that fails queues nothing. The body is Odoo 17's: {@code json.dumps({"_action": "Send Webhook Notification(#<action id>)",
     * "_id": id, "_model": model, <fields read with load=None>}, sort_keys=True, default=str)}, unsigned.
     *
     * @return the server action's id, as {@code _action} names it
     * @throws IllegalArgumentException for an unknown model or field
     */
    public synchronized long automation(WebhookRule rule) {
        try {
            return automation.add(rule);
        } catch (OdooError e) {
            throw new IllegalArgumentException(e.name + ": " + e.getMessage(), e);
        }
    }

    /** Creates a record directly (seeding; not a call, not counted, no webhook). */
    public synchronized long create(String model, Map<String, Object> vals) {
        try {
            long id = orm.create(model, List.of(new LinkedHashMap<>(vals))).get(0);
            orm.commit();
            return id;
        } catch (OdooError e) {
            orm.rollback();
            throw new IllegalArgumentException(e.name + ": " + e.getMessage(), e);
        }
    }

    /** Sets a product's quantity on hand ({@code qty_available}, which Odoo computes from stock quants the fake
     *  does not have), for stock lookups. */
    public synchronized void setQuantityOnHand(long productId, double quantity) {
        orm.setComputed("product.product", productId, "qty_available", quantity);
    }

    /** Every record of a model as {@code read} returns it (all fields), by id. */
    public synchronized List<Map<String, Object>> records(String model) {
        return orm.read(model, orm.allIds(model), null);
    }

    /** One record as {@code read} returns it, if it exists. */
    public synchronized Optional<Map<String, Object>> record(String model, long id) {
        try {
            return Optional.of(orm.read(model, List.of(id), null).get(0));
        } catch (OdooError e) {
            return Optional.empty();
        }
    }

    /** How many records of a model are stored (archived ones included). */
    public synchronized int count(String model) {
        return orm.size(model);
    }

    /** Removes a field from the model, as an upgrade or an uninstalled module would: {@code fields_get} no longer
     *  lists it and writing or reading it fails with Odoo's {@code Invalid field} error. */
    public synchronized void removeField(String model, String field) {
        orm.removeField(model, field);
    }

    /** Undoes {@link #removeField(String, String)}. */
    public synchronized void restoreField(String model, String field) {
        orm.restoreField(model, field);
    }

    /** Ends every web session: the next {@code call_kw} with an old {@code session_id} gets "Odoo Session Expired". */
    public void expireSessions() {
        sessions.clear();
    }

    // ---- routing

    @Override
    protected Route route(Request request) {
        String path = request.path();
        if (!request.method().equals("POST")) {
            return new Route("", "http", () -> Response.html(404, "<h1>Not Found</h1>"));
        }
        if (path.startsWith("/json/2/")) {
            String[] parts = path.substring("/json/2/".length()).split("/");
            if (parts.length != 2) {
                return new Route("", "json2", () -> json2Error(OdooError.http(404, "Did you mean POST /json/2/<model>/<method>?")));
            }
            return new Route(parts[0], parts[1], () -> json2(request, parts[0], parts[1]));
        }
        Map<String, Object> rpc;
        try {
            rpc = JSON.readValue(request.body(), new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            return new Route("", "jsonrpc", () -> Response.html(400, "Invalid JSON data"));
        }
        Object id = rpc.get("id");
        Map<String, Object> params = OdooCalls.map(rpc.get("params"));
        switch (path) {
            case "/jsonrpc" -> {
                String service = String.valueOf(params.get("service"));
                String method = String.valueOf(params.get("method"));
                List<?> args = params.get("args") instanceof List<?> l ? l : List.of();
                boolean object = service.equals("object") && args.size() >= 5;
                return new Route(object ? String.valueOf(args.get(3)) : "", object ? String.valueOf(args.get(4)) : method,
                        () -> rpc(id, () -> dispatchRpc(service, method, args)));
            }
            case "/web/session/authenticate" -> {
                return new Route("", "authenticate", () -> authenticate(id, params));
            }
            default -> {
                if (path.equals("/web/dataset/call_kw") || path.startsWith("/web/dataset/call_kw/")) {
                    String model = String.valueOf(params.get("model"));
                    String method = String.valueOf(params.get("method"));
                    return new Route(model, method, () -> callKw(request, id, params));
                }
                return new Route("", "http", () -> rpcError(id, OdooError.http(404, "Not Found"), 404, "404: Not Found"));
            }
        }
    }

    @Override
    protected Response failureResponse(Failure failure, Request request, long retryAfterSeconds) {
        boolean json2 = request.path().startsWith("/json/2/");
        Object id = json2 ? null : rpcId(request);
        return switch (failure) {
            case RATE_LIMITED -> Response.html(429, "<html><head><title>429 Too Many Requests</title></head><body><center>"
                    + "<h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>")
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
            case SESSION_EXPIRED -> json2 ? json2Error(OdooError.http(401, "Invalid apikey"))
                    : request.path().startsWith("/web/dataset/call_kw") ? sessionExpired(id)
                    : rpcError(id, OdooError.accessDenied(), config.jsonRpcErrorCode, "Odoo Server Error");
            default -> json2 ? json2Error(OdooError.serializationFailure())
                    : rpcError(id, OdooError.serializationFailure(), config.jsonRpcErrorCode, "Odoo Server Error");
        };
    }

    private static Object rpcId(Request request) {
        try {
            return JSON.readValue(request.body(), new TypeReference<Map<String, Object>>() { }).get("id");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- JSON-RPC

    private interface Body {
        Object run();
    }

    /** Runs a JSON-RPC call: HTTP 200 always, the result or an error object (odoo/http.py JsonRPCDispatcher). */
    private Response rpc(Object id, Body body) {
        try {
            Object result = transaction(body);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("jsonrpc", "2.0");
            out.put("id", id);
            if (result != null) {
                out.put("result", result); // a None result leaves the key out
            }
            return Response.json(200, out);
        } catch (OdooError e) {
            return e.name.equals("odoo.http.SessionExpiredException") ? sessionExpired(id)
                    : rpcError(id, e, config.jsonRpcErrorCode, "Odoo Server Error");
        }
    }

    private Response sessionExpired(Object id) {
        return rpcError(id, OdooError.sessionExpired(), 100, "Odoo Session Expired");
    }

    private static Response rpcError(Object id, OdooError e, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("data", e.serialized());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        out.put("error", error);
        return Response.json(200, out);
    }

    private synchronized Object transaction(Body body) {
        try {
            Object result = body.run();
            orm.commit();
            automation.committed(webhooks());
            return result;
        } catch (RuntimeException e) {
            orm.rollback();
            automation.rolledBack();
            throw e instanceof OdooError ? e : OdooError.valueError(String.valueOf(e.getMessage()));
        }
    }

    private Object dispatchRpc(String service, String method, List<?> args) {
        switch (service) {
            case "common" -> {
                return switch (method) {
                    case "version" -> version();
                    case "login", "authenticate" -> {
                        checkDb(args.isEmpty() ? null : args.get(0));
                        yield args.size() >= 3 && config.login.equals(args.get(1)) && secretOk(args.get(2)) ? (Object) uid() : (Object) false;
                    }
                    default -> throw OdooError.attributeError("module 'odoo.service.common' has no attribute 'exp_" + method + "'");
                };
            }
            case "object" -> {
                if (!method.equals("execute_kw") && !method.equals("execute")) {
                    throw OdooError.attributeError("Method not available " + method);
                }
                if (args.size() < 5) {
                    throw OdooError.typeError("execute_kw() missing required positional arguments");
                }
                checkDb(args.get(0));
                if (!(args.get(1) instanceof Number n) || n.longValue() != uid() || !secretOk(args.get(2))) {
                    throw OdooError.accessDenied();
                }
                String model = String.valueOf(args.get(3));
                String m = String.valueOf(args.get(4));
                List<?> positional = method.equals("execute") ? args.subList(5, args.size())
                        : args.size() > 5 && args.get(5) instanceof List<?> l ? l : List.of();
                Map<String, Object> kwargs = method.equals("execute_kw") && args.size() > 6 ? OdooCalls.map(args.get(6)) : new LinkedHashMap<>();
                return calls.execute(model, m, positional, kwargs);
            }
            default -> throw OdooError.valueError("Unknown service " + service);
        }
    }

    private void checkDb(Object db) {
        if (!config.database.equals(db)) {
            throw OdooError.valueError("FATAL:  database \"" + db + "\" does not exist");
        }
    }

    private boolean secretOk(Object secret) {
        return config.password.equals(secret) || config.apiKey.equals(secret);
    }

    private Map<String, Object> version() {
        String v = config.serverVersion;
        int major = Integer.parseInt(v.substring(0, v.indexOf('.')));
        return Map.of("server_version", v, "server_version_info", List.of(major, 0, 0, "final", 0, ""),
                "server_serie", v, "protocol_version", 1);
    }

    // ---- web session

    private Response authenticate(Object id, Map<String, Object> params) {
        Response r = rpc(id, () -> {
            checkDb(params.get("db"));
            if (!config.login.equals(params.get("login")) || !config.password.equals(params.get("password"))) {
                throw OdooError.accessDenied();
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("uid", uid());
            info.put("is_system", true);
            info.put("is_admin", true);
            info.put("db", config.database);
            info.put("name", "Mitchell Admin");
            info.put("username", config.login);
            info.put("partner_id", 3);
            info.put("server_version", config.serverVersion);
            info.put("user_context", Map.of("lang", "en_US", "tz", "Europe/Brussels", "uid", uid()));
            return info;
        });
        if (r.body().length > 0 && new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"result\"")) {
            String sid = UUID.randomUUID().toString().replace("-", "");
            sessions.put(sid, uid());
            return r.withHeader("Set-Cookie", "session_id=" + sid + "; HttpOnly; Path=/; SameSite=Lax");
        }
        return r;
    }

    private Response callKw(Request request, Object id, Map<String, Object> params) {
        String sid = request.cookie("session_id");
        if (sid == null || !sessions.containsKey(sid)) {
            return sessionExpired(id);
        }
        List<?> args = params.get("args") instanceof List<?> l ? l : List.of();
        return rpc(id, () -> calls.execute(String.valueOf(params.get("model")), String.valueOf(params.get("method")), args, OdooCalls.map(params.get("kwargs"))));
    }

    // ---- JSON-2

    private Response json2(Request request, String model, String method) {
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "bearer ", 0, 7) || !config.apiKey.equals(auth.substring(7).trim())) {
            return json2Error(OdooError.http(401, "Invalid apikey"));
        }
        String db = request.header("x-odoo-database");
        if (db != null && !db.equals(config.database)) {
            return json2Error(OdooError.http(404, "database \"" + db + "\" not found"));
        }
        Map<String, Object> body;
        try {
            body = request.body().length == 0 ? new LinkedHashMap<>() : JSON.readValue(request.body(), new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            return json2Error(OdooError.http(400, "could not parse the body as json: " + e.getMessage()));
        }
        try {
            Object result = transaction(() -> {
                if (!orm.hasModel(model)) {
                    throw OdooError.http(404, "the model '" + model + "' does not exist");
                }
                OdooMethods.Signature s;
                try {
                    s = OdooMethods.lookup(model, method);
                } catch (OdooError e) {
                    throw e.name.equals("builtins.AttributeError") ? OdooError.http(404, e.getMessage()) : e;
                }
                List<Long> ids = OdooMethods.ids(body.remove("ids"));
                body.remove("context");
                if (s.apiModel() && !ids.isEmpty()) {
                    throw OdooError.http(422, "cannot call " + model + "." + method + " with ids");
                }
                return calls.run(model, method, ids, OdooMethods.bind(method, s, List.of(), body, true));
            });
            return Response.json(200, result);
        } catch (OdooError e) {
            return json2Error(e);
        }
    }

    private static Response json2Error(OdooError e) {
        return Response.json(e.status, e.serialized());
    }

    /** Configures a {@link FakeOdoo}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder extends FakeBuilder<Builder, FakeOdoo> {
        private String database = "odoo";
        private String login = "admin";
        private String password = "admin";
        private String apiKey = UUID.randomUUID().toString().replace("-", "");
        private String serverVersion = "17.0";
        private int jsonRpcErrorCode = 200;

        private Builder() {
        }

        /** The database name; {@code odoo} unless set. */
        public Builder database(String database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** The user's login and password; {@code admin}/{@code admin} unless set. */
        public Builder user(String login, String password) {
            this.login = Objects.requireNonNull(login, "login");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The user's API key; random unless set. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** What {@code common.version} reports; {@code 17.0} unless set. */
        public Builder serverVersion(String version) {
            this.serverVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The {@code code} of JSON-RPC error objects: 200 (Odoo up to 17, the default); newer servers send 0. */
        public Builder jsonRpcErrorCode(int code) {
            this.jsonRpcErrorCode = code;
            return this;
        }

        private java.time.Clock theClock() {
            return configuredClock();
        }

        @Override
        protected FakeOdoo create() {
            return new FakeOdoo(this);
        }
    }
}

package dev.oakit.integration.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Odoo's external JSON-RPC API, shared by every connector that speaks to Odoo (the ERP bridge's and the CRM
 * bridge's): {@code common.authenticate} for the uid, then {@code object.execute_kw}. An {@code AccessDenied}
 * answer means the uid or the key is no longer good: it authenticates once more and sends the call once more.
 * Errors are classified by the Python exception's name: serialization failures, lock and deadlock errors
 * {@code RETRYABLE}; an error without a name {@code AMBIGUOUS} (nothing says whether it committed); any
 * other {@code PERMANENT}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OdooRpc {
    private static final DateTimeFormatter WRITE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JsonHttp http;
    private final String target;
    private final String database;
    private final String login;
    private final String secret;
    private final AtomicLong uid = new AtomicLong(-1);
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param http the HTTP client, its base the Odoo server
     * @param target the connector's id, named in errors
     * @param database the database name
     * @param login the user's login
     * @param secret the user's API key (or password); never logged
     */
    public OdooRpc(JsonHttp http, String target, String database, String login, String secret) {
        this.http = Objects.requireNonNull(http, "http");
        this.target = Checks.id("target", target);
        this.database = Checks.text("database", database, 200);
        this.login = Checks.text("login", login, 200);
        this.secret = Checks.text("secret", secret, 500);
    }

    /** @return the connector's id this client names in errors */
    public String target() {
        return target;
    }

    /**
     * Calls {@code execute_kw(db, uid, secret, model, method, args, kwargs)}.
     *
     * @return the call's {@code result}; a {@link NullNode} when Odoo returned None
     * @throws RemoteCallException classified, its message naming the target, model and method
     */
    public JsonNode execute(CallContext call, String model, String method, List<?> args, Map<String, ?> kwargs) throws RemoteCallException {
        long u = uid(call, false);
        JsonNode answer = send(call, "object", "execute_kw", List.of(database, u, secret, model, method, args, kwargs));
        if (accessDenied(answer)) {
            u = uid(call, true);
            answer = send(call, "object", "execute_kw", List.of(database, u, secret, model, method, args, kwargs));
            if (accessDenied(answer)) {
                throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, target + " " + model + "." + method
                        + " was refused with fresh credentials too (AccessDenied); check the login and API key", null,
                        answer.path("error").toString(), null, null);
            }
        }
        return result(model + "." + method, answer);
    }

    /**
     * A change feed's page: {@code search_read} of {@code domain} ordered by {@code write_date, id}, as every Odoo feed
     * reads (add {@link #changedSince} to the domain for the watermark, and {@code active in (true, false)} where archived
     * records count).
     *
     * @param offset how many records of that order to leave out
     * @param limit the most records to read
     * @return the rows, each with the fields asked for and {@code id}
     * @throws RemoteCallException classified
     */
    public JsonNode changes(CallContext call, String model, List<?> domain, List<String> fields, int offset, int limit) throws RemoteCallException {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", fields);
        kwargs.put("order", "write_date asc, id asc");
        kwargs.put("offset", offset);
        kwargs.put("limit", limit);
        return execute(call, model, "search_read", List.of(domain), kwargs);
    }

    /** @return the domain term of the records changed at or after a version's second: {@code write_date >=} it */
    public static List<Object> changedSince(long version) {
        return List.of("write_date", ">=", writeDate(version));
    }

    /**
     * The first record {@code search} finds.
     *
     * @param order Odoo's order, e.g. {@code id asc}; null for the model's own
     * @return its id, or empty when none matches
     * @throws RemoteCallException classified
     */
    public Optional<Long> first(CallContext call, String model, List<?> domain, String order) throws RemoteCallException {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("limit", 1);
        if (order != null) {
            kwargs.put("order", order);
        }
        JsonNode ids = execute(call, model, "search", List.of(domain), kwargs);
        return ids.isArray() && !ids.isEmpty() ? Optional.of(ids.get(0).asLong()) : Optional.empty();
    }

    /** @return the version of a {@code write_date} ({@code 2026-12-07 10:00:00}, UTC, whole seconds): its epoch milliseconds */
    public static long version(String writeDate) {
        return LocalDateTime.parse(writeDate.substring(0, 19), WRITE_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** @return the {@code write_date} of a version, rounded down to the second: what a domain {@code write_date >=} compares */
    public static String writeDate(long version) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(version, 1000L), 0, ZoneOffset.UTC).format(WRITE_DATE);
    }

    private long uid(CallContext call, boolean fresh) throws RemoteCallException {
        long known = uid.get();
        if (known > 0 && !fresh) {
            return known;
        }
        JsonNode answer = send(call, "common", "authenticate", List.of(database, login, secret, Map.of()));
        JsonNode r = result("authenticate", answer);
        if (!r.canConvertToLong() || r.asLong() <= 0) {
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, target + ": Odoo refused the login '"
                    + login + "' on database '" + database + "'; check the login and the API key");
        }
        uid.set(r.asLong());
        return r.asLong();
    }

    private JsonNode send(CallContext call, String service, String method, List<?> args) throws RemoteCallException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("method", method);
        params.put("args", args);
        return http.post(call, "/jsonrpc", Map.of("jsonrpc", "2.0", "method", "call", "id", ids.incrementAndGet(), "params", params));
    }

    private static boolean accessDenied(JsonNode answer) {
        return answer.path("error").path("data").path("name").asText("").equals("odoo.exceptions.AccessDenied");
    }

    /** Odoo answers HTTP 200 with an error object; classified by the Python exception's name. */
    private JsonNode result(String what, JsonNode answer) throws RemoteCallException {
        JsonNode error = answer.path("error");
        if (error.isMissingNode() || error.isNull()) {
            JsonNode r = answer.get("result");
            return r == null ? NullNode.getInstance() : r;
        }
        String name = error.path("data").path("name").asText("");
        String message = error.path("data").path("message").asText(error.path("message").asText(""));
        RemoteCallException.Kind kind = name.startsWith("psycopg2.errors.SerializationFailure") || name.contains("LockNotAvailable")
                || name.contains("DeadlockDetected") ? RemoteCallException.Kind.RETRYABLE
                // nothing in Odoo's answer says whether a generic server error committed
                : name.isEmpty() ? RemoteCallException.Kind.AMBIGUOUS
                : RemoteCallException.Kind.PERMANENT;
        throw new RemoteCallException(kind, target + " " + what + " failed: " + name + ": " + message, null, error.toString(),
                null, null);
    }
}

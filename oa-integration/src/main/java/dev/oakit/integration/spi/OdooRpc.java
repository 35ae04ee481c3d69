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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Odoo's external JSON-RPC API, shared by every connector that speaks to Odoo (the ERP bridge's and the CRM
 * bridge's): {@code common.authenticate} for the uid, then {@code object.execute_kw}. An {@code AccessDenied}
 * answer means the uid or the key is no longer good: it authenticates once more and sends the call once more.
 * Errors are classified by the Python exception's name: serialization failures, lock and deadlock errors
 * {@code RETRYABLE}; an error without a name {@code AMBIGUOUS} (nothing says whether it committed); any
 * other {@code PERMANENT}. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
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

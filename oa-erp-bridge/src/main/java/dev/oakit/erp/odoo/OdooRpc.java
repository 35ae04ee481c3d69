package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Odoo's external JSON-RPC API: {@code common.authenticate} for the uid, then {@code object.execute_kw}.
 * An {@code AccessDenied} answer means the uid or the key is no longer good: it authenticates once more
 * and sends the call once more. Errors are classified by the exception's name.
 */
final class OdooRpc {
    private final JsonHttp http;
    private final OdooConfig config;
    private final AtomicLong uid = new AtomicLong(-1);
    private final AtomicLong ids = new AtomicLong();

    OdooRpc(JsonHttp http, OdooConfig config) {
        this.http = http;
        this.config = config;
    }

    /** @return the call's {@code result}; a {@link NullNode} when Odoo returned None */
    JsonNode execute(CallContext call, String model, String method, List<?> args, Map<String, ?> kwargs) throws RemoteCallException {
        long u = uid(call, false);
        JsonNode answer = send(call, "object", "execute_kw", List.of(config.database(), u, config.secret(), model, method, args, kwargs));
        if (accessDenied(answer)) {
            u = uid(call, true);
            answer = send(call, "object", "execute_kw", List.of(config.database(), u, config.secret(), model, method, args, kwargs));
            if (accessDenied(answer)) {
                throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, config.target() + " " + model + "." + method
                        + " was refused with fresh credentials too (AccessDenied); check the login and API key", null,
                        answer.path("error").toString(), null, null);
            }
        }
        return result(model + "." + method, answer);
    }

    private long uid(CallContext call, boolean fresh) throws RemoteCallException {
        long known = uid.get();
        if (known > 0 && !fresh) {
            return known;
        }
        JsonNode answer = send(call, "common", "authenticate", List.of(config.database(), config.login(), config.secret(), Map.of()));
        JsonNode r = result("authenticate", answer);
        if (!r.canConvertToLong() || r.asLong() <= 0) {
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": Odoo refused the login '"
                    + config.login() + "' on database '" + config.database() + "'; check the login and the API key");
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
        throw new RemoteCallException(kind, config.target() + " " + what + " failed: " + name + ": " + message, null, error.toString(),
                null, null);
    }
}

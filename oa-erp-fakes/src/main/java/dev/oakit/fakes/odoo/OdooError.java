package dev.oakit.fakes.odoo;

import java.util.List;

/**
 * An exception as Odoo raises it: the fully qualified Python name, the message, and the HTTP status the JSON-2
 * dispatcher maps it to ({@code UserError.http_status} and subclasses; werkzeug HTTP exceptions carry their code;
 * anything else is a 500). The JSON-RPC endpoints answer every one with HTTP 200 and an error object.
 */
final class OdooError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String name;
    final int status;
    final boolean http;

    private OdooError(String name, String message, int status, boolean http) {
        super(message, null, false, false);
        this.name = name;
        this.status = status;
        this.http = http;
    }

    static OdooError userError(String message) {
        return new OdooError("odoo.exceptions.UserError", message, 422, false);
    }

    static OdooError validation(String message) {
        return new OdooError("odoo.exceptions.ValidationError", message, 422, false);
    }

    static OdooError missing(String message) {
        return new OdooError("odoo.exceptions.MissingError", message, 404, false);
    }

    static OdooError accessDenied() {
        return new OdooError("odoo.exceptions.AccessDenied", "Access Denied", 403, false);
    }

    static OdooError accessError(String message) {
        return new OdooError("odoo.exceptions.AccessError", message, 403, false);
    }

    static OdooError valueError(String message) {
        return new OdooError("builtins.ValueError", message, 500, false);
    }

    static OdooError typeError(String message) {
        return new OdooError("builtins.TypeError", message, 500, false);
    }

    static OdooError attributeError(String message) {
        return new OdooError("builtins.AttributeError", message, 500, false);
    }

    static OdooError serializationFailure() {
        return new OdooError("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update", 500, false);
    }

    static OdooError sessionExpired() {
        return new OdooError("odoo.http.SessionExpiredException", "Session expired", 403, false);
    }

    /** A werkzeug HTTP exception (JSON-2: its own code; arguments are the description and the code). */
    static OdooError http(int status, String description) {
        String name = switch (status) {
            case 401 -> "werkzeug.exceptions.Unauthorized";
            case 404 -> "werkzeug.exceptions.NotFound";
            case 422 -> "werkzeug.exceptions.UnprocessableEntity";
            default -> "werkzeug.exceptions.BadRequest";
        };
        return new OdooError(name, description, status, true);
    }

    List<Object> arguments() {
        return http ? List.of(getMessage(), status) : List.of(getMessage());
    }

    /** The {@code serialize_exception} shape: name, debug, message, arguments, context. */
    java.util.Map<String, Object> serialized() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("debug", "Traceback (most recent call last):\n  File \"/opt/odoo/odoo/http.py\", line 1, in dispatch\n"
                + name + ": " + getMessage() + "\n");
        m.put("message", getMessage());
        m.put("arguments", arguments());
        m.put("context", java.util.Map.of());
        return m;
    }
}

package dev.oakit.fakes.erpnext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exception as Frappe raises it: the class name ({@code exc_type}), its module, the HTTP status of the class
 * (frappe/exceptions.py {@code http_status_code}: ValidationError 417, DoesNotExistError 404, DuplicateEntryError
 * 409, PermissionError 403, AuthenticationError 401, TooManyRequestsError 429, anything else 500), and the messages
 * {@code frappe.throw} / {@code msgprint} logged, which frappe/utils/response.py sends as {@code _server_messages}.
 */
final class FrappeError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String excType;
    final String module;
    final int status;
    final List<String> serverMessages = new ArrayList<>();

    private FrappeError(String excType, String module, int status, String message) {
        super(message, null, false, false);
        this.excType = excType;
        this.module = module;
        this.status = status;
    }

    /** {@code frappe.throw(message, exc)}: the message is also logged for the client. */
    static FrappeError thrown(String excType, int status, String message) {
        FrappeError e = new FrappeError(excType, "frappe.exceptions", status, message);
        e.serverMessages.add(message);
        return e;
    }

    /** {@code raise exc(message)}: nothing logged for the client. */
    static FrappeError raised(String excType, int status, String message) {
        return new FrappeError(excType, "frappe.exceptions", status, message);
    }

    static FrappeError validation(String message) {
        return thrown("ValidationError", 417, message);
    }

    static FrappeError notFound(String doctype, String name) {
        return thrown("DoesNotExistError", 404, doctype + " " + name + " not found");
    }

    static FrappeError permission(String message) {
        return thrown("PermissionError", 403, message);
    }

    static FrappeError authentication() {
        return raised("AuthenticationError", 401, "");
    }

    static FrappeError deadlock() {
        return raised("QueryDeadlockError", 500, "(1213, 'Deadlock found when trying to get lock; try restarting transaction')");
    }

    static FrappeError unknownColumn(String doctype, String field, String where) {
        FrappeError e = new FrappeError("OperationalError", "pymysql.err", 500,
                "(1054, \"Unknown column '" + field + "' in '" + where + "'\")");
        return e;
    }

    FrappeError withMessage(String message) {
        serverMessages.add(message);
        return this;
    }

    /**
     * The v1 error body: {@code exc_type}, {@code exception} (the last traceback line; frappe leaves it out of 404s),
     * {@code exc} (the traceback, a JSON list in a string) and {@code _server_messages} (a JSON list of JSON
     * objects, in a string).
     */
    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        String last = module + "." + excType + (getMessage().isEmpty() ? "" : ": " + getMessage());
        if (status != 404) {
            m.put("exception", last);
        }
        m.put("exc_type", excType);
        if (status != 404) {
            m.put("exc", FakeErpNext.json(List.of("Traceback (most recent call last):\n  File \"apps/frappe/frappe/app.py\", line 1, in application\n" + last)));
        }
        if (!serverMessages.isEmpty()) {
            List<String> msgs = new ArrayList<>();
            for (String s : serverMessages) {
                Map<String, Object> msg = new LinkedHashMap<>();
                msg.put("message", s);
                msg.put("title", "Message");
                msg.put("indicator", "red");
                msg.put("raise_exception", 1);
                msgs.add(FakeErpNext.json(msg));
            }
            m.put("_server_messages", FakeErpNext.json(msgs));
        }
        return m;
    }
}

package dev.oakit.fakes.salesforce;

import java.util.List;
import java.util.Map;

/**
 * An error as the Salesforce REST API answers it: an HTTP status and a JSON array of
 * {@code {"message", "errorCode", "fields"}}. Thrown inside the fake and turned into the answer.
 */
final class SalesforceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String errorCode;
    final List<String> fields;

    SalesforceError(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    SalesforceError(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    static SalesforceError notFound() {
        return new SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static SalesforceError invalidType(String type) {
        return new SalesforceError(404, "NOT_FOUND", "The requested resource does not exist: sObject type '" + type + "' is not supported.");
    }

    static SalesforceError noSuchField(String type, String field) {
        return new SalesforceError(400, "INVALID_FIELD", "No such column '" + field + "' on sobject of type " + type, List.of(field));
    }

    /** The array body Salesforce answers with. */
    List<Map<String, Object>> body() {
        return List.of(json(errorCode, getMessage(), fields));
    }

    static Map<String, Object> json(String errorCode, String message, List<String> fields) {
        return Map.of("message", message, "errorCode", errorCode, "fields", fields);
    }
}

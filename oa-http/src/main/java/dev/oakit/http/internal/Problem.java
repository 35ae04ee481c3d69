package dev.oakit.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.http.UnauthenticatedException;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document with OAKit's stable {@code code} and, for validation, every field path.
 * The one place where an exception becomes an HTTP status.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code, List<FieldError> errors) {
    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field's problem: its path in the request ({@code form.days}) and what to fix. */
    public record FieldError(String path, String message) {
    }

    static Problem of(int status, String code, String detail, String instance) {
        return new Problem("urn:oakit:problem:" + code, title(status), status, detail, instance, code, List.of());
    }

    public static Problem from(OaException e, String instance) {
        int status = status(e);
        String detail = e.getMessage().startsWith("[") ? e.getMessage().substring(e.getMessage().indexOf(']') + 2) : e.getMessage();
        List<FieldError> errors = e instanceof ValidationException v
                ? v.problems().stream().map(p -> new FieldError(p.path(), p.message())).toList()
                // a refused migration: each reason at the mapping entry that would fix it
                : e instanceof dev.oakit.workflow.MigrationRefusedException m ? m.reasons().stream().map(x -> new FieldError(
                        x.nodeId() == null ? "" : "mapping." + x.nodeId(), x.message())).toList() : List.of();
        return new Problem("urn:oakit:problem:" + e.code(), title(status), status, detail, instance, e.code(), errors);
    }

    /** Exception types to statuses, the first that fits wins; other OAKit exceptions are the caller's input: 400. */
    private static final List<Map.Entry<Class<? extends OaException>, Integer>> STATUSES = List.of(
            Map.entry(UnauthenticatedException.class, 401), Map.entry(PreconditionFailed.class, 412),
            Map.entry(ValidationException.class, 400), Map.entry(ForbiddenException.class, 403),
            Map.entry(NotFoundException.class, 404), Map.entry(ConflictException.class, 409),
            Map.entry(IntegrationException.class, 502));

    static int status(OaException e) {
        return STATUSES.stream().filter(s -> s.getKey().isInstance(e)).map(Map.Entry::getValue).findFirst().orElse(400);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 502 -> "Bad Gateway";
            default -> "Internal Server Error";
        };
    }
}

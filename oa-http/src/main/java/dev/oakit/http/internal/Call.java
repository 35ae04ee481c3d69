package dev.oakit.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.http.HttpErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One matched request as a handler sees it: the actor, the path and query parameters, the body, the headers. */
public final class Call {
    private final Actor actor;
    private final HttpServletRequest request;
    private final Map<String, String> pathParams;

    Call(Actor actor, HttpServletRequest request, Map<String, String> pathParams) {
        this.actor = actor;
        this.request = request;
        this.pathParams = pathParams;
    }

    /** @return the resolved actor; never null */
    public Actor actor() {
        return actor;
    }

    /** @return a path parameter as a number; a bad one is a validation problem naming it */
    public long pathLong(String name) {
        String v = pathParams.get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "must be a number, was '" + v + "'");
        }
    }

    /** @return a path parameter's text */
    public String path(String name) {
        return pathParams.get(name);
    }

    /** @return a query parameter or null */
    public String query(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** @return an integer query parameter, or {@code otherwise} when absent */
    public int queryInt(String name, int otherwise) {
        return wholeNumber(name, query(name), otherwise);
    }

    /** @return the parameter's value as a whole number, {@code otherwise} when absent; a validation error naming it when not one */
    public static int wholeNumber(String name, String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "must be a whole number, was '" + value + "'");
        }
    }

    /** @return an enum query parameter (case-insensitive), or null when absent */
    public <E extends Enum<E>> E queryEnum(String name, Class<E> type) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw ValidationException.of(name, "must be one of " + List.of(type.getEnumConstants()) + ", was '" + v + "'");
    }

    /** @return a request header or null */
    public String header(String name) {
        return request.getHeader(name);
    }

    /** @return the {@code Idempotency-Key} header, which becomes the command's request id; null when absent */
    public String idempotencyKey() {
        return header("Idempotency-Key");
    }

    /**
     * Reads the JSON body; an empty body reads as {@code {}}.
     *
     * @throws ValidationException with code {@link HttpErrors#BAD_REQUEST} naming the member that does not fit
     */
    public <T> T body(Class<T> type) {
        try {
            byte[] bytes = request.getInputStream().readAllBytes();
            return Json.MAPPER.readValue(bytes.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes, type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e.getCause() instanceof ValidationException v) {
                throw v;
            }
            throw new ValidationException(HttpErrors.BAD_REQUEST, "request body", List.of(new ValidationException.Problem(path,
                    e.getOriginalMessage().lines().findFirst().orElse("does not fit"))));
        } catch (JsonProcessingException e) {
            throw new ValidationException(HttpErrors.BAD_REQUEST, "request body",
                    List.of(new ValidationException.Problem("", "is not JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

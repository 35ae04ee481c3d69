package dev.oakit.http.internal;

import java.util.Map;

/** A handler's answer when 200 with a JSON body is not enough: another status, headers, or no body. */
public record Reply(int status, Object body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    /** A body sent as it is, not as JSON (CSV downloads). */
    public record Raw(String contentType, byte[] bytes) {
    }

    static Reply created(Object body, String location) {
        return new Reply(201, body, Map.of("Location", location));
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }
}

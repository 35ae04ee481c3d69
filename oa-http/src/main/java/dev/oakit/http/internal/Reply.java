package dev.oakit.http.internal;

import java.util.Map;

/** A handler's answer when 200 with a JSON body is not enough: another status, headers, or no body. */
public record Reply(int status, Object body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    static Reply created(Object body, String location) {
        return new Reply(201, body, Map.of("Location", location));
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }
}

package dev.oakit.http.internal.workbench;

import java.util.Map;

/**
 * One workbench page or form target: method, path template ({@code /approvals/instances/{id}}) and its handler.
 * Paths are relative to where the workbench is mounted.
 */
public record PageRoute(String method, String path, Handler handler) {
    /** Runs a matched request as the signed-in actor. */
    @FunctionalInterface
    public interface Handler {
        View handle(PageCall call);
    }

    /** @return a GET page */
    public static PageRoute get(String path, Handler h) {
        return new PageRoute("GET", path, h);
    }

    /** @return a POST form target (CSRF-checked before the handler runs) */
    public static PageRoute post(String path, Handler h) {
        return new PageRoute("POST", path, h);
    }

    Map<String, String> match(String requestPath) {
        return dev.oakit.http.internal.Route.match(path, requestPath);
    }
}

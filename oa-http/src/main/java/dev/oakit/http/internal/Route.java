package dev.oakit.http.internal;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * One endpoint: method, path template ({@code /approvals/tasks/{taskId}/approve}), what OpenAPI says about it,
 * and its handler. The route table is the single source of both the dispatch and the OpenAPI document.
 *
 * @param body the request body's type, or null for none
 * @param response the 2xx body's type, or null for 204
 * @param status the success status (200, 201, 204)
 * @param query the query parameters: name → description (all optional strings or integers, see {@link Call})
 */
public record Route(String method, String path, String operationId, String tag, String summary, Class<?> body, Type response,
                    int status, Map<String, String> query, Handler handler) {
    public Route {
        query = Map.copyOf(query);
    }

    /** Runs a matched request. */
    @FunctionalInterface
    public interface Handler {
        /** @return the body to send as JSON with {@link Route#status()}, or a {@link Reply} */
        Object handle(Call call);
    }

    /** @return the names of the path's {@code {parameters}} in order */
    public List<String> pathParameters() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> s.startsWith("{")).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    /** @return the path parameters' values if {@code requestPath} matches this template, else null */
    Map<String, String> match(String requestPath) {
        return match(path, requestPath);
    }

    /**
     * @param template a path template such as {@code /approvals/tasks/{taskId}/approve}
     * @return the path parameters' values (URL-decoded) if {@code requestPath} matches the template, else null
     */
    public static Map<String, String> match(String template, String requestPath) {
        String[] t = template.split("/");
        String[] r = requestPath.split("/", -1);
        if (t.length != r.length) {
            return null;
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                if (r[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), java.net.URLDecoder.decode(r[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!t[i].equals(r[i])) {
                return null;
            }
        }
        return params;
    }
}

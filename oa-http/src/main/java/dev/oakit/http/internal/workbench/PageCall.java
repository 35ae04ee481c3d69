package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request to a page: the signed-in actor, the page's {@link Ui}, path parameters and query/form parameters. */
public final class PageCall {
    private final Actor actor;
    private final Ui ui;
    private final HttpServletRequest request;
    private final Map<String, String> path;

    PageCall(Actor actor, Ui ui, HttpServletRequest request, Map<String, String> path) {
        this.actor = actor;
        this.ui = ui;
        this.request = request;
        this.path = path;
    }

    /** @return who is signed in; every engine call is made as this actor */
    public Actor actor() {
        return actor;
    }

    /** @return the page's language, links, CSRF token and navigation */
    public Ui ui() {
        return ui;
    }

    /** @return a path parameter as a number; 404-style validation error when it is not one */
    public long pathLong(String name) {
        try {
            return Long.parseLong(path.get(name));
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "must be a number, was '" + path.get(name) + "'");
        }
    }

    /** @return a path parameter */
    public String path(String name) {
        return path.get(name);
    }

    /** @return a query or form parameter, null when absent or blank */
    public String param(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** @return every value of a multi-valued parameter (checkboxes, multi-selects), blanks dropped */
    public List<String> params(String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? List.of() : java.util.Arrays.stream(v).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** @return a number parameter, or {@code otherwise} when absent; a validation error naming it when not a number */
    public int paramInt(String name, int otherwise) {
        return dev.oakit.http.internal.Call.wholeNumber(name, param(name), otherwise);
    }

    /** @return an enum parameter (case-insensitive), null when absent; a validation error listing the values otherwise */
    public <E extends Enum<E>> E paramEnum(String name, Class<E> type) {
        String v = param(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + v + "'");
        }
    }

    /** @return the non-blank parameters whose names start with {@code prefix}, the prefix cut off (form fields: {@code f.days}) */
    public Map<String, String> paramsStartingWith(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (k.startsWith(prefix) && v.length > 0 && !v[0].isBlank()) {
                out.put(k.substring(prefix.length()), v[0].trim());
            }
        });
        return out;
    }

    /** @return the servlet request, for what the helpers above do not cover */
    public HttpServletRequest request() {
        return request;
    }
}

package dev.oakit.http.internal.workbench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a page handler answers: a template to render, or a redirect (after a POST: post/redirect/get). */
public sealed interface View {
    /**
     * A template of {@code src/main/jte} (e.g. {@code approvals/todo.jte}) with its parameters; {@code ui} is added.
     *
     * @param status the HTTP status (200, or 4xx for a page that shows an error)
     */
    record Page(String template, Map<String, Object> params, int status) implements View {
    }

    /** A redirect to a workbench path ({@code /approvals/todo}), optionally with a flash message key. */
    record Redirect(String path) implements View {
    }

    /** A file to download (a report as CSV): its content type, the file name offered, the bytes. */
    record Download(String contentType, String filename, byte[] body) implements View {
    }

    /** @return the template with the given parameters: name, value, name, value ... */
    static Page page(String template, Object... nameValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new Page(template, m, 200);
    }

    /** @return a redirect to a workbench path */
    static Redirect redirect(String path) {
        return new Redirect(path);
    }
}

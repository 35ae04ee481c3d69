package dev.oakit.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message template in one locale: a subject and a body with {@code {{variable}}} placeholders
 * (spaces inside the braces allowed; a dotted name such as {@code {{order.no}}} reads a nested
 * map). Rendering with a variable missing (absent or null) fails naming every missing one. An
 * optional HTML body is rendered with its variables HTML-escaped, for email.
 *
 * <p>Register templates from a plugin with {@code context.extension(NotificationTemplate.class, t)}
 * or list JSON/YAML files in {@code core.notifications.templates} (format: {@link #parse}).
 * Immutable and thread-safe.
 *
 * @param key template key, e.g. {@code wf.task.assigned}; non-blank, at most 100 characters
 * @param locale the template's language, e.g. {@code zh-CN} or {@code en}; never null
 * @param subject subject / title template; never null (may be empty)
 * @param body plain-text or markdown body template; non-blank
 * @param html HTML body template for email, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NotificationTemplate(String key, Locale locale, String subject, String body, String html) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** Validates the components and the placeholder syntax. */
    public NotificationTemplate {
        Checks.text("key", key, 100);
        Checks.notNull("locale", locale);
        Checks.notNull("subject", subject);
        Checks.text("body", body, 100_000);
        List<ValidationException.Problem> problems = new ArrayList<>();
        checkSyntax("subject", subject, problems);
        checkSyntax("body", body, problems);
        if (html != null) {
            checkSyntax("html", html, problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.TEMPLATE_SYNTAX, "notification template '" + key + "' (" + locale.toLanguageTag() + ")", problems);
        }
    }

    /** @return a template without HTML body; {@code locale} is a language tag such as {@code zh-CN} */
    public static NotificationTemplate of(String key, String locale, String subject, String body) {
        return new NotificationTemplate(key, toLocale("locale", locale), subject, body, null);
    }

    /** @return the variable names the template uses, in order of first use */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (String t : html == null ? List.of(subject, body) : List.of(subject, body, html)) {
            scan(t, (name, start, end) -> names.add(name));
        }
        return names;
    }

    /**
     * Renders the template.
     *
     * @param variables values by name; nested maps serve dotted names; never null
     * @return the rendered message
     * @throws ValidationException ({@code OA-CORE/TEMPLATE_VARIABLE}) naming every variable that has no value
     */
    public RenderedMessage render(Map<String, ?> variables) {
        Checks.notNull("variables", variables);
        Set<String> missing = new LinkedHashSet<>();
        String s = fill(subject, variables, false, missing);
        String b = fill(body, variables, false, missing);
        String h = html == null ? null : fill(html, variables, true, missing);
        if (!missing.isEmpty()) {
            List<ValidationException.Problem> problems = missing.stream()
                    .map(n -> new ValidationException.Problem("variables." + n, "template '" + key + "' ("
                            + locale.toLanguageTag() + ") uses {{" + n + "}} but no value was given; add '" + n + "' to the variables"))
                    .toList();
            throw new ValidationException(CoreErrors.TEMPLATE_VARIABLE, "variables of notification template '" + key + "'", problems);
        }
        return new RenderedMessage(key, locale, s, b, h);
    }

    /**
     * Reads templates from JSON or YAML: either a list of templates or an object with a
     * {@code templates} list; each has {@code key}, {@code locale}, {@code subject}, {@code body}
     * and optionally {@code html}.
     *
     * <pre>{@code
     * templates:
     *   - key: leave.approved
     *     locale: zh-CN
     *     subject: "请假已批准"
     *     body: "{{name}}，您的请假申请已批准。"
     * }</pre>
     *
     * @throws ValidationException naming each invalid entry by its index
     */
    public static List<NotificationTemplate> parse(String jsonOrYaml) {
        Checks.notNull("jsonOrYaml", jsonOrYaml);
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(jsonOrYaml);
        } catch (Exception e) {
            throw ValidationException.of("", "notification templates are neither JSON nor YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root != null && root.isObject() ? root.get("templates") : root;
        if (list == null || !list.isArray()) {
            throw ValidationException.of("templates", "expected a list of templates, or an object with a 'templates' list");
        }
        List<NotificationTemplate> out = new ArrayList<>();
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "templates[" + i + "]";
            try {
                out.add(new NotificationTemplate(text(n, "key"), toLocale(at + ".locale", text(n, "locale")),
                        text(n, "subject") == null ? "" : text(n, "subject"), text(n, "body"), text(n, "html")));
            } catch (ValidationException e) {
                e.problems().forEach(p -> problems.add(new ValidationException.Problem(
                        p.path().startsWith(at) ? p.path() : at + (p.path().isEmpty() ? "" : "." + p.path()), p.message())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.TEMPLATE_SYNTAX, "notification templates", problems);
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Locale toLocale(String field, String tag) {
        Checks.text(field, tag, 35);
        try {
            return new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw ValidationException.of(field, "must be a language tag such as zh-CN or en, was '" + tag + "'");
        }
    }

    private interface Visitor {
        void placeholder(String name, int start, int end);
    }

    /** Calls the visitor for each placeholder; returns an error message for bad syntax, else null. */
    private static String scan(String t, Visitor v) {
        int i = 0;
        while (true) {
            int open = t.indexOf("{{", i);
            if (open < 0) {
                return null;
            }
            int close = t.indexOf("}}", open + 2);
            if (close < 0) {
                return "has '{{' at offset " + open + " without a closing '}}'";
            }
            String name = t.substring(open + 2, close).strip();
            if (!NAME.matcher(name).matches()) {
                return "has an invalid placeholder '" + t.substring(open, close + 2) + "' at offset " + open
                        + "; use {{name}} with letters, digits, '_', '-' and '.'";
            }
            v.placeholder(name, open, close + 2);
            i = close + 2;
        }
    }

    private static void checkSyntax(String field, String t, List<ValidationException.Problem> problems) {
        String error = scan(t, (n, s, e) -> { });
        if (error != null) {
            problems.add(new ValidationException.Problem(field, error));
        }
    }

    private static String fill(String t, Map<String, ?> variables, boolean escapeHtml, Set<String> missing) {
        StringBuilder out = new StringBuilder(t.length() + 32);
        int[] last = {0};
        scan(t, (name, start, end) -> {
            out.append(t, last[0], start);
            Object value = lookup(variables, name);
            if (value == null) {
                missing.add(name);
            } else {
                String s = String.valueOf(value);
                out.append(escapeHtml ? escape(s) : s);
            }
            last[0] = end;
        });
        out.append(t, last[0], t.length());
        return out.toString();
    }

    private static Object lookup(Map<String, ?> variables, String name) {
        if (variables.containsKey(name)) {
            return variables.get(name);
        }
        Object current = variables;
        for (String part : name.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Made on the first {@link #parse}: templates built in Java (every plugin's own) never load a YAML parser. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }
}

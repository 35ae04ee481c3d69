package dev.oakit.ticket.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601) read into its authserv-id and results:
 * {@code mx.example.com 1; dkim=pass (good) header.d=example.com; spf=pass smtp.mailfrom=a@example.com}.
 * Comments go, quoted values are unquoted, names are lower-cased. A header that does not fit the
 * grammar reads as empty, which verifies nobody.
 */
record AuthResults(String authServId, List<Result> results) {
    /** One {@code method=result} with its properties ({@code header.d} → {@code example.com}). */
    record Result(String method, String result, Map<String, String> props) {
    }

    /** @return the header read, or empty when it is not an Authentication-Results value */
    static Optional<AuthResults> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        List<List<String>> parts = tokens(header);
        if (parts == null || parts.isEmpty() || parts.get(0).isEmpty()) {
            return Optional.empty();
        }
        String id = parts.get(0).get(0).toLowerCase(Locale.ROOT);
        List<Result> results = new ArrayList<>();
        for (List<String> part : parts.subList(1, parts.size())) {
            if (part.isEmpty() || part.size() == 1 && part.get(0).equalsIgnoreCase("none")) {
                continue;
            }
            String[] method = keyValue(part.get(0));
            if (method == null) {
                return Optional.empty();
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (String prop : part.subList(1, part.size())) {
                String[] kv = keyValue(prop);
                if (kv == null) {
                    return Optional.empty();
                }
                props.putIfAbsent(kv[0], kv[1]);
            }
            int slash = method[0].indexOf('/');
            results.add(new Result(slash < 0 ? method[0] : method[0].substring(0, slash), method[1].toLowerCase(Locale.ROOT), props));
        }
        return Optional.of(new AuthResults(id, List.copyOf(results)));
    }

    /** @return {@code [lower-case key, value]} of {@code key=value}, or null */
    private static String[] keyValue(String token) {
        int eq = token.indexOf('=');
        if (eq <= 0 || eq == token.length() - 1) {
            return null;
        }
        return new String[]{token.substring(0, eq).toLowerCase(Locale.ROOT), token.substring(eq + 1)};
    }

    /**
     * Splits the header at ';' into parts and each part into tokens, dropping comments (nested
     * parentheses), unquoting quoted strings and joining {@code a = b} into {@code a=b}.
     *
     * @return the parts, or null when quotes or parentheses do not close
     */
    private static List<List<String>> tokens(String header) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        StringBuilder token = null;
        boolean glue = false; // the last thing seen outside a token was '=', or a token ended with '='
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < header.length()) {
                    token.append(header.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    token.append(c);
                }
            } else if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth = 1;
                token = end(part, token);
            } else if (c == ';') {
                token = end(part, token);
                parts.add(part);
                part = new ArrayList<>();
                glue = false;
            } else if (Character.isWhitespace(c)) {
                token = end(part, token);
            } else {
                if (token == null) {
                    if (c != '=' && glue && !part.isEmpty()) {
                        token = new StringBuilder(part.remove(part.size() - 1)); // "a =b" or "a= b"
                    } else if (c == '=' && !part.isEmpty()) {
                        token = new StringBuilder(part.remove(part.size() - 1)); // "a =b"
                    } else {
                        token = new StringBuilder();
                    }
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    token.append(c);
                }
                glue = c == '=';
            }
        }
        if (quoted || depth > 0) {
            return null;
        }
        end(part, token);
        parts.add(part);
        return parts;
    }

    private static StringBuilder end(List<String> part, StringBuilder token) {
        if (token != null) {
            part.add(token.toString());
        }
        return null;
    }

    /** @return the results of the method ({@code dkim}, {@code spf}), in header order */
    List<Result> of(String method) {
        return results.stream().filter(r -> r.method().equals(method)).toList();
    }
}

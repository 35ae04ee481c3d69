package dev.oakit.core.internal.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * What {@link DirectMigrations} needs of a migration script, done as Flyway does it: its checksum, its placeholders
 * filled in, its statements. Each refuses (returns null) what only Flyway's parser handles, so that the caller leaves
 * the script to Flyway.
 */
final class SqlScripts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** Statements whose body holds semicolons of its own, or that Flyway's parser treats as a block. */
    private static final Pattern BLOCK = Pattern.compile(
            "^(CREATE\\s+(OR\\s+REPLACE\\s+)?(FORCE\\s+)?(ALIAS|TRIGGER|FUNCTION|PROCEDURE)\\b|DELIMITER\\b|BEGIN\\b|DO\\b)");

    private SqlScripts() {
    }

    /**
     * Flyway's checksum of a versioned script (its {@code ChecksumCalculator}): CRC-32 over the UTF-8 bytes of each line
     * without its line break, a byte-order mark left out, so that line endings do not change it.
     */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader r = new BufferedReader(new StringReader(text), 4096)) {
            String line = r.readLine();
            if (line != null) {
                line = withoutBom(line);
                do {
                    crc.update(line.getBytes(StandardCharsets.UTF_8));
                } while ((line = r.readLine()) != null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return (int) crc.getValue();
    }

    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * @return the text with each {@code ${name}} replaced by its value, or null when a placeholder has no value or is one of
     *         Flyway's own ({@code ${flyway:...}}), which Flyway then fills in or reports
     */
    static String fill(String text, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Splits a script into its statements at the semicolons outside strings, quoted names and comments (each statement
     * keeps its comments, as Flyway sends them).
     *
     * @return the statements, or null when the script holds what only Flyway's parser knows: dollar quoting, a block
     *         (routine, trigger, alias, {@code BEGIN}), a {@code DELIMITER}, an unclosed string or comment, a Flyway
     *         directive
     */
    static List<String> split(String text) {
        if (text.contains("$$") || text.toLowerCase(Locale.ROOT).contains("flyway:")) {
            return null;
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = text.indexOf("*/", i + 2);
                if (end < 0 || text.substring(i + 2, end).contains("/*")) {
                    return null; // unclosed or nested: Flyway's parser decides
                }
                end += 2;
            } else if (c == '\'' || c == '"') {
                end = closing(text, i, c);
                if (end < 0) {
                    return null;
                }
            } else if (c == ';') {
                if (!add(statements, current.toString())) {
                    return null;
                }
                current.setLength(0);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            current.append(text, i, end);
            i = end;
        }
        return add(statements, current.toString()) ? statements : null;
    }

    /** @return the index after the quote closing the one at {@code start} (a doubled quote is part of the text), or -1 */
    private static int closing(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** Adds the statement unless it is only blanks and comments; @return false when it is a block this splitter refuses */
    private static boolean add(List<String> statements, String statement) {
        String code = withoutLeadingComments(statement);
        if (code.isEmpty()) {
            return true;
        }
        if (BLOCK.matcher(code.toUpperCase(Locale.ROOT)).find()) {
            return false;
        }
        statements.add(statement.strip());
        return true;
    }

    private static String withoutLeadingComments(String s) {
        String t = s.strip();
        while (true) {
            if (t.startsWith("--")) {
                int nl = t.indexOf('\n');
                t = nl < 0 ? "" : t.substring(nl + 1).strip();
            } else if (t.startsWith("/*")) {
                t = t.substring(t.indexOf("*/") + 2).strip();
            } else {
                return t;
            }
        }
    }
}

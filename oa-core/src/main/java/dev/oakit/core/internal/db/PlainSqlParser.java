package dev.oakit.core.internal.db;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Jdbi's default SQL parser ({@code ColonPrefixSqlParser}: {@code :name} and {@code ?} parameters) written out by hand,
 * with the same result for every text: Jdbi's runs an ANTLR lexer whose predicates ({@code :} not followed by {@code :},
 * {@code ?} not followed by {@code ?}) keep it from caching its decisions, so every statement of a fresh JVM was lexed
 * by ANTLR's simulator, interpreted, and its first use loaded and initialised about a hundred ANTLR classes. What its
 * grammar says, token by token at each position (the longest match, the earlier rule on a tie):
 * <ul>
 *   <li>a comment, {@code /*...*}{@code /} (to the first end), {@code --...} or {@code //...} (to the end of the line),
 *   a quoted text {@code '...'} (a quote inside it only after a backslash; the longest such text) and a double-quoted
 *   text {@code "..."} (not empty) are copied;</li>
 *   <li>a backslash and the character after it become that character;</li>
 *   <li>{@code :} not followed by {@code :}, then one or more name characters (letters, digits, {@code $ _ .}, any
 *   non-ASCII character but a high surrogate, or {@code ?.}) is a named parameter;</li>
 *   <li>{@code ?} not followed by {@code ?} is a positional parameter;</li>
 *   <li>{@code ::}, {@code ??} and any other character are copied.</li>
 * </ul>
 * {@code PlainSqlParserProperties} holds it to Jdbi's parser over random texts and over every string of OAKit's sources.
 * Parsed statements are kept (up to {@value #KEPT}, the statements of OAKit's modules are far fewer), shared JVM-wide.
 */
public final class PlainSqlParser implements SqlParser {
    /** The one instance: it keeps no state but the parsed statements, which depend on their text alone. */
    public static final PlainSqlParser INSTANCE = new PlainSqlParser();
    static final int KEPT = 2_000;
    /** Statements longer than this are read for each use, not kept. */
    static final int KEPT_LENGTH = 2_048;

    private final ConcurrentHashMap<String, ParsedSql> parsed = new ConcurrentHashMap<>();

    private PlainSqlParser() {
    }

    @Override
    public ParsedSql parse(String sql, StatementContext ctx) {
        ParsedSql p = parsed.get(sql);
        if (p == null) {
            p = read(sql);
            if (sql.length() <= KEPT_LENGTH) { // a long text is made for one use (an IN list, literals): not kept
                if (parsed.size() >= KEPT) {
                    parsed.clear(); // reading again is cheap; a full cache must not keep later statements out for good
                }
                parsed.putIfAbsent(sql, p);
            }
        }
        return p;
    }

    @Override
    public String nameParameter(String rawName, StatementContext ctx) {
        return ":" + rawName;
    }

    /** @return the statement as Jdbi's colon-prefix parser reads it, not kept */
    public static ParsedSql read(String sql) {
        ParsedSql.Builder out = ParsedSql.builder();
        int n = sql.length();
        int literalFrom = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            switch (c) {
                case '/', '-' -> end = commentEnd(sql, i);
                case '\'' -> end = quotedEnd(sql, i);
                case '"' -> end = doubleQuotedEnd(sql, i);
                case '\\' -> {
                    if (i + 1 < n) {
                        out.append(sql.substring(literalFrom, i));
                        literalFrom = i + 1; // the escaped character stays, the backslash goes
                        i += 1 + Character.charCount(sql.codePointAt(i + 1));
                        continue;
                    }
                    end = -1;
                }
                case ':' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == ':') {
                        end = i + 2;
                    } else {
                        int nameEnd = nameEnd(sql, i + 1);
                        if (nameEnd > i + 1) {
                            out.append(sql.substring(literalFrom, i));
                            out.appendNamedParameter(sql.substring(i + 1, nameEnd));
                            literalFrom = nameEnd;
                            i = nameEnd;
                            continue;
                        }
                        end = -1;
                    }
                }
                case '?' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '?') {
                        end = i + 2;
                    } else {
                        out.append(sql.substring(literalFrom, i));
                        out.appendPositionalParameter();
                        literalFrom = i + 1;
                        i++;
                        continue;
                    }
                }
                default -> end = -1;
            }
            i = end > i ? end : i + 1;
        }
        out.append(sql.substring(literalFrom, n));
        return out.build();
    }

    /** @return the end (exclusive) of the comment that starts at {@code i}, or -1 when none does */
    private static int commentEnd(String sql, int i) {
        int n = sql.length();
        if (i + 1 >= n) {
            return -1;
        }
        char c = sql.charAt(i);
        char next = sql.charAt(i + 1);
        if (c == '/' && next == '*') {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? -1 : close + 2;
        }
        if ((c == '/' && next == '/') || (c == '-' && next == '-')) {
            int j = i + 2;
            while (j < n && sql.charAt(j) != '\r' && sql.charAt(j) != '\n') {
                j++;
            }
            return j;
        }
        return -1;
    }

    /**
     * @return the end (exclusive) of the longest quoted text at {@code i}, or -1: a quote closes it, and one after a
     *     backslash may also be taken as part of it, so the text reaches the last quote before the first quote that
     *     follows no backslash
     */
    private static int quotedEnd(String sql, int i) {
        int n = sql.length();
        int last = -1;
        for (int j = i + 1; j < n; j++) {
            if (sql.charAt(j) == '\'') {
                last = j + 1;
                if (sql.charAt(j - 1) != '\\' || j - 1 == i) {
                    break;
                }
            }
        }
        return last;
    }

    private static int doubleQuotedEnd(String sql, int i) {
        if (i + 1 >= sql.length() || sql.charAt(i + 1) == '"') {
            return -1;
        }
        int close = sql.indexOf('"', i + 2);
        return close < 0 ? -1 : close + 1;
    }

    /** @return the end (exclusive) of the run of name characters from {@code from} ({@code from} when there is none) */
    private static int nameEnd(String sql, int from) {
        int n = sql.length();
        int j = from;
        while (j < n) {
            int cp = sql.codePointAt(j);
            if (isNameChar(cp)) {
                j += Character.charCount(cp);
            } else if (cp == '?' && j + 1 < n && sql.charAt(j + 1) == '.') {
                j += 2;
            } else {
                break;
            }
        }
        return j;
    }

    /** Jdbi's {@code JAVA_LETTER | [0-9] | '.'} over code points: a lone high surrogate is none, a lone low one is. */
    static boolean isNameChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '$' || cp == '_'
                    || cp == '.';
        }
        return cp < Character.MIN_HIGH_SURROGATE || cp > Character.MAX_HIGH_SURROGATE;
    }

    /**
     * Jdbi's default template engine ({@code <name>} replaced by the statement's attribute of that name, a backslash
     * dropped before the character it escapes) without its ANTLR lexer for a text that has neither: such a text is
     * its own rendering. Any other text goes to Jdbi's engine.
     */
    public static final class Templates implements TemplateEngine.Parsing {
        public static final Templates INSTANCE = new Templates();
        private final DefinedAttributeTemplateEngine jdbis = new DefinedAttributeTemplateEngine();

        private Templates() {
        }

        @Override
        public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
            return isPlain(template) ? Optional.of(ctx -> template) : jdbis.parse(template, config);
        }

        /** @return true when no {@code <} is followed by a name character and no backslash occurs */
        static boolean isPlain(String template) {
            int n = template.length();
            for (int i = 0; i < n; i++) {
                char c = template.charAt(i);
                if (c == '\\' || (c == '<' && i + 1 < n && isNameChar(template.codePointAt(i + 1)))) {
                    return false;
                }
            }
            return true;
        }
    }
}

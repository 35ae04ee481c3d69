package dev.oakit.core.internal.db;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainSqlParser} reads every text as Jdbi's {@code ColonPrefixSqlParser} does (the same SQL, the same parameters,
 * the same failure), and its template engine renders a text without {@code <name>} or backslash as itself, as Jdbi's
 * {@code DefinedAttributeTemplateEngine} does: over random texts made of the pieces the grammar treats apart (quotes,
 * escapes, comments, {@code ::} casts, {@code :name}, {@code ?}, {@code ??}, {@code ?.}, non-ASCII and surrogate
 * characters), and over every string literal in the main sources of all of OAKit's modules, joined where the source
 * concatenates literals (each statement OAKit runs through Jdbi is one or is made of them).
 */
class PlainSqlParserProperties {
    private static final List<String> PIECES = List.of("'", "'", "\"", "\"", "\\", "\\'", ":", ":", "::", ":=", "?", "?", "??",
            "?.", ".", "/*", "*/", "/", "*", "--", "-", "//", "\n", "\r", " ", " ", "<", ">", "<a>", "a", "id", "t_1", "$x", "_",
            "9", "é", "中", "\uD83D\uDE00", "\uD800", "\uDC00", "SELECT ", " FROM t", " WHERE x = ", "(", ")", ",", "=", "a.b",
            "CAST(", " AS INT)", "'it''s'", "E'\\n'", "\t", "#", ":a#b");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 5000)
    void aRandomTextParsesAsJdbisParserParsesIt(@ForAll("texts") String sql) {
        assertThat(plain(sql)).as(sql).isEqualTo(jdbis(sql));
    }

    @Property(tries = 3000)
    void aRandomTextWithoutDefinesRendersAsJdbisTemplateEngineRendersIt(@ForAll("texts") String sql) {
        if (PlainSqlParser.Templates.isPlain(sql)) {
            ConfigRegistry config = new ConfigRegistry();
            assertThat(PlainSqlParser.Templates.INSTANCE.parse(sql, config).orElseThrow().apply(null)).isEqualTo(sql);
            // Jdbi's engine asks the context only for a <name>: a text it renders without one has none
            assertThat(new DefinedAttributeTemplateEngine().parse(sql, config).orElseThrow().apply(null)).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void everyStringOfOakitsSourcesParsesAsJdbisParserParsesIt() {
        Set<String> strings = sourceStrings();
        assertThat(strings).as("strings found in the modules' main sources").hasSizeGreaterThan(2_000)
                .anyMatch(s -> s.startsWith("SELECT ") && s.contains(" = :t"));
        for (String s : strings) {
            assertThat(plain(s)).as(s).isEqualTo(jdbis(s));
            if (PlainSqlParser.Templates.isPlain(s)) {
                assertThat(new DefinedAttributeTemplateEngine().parse(s, new ConfigRegistry()).orElseThrow().apply(null)).isEqualTo(s);
            }
        }
    }

    @Test
    void theParsedStatementIsKeptAndNamesParametersWithAColon() {
        String sql = "SELECT x FROM t WHERE a = :a AND b::text = :b.c";
        ParsedSql first = PlainSqlParser.INSTANCE.parse(sql, null);
        assertThat(PlainSqlParser.INSTANCE.parse(sql, null)).isSameAs(first).isEqualTo(jdbis(sql));
        assertThat(first.getParameters().getParameterNames()).containsExactly("a", "b.c");
        assertThat(PlainSqlParser.INSTANCE.nameParameter("a", null)).isEqualTo(new ColonPrefixSqlParser().nameParameter("a", null));
    }

    private static Object plain(String sql) {
        try {
            return PlainSqlParser.read(sql);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static Object jdbis(String sql) {
        try {
            return new ColonPrefixSqlParser().parse(sql, null);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The string literals of every module's main sources, and each run of literals joined by {@code +}. */
    private static Set<String> sourceStrings() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("oa-core/src/main/java"))) {
            root = root.getParent();
        }
        Objects.requireNonNull(root, "the repository's root above the working directory");
        Set<String> strings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList()) {
                strings.addAll(literals(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return strings;
    }

    /** A small Java lexer: comments, character literals, string literals and text blocks; literals joined by '+'. */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        StringBuilder run = null;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = src.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int e = src.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                run = flush(out, run);
            } else if (c == '"') {
                StringBuilder lit = new StringBuilder();
                int j;
                if (src.startsWith("\"\"\"", i)) {
                    j = src.indexOf('\n', i) + 1;
                    int e = src.indexOf("\"\"\"", j);
                    lit.append(src, j, e); // text blocks: kept as written (indentation included)
                    j = e + 3;
                } else {
                    j = i + 1;
                    while (j < n && src.charAt(j) != '"') {
                        if (src.charAt(j) == '\\' && j + 1 < n) {
                            lit.append(unescape(src.charAt(j + 1)));
                            j += 2;
                        } else {
                            lit.append(src.charAt(j++));
                        }
                    }
                    j++;
                }
                out.add(lit.toString());
                run = run == null ? new StringBuilder(lit) : run.append(lit);
                i = j;
                int k = i;
                while (k < n && Character.isWhitespace(src.charAt(k))) {
                    k++;
                }
                if (k < n && src.charAt(k) == '+') {
                    i = k + 1;
                } else {
                    run = flush(out, run);
                }
            } else {
                if (!Character.isWhitespace(c)) {
                    run = flush(out, run);
                }
                i++;
            }
        }
        flush(out, run);
        return out;
    }

    private static StringBuilder flush(List<String> out, StringBuilder run) {
        if (run != null) {
            out.add(run.toString());
        }
        return null;
    }

    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 's' -> " ";
            case '0' -> "\0";
            default -> String.valueOf(c);
        };
    }
}

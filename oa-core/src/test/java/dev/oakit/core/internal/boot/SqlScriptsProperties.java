package dev.oakit.core.internal.boot;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.StringResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct migrations' checksum is Flyway's; the splitter gives back the statements a script was made of. */
class SqlScriptsProperties {

    @Property(tries = 300)
    void theChecksumIsFlyways(@ForAll("scripts") String text) {
        assertThat(SqlScripts.checksum(text)).isEqualTo(ChecksumCalculator.calculate(new StringResource(text)));
    }

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> line = Arbitraries.strings().withChars("abc ;'\"é中-*/\t").ofMaxLength(30);
        Arbitrary<String> end = Arbitraries.of("\n", "\r\n", "\r");
        return Arbitraries.of("", "\uFEFF").flatMap(bom -> line.list().ofMaxSize(6).flatMap(lines ->
                end.list().ofSize(lines.size()).map(ends -> {
                    StringBuilder b = new StringBuilder(bom);
                    for (int i = 0; i < lines.size(); i++) {
                        b.append(lines.get(i)).append(ends.get(i));
                    }
                    return b.toString();
                })));
    }

    @Property(tries = 300)
    void statementsJoinedBySemicolonsSplitBack(@ForAll("statements") List<String> statements) {
        String script = String.join(";\n", statements) + ";\n-- the end\n";
        assertThat(SqlScripts.split(script)).isEqualTo(statements);
    }

    @Provide
    Arbitrary<List<String>> statements() {
        // semicolons inside strings, quoted names and comments are part of the statement
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc ;").ofMinLength(1).ofMaxLength(8).map(s -> "'" + s + "'"),
                Arbitraries.strings().withChars("ab'").ofMinLength(1).ofMaxLength(6).map(s -> "'" + s.replace("'", "''") + "'"),
                Arbitraries.strings().withChars("ab ;").ofMinLength(1).ofMaxLength(6).map(s -> "\"" + s + "\""),
                Arbitraries.strings().withChars("ab ;").ofMaxLength(8).map(s -> "/* " + s + " */"),
                Arbitraries.strings().withChars("ab ;").ofMaxLength(8).map(s -> "-- " + s + "\n"),
                Arbitraries.of("x", "1", "=", ","));
        return part.list().ofMinSize(1).ofMaxSize(5).map(ps -> "SELECT " + String.join(" ", ps) + " x")
                .list().ofMinSize(1).ofMaxSize(4);
    }

    @Example
    void whatOnlyFlywaysParserKnowsIsRefused() {
        assertThat(SqlScripts.split("CREATE ALIAS f AS $$ String f() { return \"a;\"; } $$;")).isNull();
        assertThat(SqlScripts.split("CREATE TABLE t (id INT);\nCREATE TRIGGER tr BEFORE INSERT ON t CALL \"a.B\";")).isNull();
        assertThat(SqlScripts.split("-- a comment\nCREATE OR REPLACE FUNCTION f() RETURNS INT AS 'SELECT 1';")).isNull();
        assertThat(SqlScripts.split("SELECT 'unclosed;")).isNull();
        assertThat(SqlScripts.split("SELECT 1 /* unclosed")).isNull();
        assertThat(SqlScripts.split("-- flyway:executeInTransaction=false\nSELECT 1;")).isNull();
        assertThat(SqlScripts.fill("SELECT '${flyway:user}'", Map.of())).isNull();
        assertThat(SqlScripts.fill("CREATE TABLE t (id ${id}, at ${ts})", Map.of("id", "INT", "ts", "TIMESTAMP(6)")))
                .isEqualTo("CREATE TABLE t (id INT, at TIMESTAMP(6))");
    }
}

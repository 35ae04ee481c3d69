package dev.oakit.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A module's main sources read as text, for the rules its compiled classes cannot show: the SQL in
 * its string literals and {@code .sql} resources, and the constants javac copies into the classes
 * that use them (so that no dependency on their class is left for ArchUnit to see). Each file is
 * split into its string literals (text blocks included) and its code with comments and literals
 * blanked out, line numbers kept.
 */
public final class ModuleSources {
    /** A string literal, a text block or a line of SQL: where it is and its raw text. */
    public record Literal(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** One Java source file: its text, its literals and its code without comments and literals. */
    public record JavaFile(Path path, String source, List<Literal> literals, String code) {
    }

    private final Path root;
    private final List<JavaFile> java;
    private final List<Literal> sql;

    private ModuleSources(Path root, List<JavaFile> java, List<Literal> sql) {
        this.root = root;
        this.java = java;
        this.sql = sql;
    }

    /** @return the main sources of the module whose tests run now (Maven runs them in the module's directory) */
    public static ModuleSources ofThisModule() {
        return of(Path.of("").toAbsolutePath());
    }

    /** @return the main sources under {@code moduleDir}/src/main; fails when there are no Java sources there */
    public static ModuleSources of(Path moduleDir) {
        Path javaRoot = moduleDir.resolve("src/main/java");
        if (!Files.isDirectory(javaRoot)) {
            throw new IllegalStateException("no main Java sources under " + javaRoot.toAbsolutePath()
                    + "; run the test from the module's directory (Maven does)");
        }
        List<JavaFile> java = new ArrayList<>();
        for (Path f : files(javaRoot, ".java")) {
            java.add(parse(moduleDir.relativize(f), read(f)));
        }
        List<Literal> sql = new ArrayList<>();
        Path resources = moduleDir.resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            for (Path f : files(resources, ".sql")) {
                String[] lines = read(f).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    int comment = lines[i].indexOf("--");
                    String statement = comment < 0 ? lines[i] : lines[i].substring(0, comment);
                    if (!statement.isBlank()) {
                        sql.add(new Literal(moduleDir.relativize(f), i + 1, statement));
                    }
                }
            }
        }
        return new ModuleSources(moduleDir, List.copyOf(java), List.copyOf(sql));
    }

    /** @return the module's directory */
    public Path root() {
        return root;
    }

    /** @return every main Java source file */
    public List<JavaFile> javaFiles() {
        return java;
    }

    /** @return every string literal and text block of the main Java sources */
    public List<Literal> literals() {
        return java.stream().flatMap(f -> f.literals().stream()).toList();
    }

    /** @return every line of the {@code .sql} resources that holds SQL (comments removed) */
    public List<Literal> sqlLines() {
        return sql;
    }

    /**
     * @return the packages (as source directories relative to the module) holding Java files but
     *     no {@code package-info.java} whose javadoc has a sentence
     */
    public List<Path> packagesWithoutDescription() {
        Map<Path, Boolean> described = new TreeMap<>();
        for (JavaFile f : java) {
            Path dir = f.path().getParent();
            boolean info = f.path().getFileName().toString().equals("package-info.java")
                    && DESCRIBED.matcher(f.source()).find();
            described.merge(dir, info, Boolean::logicalOr);
        }
        return described.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    /** A javadoc comment with a sentence: a word, then a full stop. */
    private static final Pattern DESCRIBED = Pattern.compile("/\\*\\*[^.]*\\w[^.]*\\.", Pattern.DOTALL);

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits Java source into literals and code; comments and literals become blanks in the code (newlines stay). */
    static JavaFile parse(Path path, String src) {
        List<Literal> literals = new ArrayList<>();
        StringBuilder code = new StringBuilder(src.length());
        int line = 1;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
                int end = src.indexOf('\n', i);
                end = end < 0 ? src.length() : end;
                blank(code, src, i, end);
                i = end;
            } else if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                line += blank(code, src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = closing(src, i + 3, "\"\"\"");
                literals.add(new Literal(path, line, src.substring(i + 3, Math.max(i + 3, end - 3))));
                line += blank(code, src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = closing(src, i + 1, String.valueOf(c));
                if (c == '"') {
                    literals.add(new Literal(path, line, src.substring(i + 1, Math.max(i + 1, end - 1))));
                }
                line += blank(code, src, i, end);
                i = end;
            } else {
                code.append(c);
                if (c == '\n') {
                    line++;
                }
                i++;
            }
        }
        return new JavaFile(path, src, List.copyOf(literals), code.toString());
    }

    /** @return the index after the closing quote(s), skipping escaped characters */
    private static int closing(String src, int from, String quote) {
        int i = from;
        while (i < src.length()) {
            if (src.charAt(i) == '\\') {
                i += 2;
            } else if (src.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return src.length();
    }

    /** Appends blanks for {@code src[from, to)}, keeping its newlines; returns how many there were. */
    private static int blank(StringBuilder code, String src, int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            boolean nl = src.charAt(i) == '\n';
            code.append(nl ? '\n' : ' ');
            newlines += nl ? 1 : 0;
        }
        return newlines;
    }
}

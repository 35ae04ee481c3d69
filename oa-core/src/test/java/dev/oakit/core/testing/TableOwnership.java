package dev.oakit.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One owner per table, across modules: a module's SQL (the string literals of its main Java
 * sources and its {@code .sql} resources) names only tables with its own prefix. Another module's
 * data is reached through that module's API or SPI. Each module's architecture test calls
 * {@link #assertOnlyOwnTables} with its prefix.
 */
public final class TableOwnership {
    /** A table or index name with a module prefix: {@code oa_<module>_<name>}. */
    private static final Pattern TABLE = Pattern.compile("(?<![A-Za-z0-9_$])oa_([a-z0-9]+)_[A-Za-z0-9_]+");

    private TableOwnership() {
    }

    /**
     * Fails, naming every place, when the module's SQL names a table of another module.
     *
     * @param ownPrefix the module's table prefix, e.g. {@code oa_wf_}
     */
    public static void assertOnlyOwnTables(ModuleSources sources, String ownPrefix) {
        List<String> problems = violations(sources, ownPrefix);
        if (!problems.isEmpty()) {
            throw new AssertionError("The SQL of " + sources.root().getFileName() + " (tables " + ownPrefix + "*) names "
                    + problems.size() + " table(s) of other modules; reach their data through the owning module's API or SPI:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** @return one line per place where the sources name a table whose prefix is not {@code ownPrefix} */
    public static List<String> violations(ModuleSources sources, String ownPrefix) {
        if (!TABLE.matcher(ownPrefix + "x").matches() || !ownPrefix.endsWith("_")) {
            throw new IllegalArgumentException("a table prefix looks like oa_<module>_, was '" + ownPrefix + "'");
        }
        List<String> problems = new ArrayList<>();
        List<ModuleSources.Literal> all = new ArrayList<>(sources.literals());
        all.addAll(sources.sqlLines());
        for (ModuleSources.Literal l : all) {
            Matcher m = TABLE.matcher(l.text());
            while (m.find()) {
                if (!m.group().startsWith(ownPrefix)) {
                    int line = l.line() + (int) l.text().substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    problems.add(l.file() + ":" + line + " names " + m.group() + " (tables oa_" + m.group(1) + "_* belong to another module)");
                }
            }
        }
        return problems;
    }
}

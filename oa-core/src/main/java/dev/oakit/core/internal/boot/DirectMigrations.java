package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.db.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A module's migrations on an H2 database where its schema history table does not exist yet, run without Flyway: the
 * same scripts in version order, their placeholders filled in, statement by statement over JDBC, and the history
 * table with the rows Flyway would have written (its DDL for H2, its marker and baseline rows, version, description,
 * type, script, checksum, rank, success), so that every later start runs Flyway, which validates them and applies newer
 * migrations on top. Flyway's own set-up (its configuration, plugins, location scan, parser) is most of an empty
 * database's migration time in a fresh JVM.
 *
 * <p>Nothing is guessed: anything this class does not handle as Flyway would (another database, a location that is
 * not a plain class path folder, a file that is not a {@code V<n>__<words>.sql} script, a Flyway placeholder or
 * directive, a block statement) makes it return false, and the caller runs Flyway. Several nodes starting at once
 * take the lock Flyway takes on H2 (the history table's rows, {@code FOR UPDATE}) around each migration and re-read the
 * history under it, so they can mix with nodes running Flyway. A failing migration leaves what Flyway leaves on H2,
 * whose DDL is not transactional: the rows of the migrations before it and a failed row for it.
 */
final class DirectMigrations {
    /**
     * System property: {@code false} makes every start run Flyway, also on an empty H2 database; only {@code true} or
     * {@code false} (see {@link SystemSwitches}).
     */
    static final String PROPERTY = "oakit.migrations.direct";
    private static final Logger LOG = LoggerFactory.getLogger(DirectMigrations.class);
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]{1,190})\\.sql");
    private static final String CLASSPATH = "classpath:";

    /** One versioned script, its placeholders filled in and split. */
    record Script(int version, String description, String name, int checksum, List<String> statements) {
    }

    /** A migration of the fast path failed; the history records it as Flyway would. */
    static final class Failed extends RuntimeException {
        Failed(String message, SQLException cause) {
            super(message, cause);
        }
    }

    private DirectMigrations() {
    }

    /** @throws dev.oakit.core.ConfigurationException when {@value #PROPERTY} is neither true nor false */
    static boolean enabled() {
        return SystemSwitches.on(PROPERTY);
    }

    /**
     * Runs the module's migrations directly if this class can run all of them as Flyway would.
     *
     * @return true when the module is migrated (by this node or, meanwhile, another); false when Flyway must run
     * @throws Failed when a migration failed (recorded as Flyway records it)
     */
    static boolean migrate(DataSource dataSource, Dialect dialect, Migrations.Module module) {
        if (dialect != Dialect.H2) {
            return false;
        }
        String table = "oa_" + module.id().replace('-', '_') + "_schema_history";
        try (Connection lock = dataSource.getConnection(); Connection work = dataSource.getConnection()) {
            String schema = query(lock, "SELECT SCHEMA()");
            if (exists(lock, schema, table)) {
                return false;
            }
            List<Script> scripts = scripts(Migrations.class.getClassLoader(), module.locations(), dialect.placeholders());
            if (scripts == null) {
                return false;
            }
            String user = query(lock, "SELECT USER()");
            String history = quote(schema) + "." + quote(table);
            if (!create(lock, schema, table, history, user)) {
                return false; // another node created it meanwhile: Flyway waits for its lock
            }
            return run(lock, work, module, history, user, scripts);
        } catch (SQLException e) {
            throw new Failed("migrations of '" + module.id() + "' could not start: " + e.getMessage(), e);
        }
    }

    /** Flyway's H2 history table, with its marker row (and its baseline row when the schema already has tables). */
    private static boolean create(Connection c, String schema, String table, String history, String user) throws SQLException {
        boolean baseline;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                baseline = rs.getLong(1) > 0;
            }
        }
        String by = literal(user);
        // one statement, so that no other node sees the table without its baseline row
        String create = "CREATE TABLE " + history + " (\n"
                + "    \"installed_rank\" INT NOT NULL,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL,\n"
                + "    CONSTRAINT " + quote(table + "_pk") + " PRIMARY KEY (\"installed_rank\")\n"
                + ") AS SELECT -1, NULL, '<< Flyway Schema History table created >>', 'TABLE', '', NULL, " + by
                + ", CURRENT_TIMESTAMP, 0, TRUE"
                + (baseline ? " UNION ALL SELECT 1, '0', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, "
                + by + ", CURRENT_TIMESTAMP, 0, TRUE" : "");
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(create);
        } catch (SQLException e) {
            if (exists(c, schema, table)) {
                return false;
            }
            throw e;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX " + quote(schema) + "." + quote(table + "_s_idx") + " ON " + history + " (\"success\")");
        }
        return true;
    }

    private static boolean run(Connection lock, Connection work, Migrations.Module module, String history, String user,
                               List<Script> scripts) throws SQLException {
        lock.setAutoCommit(false);
        for (int i = 0; i < scripts.size(); i++) {
            Script script = scripts.get(i);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT * FROM " + history + " FOR UPDATE"); // Flyway's lock on H2, held until the commit
            }
            List<Integer> applied = new ArrayList<>();
            int rank = 0;
            try (Statement s = lock.createStatement();
                 ResultSet rs = s.executeQuery("SELECT \"installed_rank\", \"version\", \"type\", \"success\" FROM " + history
                         + " WHERE \"type\" NOT IN ('TABLE', 'BASELINE') ORDER BY \"installed_rank\"")) {
                while (rs.next()) {
                    if (!rs.getBoolean(4) || !"SQL".equals(rs.getString(3))) {
                        applied.add(-1);
                    } else {
                        applied.add(Integer.parseInt(rs.getString(2)));
                    }
                }
            }
            try (Statement s = lock.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(\"installed_rank\") FROM " + history)) {
                rs.next();
                rank = Math.max(rs.getInt(1), 0) + 1;
            }
            List<Integer> expected = scripts.subList(0, i).stream().map(Script::version).toList();
            if (!applied.equals(expected)) {
                lock.commit();
                // another node (fast or through Flyway) got ahead: Flyway takes the rest from here
                return applied.size() == scripts.size() && applied.equals(scripts.stream().map(Script::version).toList());
            }
            long started = System.nanoTime();
            SQLException failure = apply(work, script);
            int millis = (int) ((System.nanoTime() - started) / 1_000_000);
            insert(lock, history, rank, script, user, millis, failure == null);
            lock.commit();
            if (failure != null) {
                throw new Failed("migration " + script.name() + " of '" + module.id() + "' failed: " + failure.getMessage()
                        + "; the schema history records it as failed (as Flyway does on H2): undo what it changed, delete its row"
                        + " from " + history + " and start again", failure);
            }
        }
        lock.setAutoCommit(true);
        LOG.info("Migrated '{}' to version {} ({} migrations, directly: its schema history table was new)", module.id(),
                scripts.get(scripts.size() - 1).version(), scripts.size());
        return true;
    }

    /** @return null when every statement ran and was committed, else the failure (after a rollback) */
    private static SQLException apply(Connection work, Script script) {
        LOG.info("Migrating to version \"{} - {}\"", script.version(), script.description());
        try {
            work.setAutoCommit(false);
            try (Statement s = work.createStatement()) {
                for (String sql : script.statements()) {
                    s.execute(sql);
                }
            }
            work.commit();
            return null;
        } catch (SQLException e) {
            try {
                work.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            return e;
        } finally {
            try {
                work.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection goes back to the pool, which resets it
            }
        }
    }

    private static void insert(Connection c, String history, int rank, Script script, String user, int millis, boolean success)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + history + " (\"installed_rank\", \"version\", \"description\","
                + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, rank);
            p.setString(2, Integer.toString(script.version()));
            p.setString(3, script.description());
            p.setString(4, "SQL");
            p.setString(5, script.name());
            p.setInt(6, script.checksum());
            p.setString(7, user);
            p.setInt(8, millis);
            p.setBoolean(9, success);
            p.executeUpdate();
        }
    }

    /**
     * @return the module's scripts in version order, or null when a location holds anything but plain versioned SQL
     *         scripts this class can run, or two scripts share a version (Flyway reports that)
     */
    static List<Script> scripts(ClassLoader loader, List<String> locations, Map<String, String> placeholders) {
        List<Script> all = new ArrayList<>();
        Set<Integer> versions = new HashSet<>();
        try {
            for (String location : locations) {
                if (!location.startsWith(CLASSPATH)) {
                    return null;
                }
                String folder = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
                List<String> names = names(loader, folder);
                if (names == null || names.isEmpty()) {
                    return null; // Flyway reports a missing location
                }
                for (String name : names) {
                    Script s = script(loader, folder, name, placeholders);
                    if (s == null || !versions.add(s.version())) {
                        return null;
                    }
                    all.add(s);
                }
            }
        } catch (IOException | URISyntaxException e) {
            LOG.debug("migrations at {} left to Flyway", locations, e);
            return null;
        }
        all.sort(Comparator.comparingInt(Script::version));
        return all;
    }

    private static Script script(ClassLoader loader, String folder, String name, Map<String, String> placeholders) throws IOException {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String text;
        try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                return null;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String filled = SqlScripts.fill(SqlScripts.withoutBom(text), placeholders);
        List<String> statements = filled == null ? null : SqlScripts.split(filled);
        if (statements == null) {
            return null;
        }
        return new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), name, SqlScripts.checksum(text), statements);
    }

    /** @return the names of the files directly in the class path folder, or null if it has a subfolder or is not on disk or in a jar */
    private static List<String> names(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        Enumeration<URL> urls = loader.getResources(folder);
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path p : files.toList()) {
                        if (Files.isDirectory(p)) {
                            return null;
                        }
                        names.add(p.getFileName().toString());
                    }
                }
            } else if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = folder + "/";
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String entry = e.nextElement().getName();
                        if (entry.startsWith(prefix) && entry.length() > prefix.length()) {
                            String rest = entry.substring(prefix.length());
                            if (rest.contains("/")) {
                                return null;
                            }
                            names.add(rest);
                        }
                    }
                }
            } else {
                return null;
            }
        }
        return names.size() == new HashSet<>(names).size() ? names : null;
    }

    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

package dev.oakit.testing.base;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases of the test matrix, where their servers are and whether a test runs on them.
 *
 * <p>Which run: {@code OAKIT_TEST_DATABASES} (environment) or {@code oakit.test.databases} (system property),
 * a comma-separated list such as {@code h2,postgresql}; all three when neither is set. Where the servers are:
 * {@code OAKIT_TEST_PG_URL}, {@code OAKIT_TEST_PG_USER}, {@code OAKIT_TEST_PG_PASSWORD} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, {@code postgres}, no password) and {@code OAKIT_TEST_MARIADB_URL},
 * {@code OAKIT_TEST_MARIADB_USER}, {@code OAKIT_TEST_MARIADB_PASSWORD} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}, {@code root}, no password). H2 runs in memory and is always there.
 * A selected server that does not answer skips its tests with the reason, or fails them when {@code CI=true}
 * (see {@link #assumeReachable()}). Thread-safe: a server is probed once per JVM.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Database {
    /** H2 in memory, always reachable. */
    H2(null, "sa"),
    /** A PostgreSQL server. */
    POSTGRESQL("OAKIT_TEST_PG", "postgres"),
    /** A MariaDB (or MySQL) server. */
    MARIADB("OAKIT_TEST_MARIADB", "root");

    private static final Map<Database, Optional<String>> UNREACHABLE = new ConcurrentHashMap<>();
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final String envPrefix;
    private final String defaultUser;

    Database(String envPrefix, String defaultUser) {
        this.envPrefix = envPrefix;
        this.defaultUser = defaultUser;
    }

    /** @return the lower-case name that {@code OAKIT_TEST_DATABASES} and display names use: {@code postgresql} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the server's JDBC URL, to the database new schemas are made in (H2: none, each schema is its own database) */
    public String serverUrl() {
        return switch (this) {
            case H2 -> "jdbc:h2:mem:";
            case POSTGRESQL -> env("OAKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            case MARIADB -> env("OAKIT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
        };
    }

    /** @return the user tests connect as */
    public String user() {
        return envPrefix == null ? defaultUser : env(envPrefix + "_USER", defaultUser);
    }

    /** @return the user's password (empty when none is set) */
    public String password() {
        return envPrefix == null ? "" : env(envPrefix + "_PASSWORD", "");
    }

    /** @return true when {@code OAKIT_TEST_DATABASES} / {@code oakit.test.databases} (default all three) names this database */
    public boolean isSelected() {
        return selected().contains(this);
    }

    /**
     * @return the databases that {@code OAKIT_TEST_DATABASES} / {@code oakit.test.databases} select (default all three)
     * @throws IllegalArgumentException naming the setting when it names a database that does not exist
     */
    public static Set<Database> selected() {
        String env = System.getenv("OAKIT_TEST_DATABASES");
        return env != null && !env.isBlank() ? parse("OAKIT_TEST_DATABASES", env)
                : parse("oakit.test.databases", System.getProperty("oakit.test.databases", "h2,postgresql,mariadb"));
    }

    static Set<Database> parse(String source, String list) {
        Set<Database> selected = EnumSet.noneOf(Database.class);
        for (String name : list.split(",")) {
            String label = name.trim().toLowerCase(Locale.ROOT);
            if (label.isEmpty()) {
                continue;
            }
            selected.add(Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(source + " names '" + label + "', which is no database of the matrix; "
                            + "use a comma-separated list of h2, postgresql, mariadb")));
        }
        return selected;
    }

    /** @return empty when the server answers, else why not (probed once per JVM) */
    public Optional<String> unreachable() {
        return UNREACHABLE.computeIfAbsent(this, d -> d == H2 ? Optional.empty() : probe(d.label(), d.serverUrl(), d.user(), d.password()));
    }

    /**
     * Lets a test go on only when the server answers: otherwise the test is skipped (aborted) with the reason, or,
     * when {@code CI=true}, fails, since a build that must run on every database would otherwise pass with none.
     *
     * @throws org.opentest4j.TestAbortedException when the server does not answer outside CI
     * @throws IllegalStateException when the server does not answer and {@code CI=true}
     */
    public void assumeReachable() {
        applyPolicy(unreachable(), ci());
    }

    /**
     * Why the tests of this database do not run here, for runners that skip rather than abort, such as a jqwik
     * {@code SkipExecutionHook}: {@code database.skipReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip())}.
     * The same rules as {@link DatabaseTest} and {@link #assumeReachable()}.
     *
     * @return empty when they run; else that the database is not selected, or (outside CI) that its server does not answer
     * @throws IllegalStateException when it is selected, its server does not answer and {@code CI=true}
     */
    public Optional<String> skipReason() {
        return isSelected() ? skipOrFail(unreachable(), ci()) : skipReason(false, null, false);
    }

    Optional<String> skipReason(boolean selected, Optional<String> unreachable, boolean ci) {
        return selected ? skipOrFail(unreachable, ci) : Optional.of(label() + " is not in OAKIT_TEST_DATABASES / oakit.test.databases");
    }

    /** @return true when {@code CI=true}: an unreachable server then fails the run instead of skipping */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Optional<String> probe(String label, String url, String user, String password) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(3);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(label + " at " + url + " is not reachable (" + e.getMessage() + ")");
        }
    }

    static void applyPolicy(Optional<String> why, boolean ci) {
        skipOrFail(why, ci).ifPresent(reason -> {
            LOG.log(System.Logger.Level.WARNING, reason);
            Assumptions.abort(reason + " (set CI=true to fail instead)");
        });
    }

    /** The one rule for a server that does not answer: skip with the reason, or fail when {@code CI=true}. */
    static Optional<String> skipOrFail(Optional<String> unreachable, boolean ci) {
        if (unreachable.isEmpty()) {
            return Optional.empty();
        }
        if (ci) {
            throw new IllegalStateException("CI=true and " + unreachable.get()
                    + "; start the server or point the OAKIT_TEST_* variables at one, or leave it out of OAKIT_TEST_DATABASES");
        }
        return Optional.of("SKIPPED: " + unreachable.get());
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}

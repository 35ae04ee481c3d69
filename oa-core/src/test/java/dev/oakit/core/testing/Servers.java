package dev.oakit.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses of the database servers of the test matrix, overridable by environment variables
 * ({@code OAKIT_TEST_PG_URL}, {@code OAKIT_TEST_PG_USER}, {@code OAKIT_TEST_PG_PASSWORD},
 * {@code OAKIT_TEST_MARIADB_URL}, {@code OAKIT_TEST_MARIADB_USER}, {@code OAKIT_TEST_MARIADB_PASSWORD}),
 * and whether each is reachable (checked once per JVM).
 */
public final class Servers {
    private static final Map<TestDatabase.Kind, Optional<String>> UNREACHABLE = new ConcurrentHashMap<>();

    private Servers() {
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    public static String pgUrl() {
        return env("OAKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String pgUser() {
        return env("OAKIT_TEST_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("OAKIT_TEST_PG_PASSWORD", "");
    }

    public static String mariaUrl() {
        return env("OAKIT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    }

    public static String mariaUser() {
        return env("OAKIT_TEST_MARIADB_USER", "root");
    }

    public static String mariaPassword() {
        return env("OAKIT_TEST_MARIADB_PASSWORD", "");
    }

    /** @return true when {@code CI=true}: an unreachable database then fails the run */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** @return empty if reachable, else why not */
    public static Optional<String> unreachable(TestDatabase.Kind kind) {
        return UNREACHABLE.computeIfAbsent(kind, k -> {
            if (k == TestDatabase.Kind.H2) {
                return Optional.empty();
            }
            String url = k == TestDatabase.Kind.POSTGRESQL ? pgUrl() : mariaUrl();
            String user = k == TestDatabase.Kind.POSTGRESQL ? pgUser() : mariaUser();
            String pw = k == TestDatabase.Kind.POSTGRESQL ? pgPassword() : mariaPassword();
            DriverManager.setLoginTimeout(5);
            try (Connection c = DriverManager.getConnection(url, user, pw)) {
                c.isValid(3);
                return Optional.empty();
            } catch (Exception e) {
                return Optional.of(k.label() + " at " + url + " is not reachable (" + e.getMessage() + ")");
            }
        });
    }
}

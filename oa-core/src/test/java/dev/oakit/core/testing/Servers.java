package dev.oakit.core.testing;

import dev.oakit.testing.base.Database;

import java.util.Optional;

/**
 * Addresses of the database servers of the test matrix and whether each answers, as the published
 * {@link Database} (oa-testing-base) has them: {@code OAKIT_TEST_PG_URL}, {@code OAKIT_TEST_PG_USER},
 * {@code OAKIT_TEST_PG_PASSWORD}, {@code OAKIT_TEST_MARIADB_URL}, {@code OAKIT_TEST_MARIADB_USER},
 * {@code OAKIT_TEST_MARIADB_PASSWORD}; checked once per JVM.
 */
public final class Servers {
    private Servers() {
    }

    public static String pgUrl() {
        return Database.POSTGRESQL.serverUrl();
    }

    public static String pgUser() {
        return Database.POSTGRESQL.user();
    }

    public static String pgPassword() {
        return Database.POSTGRESQL.password();
    }

    public static String mariaUrl() {
        return Database.MARIADB.serverUrl();
    }

    public static String mariaUser() {
        return Database.MARIADB.user();
    }

    public static String mariaPassword() {
        return Database.MARIADB.password();
    }

    /** @return true when {@code CI=true}: an unreachable database then fails the run */
    public static boolean ci() {
        return Database.ci();
    }

    /** @return empty if reachable, else why not */
    public static Optional<String> unreachable(TestDatabase.Kind kind) {
        return kind.database().unreachable();
    }
}

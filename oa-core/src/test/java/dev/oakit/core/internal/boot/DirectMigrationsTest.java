package dev.oakit.core.internal.boot;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.core.testing.TestDatabase.Kind.MARIADB;
import static dev.oakit.core.testing.TestDatabase.Kind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct migrations of an empty H2 database leave what Flyway leaves: the same schema, the same history rows (so
 * that Flyway validates them and applies later migrations on top), the same state after a failing migration, and one
 * run of each migration when nodes start at once.
 */
class DirectMigrationsTest {
    private static final Migrations.Module CORE = new Migrations.Module("core",
            List.of("classpath:dev/oakit/core/db/migration", "classpath:dev/oakit/core/db/vendor/h2"));
    private static final Migrations.Module SAMPLE = new Migrations.Module("sample",
            List.of("classpath:dev/oakit/core/testplugin/db/migration"));
    private static final Migrations.Module BASE = new Migrations.Module("dm", List.of("classpath:dev/oakit/core/directmig/base"));
    private static final Migrations.Module LATER = new Migrations.Module("dm",
            List.of("classpath:dev/oakit/core/directmig/base", "classpath:dev/oakit/core/directmig/later"));
    private static final Migrations.Module BROKEN = new Migrations.Module("dm",
            List.of("classpath:dev/oakit/core/directmig/base", "classpath:dev/oakit/core/directmig/broken"));

    @Test
    void onAnEmptyDatabaseTheSchemaAndHistoryAreFlyways() throws Exception {
        try (TestDatabase direct = TestDatabase.open(H2); TestDatabase flyway = TestDatabase.open(H2)) {
            for (Migrations.Module m : List.of(CORE, SAMPLE, BASE)) {
                assertThat(DirectMigrations.migrate(direct.dataSource(), Dialect.H2, m)).as(m.id()).isTrue();
                Migrations.flyway(flyway.dataSource(), Dialect.H2, m).migrate();
            }
            assertThat(structure(direct.dataSource())).isEqualTo(structure(flyway.dataSource()));
            for (String module : List.of("core", "sample", "dm")) {
                assertThat(history(direct.dataSource(), module)).as(module).isEqualTo(history(flyway.dataSource(), module))
                        .isNotEmpty();
            }
            // core found an empty schema; the modules after it a schema with tables: Flyway's baseline row
            assertThat(history(direct.dataSource(), "core").get(1)).contains("|1|core init|SQL|V1__core_init.sql|");
            assertThat(history(direct.dataSource(), "sample").get(1)).contains("|0|<< Flyway Baseline >>|BASELINE|");
            assertThat(rows(direct.dataSource(), "SELECT note FROM oa_dm_one")).containsExactly("it's; fine");
        }
    }

    @Test
    void flywayValidatesTheRowsAndAppliesALaterMigrationOnTop() throws Exception {
        try (TestDatabase direct = TestDatabase.open(H2); TestDatabase flyway = TestDatabase.open(H2)) {
            assertThat(DirectMigrations.migrate(direct.dataSource(), Dialect.H2, BASE)).isTrue();
            assertThat(Migrations.flyway(direct.dataSource(), Dialect.H2, BASE).validateWithResult().validationSuccessful).isTrue();

            // the next start: the history table exists, so Flyway runs
            assertThat(DirectMigrations.migrate(direct.dataSource(), Dialect.H2, LATER)).isFalse();
            assertThat(Migrations.flyway(direct.dataSource(), Dialect.H2, LATER).migrate().migrationsExecuted).isEqualTo(1);

            Migrations.flyway(flyway.dataSource(), Dialect.H2, BASE).migrate();
            Migrations.flyway(flyway.dataSource(), Dialect.H2, LATER).migrate();
            assertThat(history(direct.dataSource(), "dm")).isEqualTo(history(flyway.dataSource(), "dm")).hasSize(4);
            assertThat(structure(direct.dataSource())).isEqualTo(structure(flyway.dataSource()));
        }
    }

    @Test
    void aFailingMigrationIsNamedAndLeavesWhatFlywayLeaves() throws Exception {
        try (TestDatabase direct = TestDatabase.open(H2); TestDatabase flyway = TestDatabase.open(H2)) {
            assertThatThrownBy(() -> DirectMigrations.migrate(direct.dataSource(), Dialect.H2, BROKEN))
                    .isInstanceOf(DirectMigrations.Failed.class)
                    .hasMessageContaining("migration V3__breaks.sql of 'dm' failed")
                    .hasMessageContaining("OA_DM_MISSING")
                    .hasMessageContaining("records it as failed");
            assertThatThrownBy(() -> Migrations.flyway(flyway.dataSource(), Dialect.H2, BROKEN).migrate())
                    .isInstanceOf(FlywayException.class);

            // H2's DDL is not transactional: the first statement's table stays, with a failed row, as Flyway leaves it
            assertThat(history(direct.dataSource(), "dm")).isEqualTo(history(flyway.dataSource(), "dm"));
            assertThat(history(direct.dataSource(), "dm").get(3)).contains("|3|breaks|SQL|V3__breaks.sql|").endsWith("|FALSE");
            assertThat(structure(direct.dataSource())).isEqualTo(structure(flyway.dataSource()));

            // the next start goes to Flyway, which reports the failed migration as it does after its own failure
            assertThat(DirectMigrations.migrate(direct.dataSource(), Dialect.H2, BROKEN)).isFalse();
            assertThatThrownBy(() -> Migrations.flyway(direct.dataSource(), Dialect.H2, BROKEN).migrate())
                    .isInstanceOf(FlywayException.class).hasMessageContaining("failed migration to version 3");
        }
    }

    @Test
    void whatItCannotRunAsFlywayWouldIsLeftToFlyway() throws Exception {
        Migrations.Module repeatable = new Migrations.Module("dm", List.of("classpath:dev/oakit/core/directmig/repeatable"));
        Migrations.Module missing = new Migrations.Module("dm", List.of("classpath:dev/oakit/core/directmig/none"));
        Migrations.Module filesystem = new Migrations.Module("dm", List.of("filesystem:/tmp"));
        ClassLoader loader = getClass().getClassLoader();
        for (Migrations.Module m : List.of(repeatable, missing, filesystem)) {
            assertThat(DirectMigrations.scripts(loader, m.locations(), Dialect.H2.placeholders())).as(m.locations().toString()).isNull();
            try (TestDatabase db = TestDatabase.open(H2)) {
                assertThat(DirectMigrations.migrate(db.dataSource(), Dialect.H2, m)).isFalse();
                assertThat(rows(db.dataSource(), "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()"))
                        .as("nothing created").isEmpty();
            }
        }
        // a placeholder without a value: Flyway reports it
        assertThat(DirectMigrations.scripts(loader, BASE.locations(), java.util.Map.of("id", "INT"))).isNull();
    }

    @DbTest(only = {POSTGRESQL, MARIADB})
    void otherDatabasesRunFlyway(TestDatabase db) throws Exception {
        assertThat(DirectMigrations.migrate(db.dataSource(), Dialect.valueOf(db.kind().name()), BASE)).isFalse();
        OaKit oa = db.closeLater(db.builder().build());
        oa.start(); // through Flyway, as before
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_core_schema_history WHERE success = TRUE")).isPositive();
    }

    /** Nodes starting at once on an empty database: each migration runs once, directly or through Flyway. */
    @Test
    void nodesStartingAtOnceRunEachMigrationOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (TestDatabase db = TestDatabase.open(H2); TestDatabase flyway = TestDatabase.open(H2)) {
                List<DataSource> pools = List.of(db.newPool(3), db.newPool(3), db.newPool(3));
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService threads = Executors.newFixedThreadPool(pools.size());
                try {
                    List<Future<Object>> done = new ArrayList<>();
                    for (int i = 0; i < pools.size(); i++) {
                        DataSource ds = pools.get(i);
                        boolean viaFlyway = i == pools.size() - 1; // one node with the fast path turned off
                        done.add(threads.submit((Callable<Object>) () -> {
                            go.await();
                            for (Migrations.Module m : List.of(CORE, BASE)) {
                                if (viaFlyway || !DirectMigrations.migrate(ds, Dialect.H2, m)) {
                                    Migrations.flyway(ds, Dialect.H2, m).migrate();
                                }
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<Object> f : done) {
                        f.get(5, TimeUnit.MINUTES);
                    }
                } finally {
                    threads.shutdownNow();
                }
                for (Migrations.Module m : List.of(CORE, BASE)) {
                    Migrations.flyway(flyway.dataSource(), Dialect.H2, m).migrate();
                }
                for (String module : List.of("core", "dm")) {
                    assertThat(history(db.dataSource(), module)).as(module).isEqualTo(history(flyway.dataSource(), module));
                }
                assertThat(structure(db.dataSource())).isEqualTo(structure(flyway.dataSource()));
            }
        }
    }

    /** Two OAKit nodes started at once on one empty database through {@code start()}. */
    /** start() takes the direct path on an empty H2 database (its failure is the direct path's), and the switch turns it off. */
    @Test
    void startMigratesDirectlyUnlessTurnedOff() throws Exception {
        dev.oakit.core.spi.OaPlugin plugin = new dev.oakit.core.spi.OaPlugin() {
            @Override
            public String id() {
                return "dm";
            }

            @Override
            public void configure(dev.oakit.core.spi.OaPluginContext context) {
                BROKEN.locations().forEach(context::migrations);
            }
        };
        try (TestDatabase db = TestDatabase.open(H2)) {
            assertThatThrownBy(() -> db.closeLater(db.builder().plugin(plugin).build()).start())
                    .hasMessageContaining("migration V3__breaks.sql of 'dm' failed").hasMessageContaining("records it as failed");
        }
        String before = System.getProperty(DirectMigrations.PROPERTY);
        System.setProperty(DirectMigrations.PROPERTY, "false");
        try (TestDatabase db = TestDatabase.open(H2)) {
            assertThatThrownBy(() -> db.closeLater(db.builder().plugin(plugin).build()).start())
                    .hasMessageContaining("migrations of 'dm'").hasMessageNotContaining("records it as failed");
        } finally {
            if (before == null) {
                System.clearProperty(DirectMigrations.PROPERTY);
            } else {
                System.setProperty(DirectMigrations.PROPERTY, before);
            }
        }
    }

    @Test
    void twoStartsAtOnceOnAnEmptyDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.open(H2); TestDatabase flyway = TestDatabase.open(H2)) {
            List<OaKit> nodes = List.of(db.closeLater(db.builder().build()),
                    db.closeLater(OaKit.builder().dataSource(db.newPool(4)).config("core", TestDatabase.ANY_TENANT).build()));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<OaKit>> started = new ArrayList<>();
                for (OaKit n : nodes) {
                    started.add(threads.submit(() -> {
                        go.await();
                        return n.start();
                    }));
                }
                go.countDown();
                for (Future<OaKit> f : started) {
                    assertThat(f.get(5, TimeUnit.MINUTES).isRunning()).isTrue();
                }
            } finally {
                threads.shutdownNow();
            }
            Migrations.flyway(flyway.dataSource(), Dialect.H2, CORE).migrate();
            assertThat(history(db.dataSource(), "core")).isEqualTo(history(flyway.dataSource(), "core"));
        }
    }

    /** Tables, columns, defaults, keys, indexes and constraints as H2 scripts them, without rows. */
    static List<String> structure(DataSource ds) throws SQLException {
        return rows(ds, "SCRIPT NODATA NOPASSWORDS NOSETTINGS");
    }

    /** Every history column but when, by whom and how long (the marker row's and baseline's too). */
    static List<String> history(DataSource ds, String module) throws SQLException {
        return rows(ds, "SELECT CONCAT_WS('|', \"installed_rank\", COALESCE(\"version\", '-'), \"description\", \"type\", \"script\", "
                + "COALESCE(CAST(\"checksum\" AS VARCHAR), '-'), \"success\") FROM \"oa_" + module + "_schema_history\" ORDER BY \"installed_rank\"");
    }

    static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

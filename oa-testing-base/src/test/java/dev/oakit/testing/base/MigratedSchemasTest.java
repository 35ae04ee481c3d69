package dev.oakit.testing.base;

import org.junit.jupiter.api.Assumptions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A prepared schema is migrated once per JVM, database and migration, and a test that used it hands it on only as
 * migrated again: emptied, identity counters wound back, equal to a newly migrated schema; one a test changed
 * otherwise is dropped and the next test gets a newly migrated one.
 */
class MigratedSchemasTest {
    private final String key = "sample-" + UUID.randomUUID();
    private final AtomicInteger migrations = new AtomicInteger();

    /** Two tables joined by a foreign key, an identity column, an index, and a history table with its row. */
    private TestSchema.Migration sample(Database database) {
        String id = database == Database.POSTGRESQL ? "BIGSERIAL PRIMARY KEY" : "BIGINT AUTO_INCREMENT PRIMARY KEY";
        return ds -> {
            migrations.incrementAndGet();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id " + id + ", name VARCHAR(50) NOT NULL, CONSTRAINT item_name UNIQUE (name))");
                s.execute("CREATE TABLE part (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL, CONSTRAINT part_item FOREIGN KEY (item_id) REFERENCES item (id))");
                s.execute("CREATE INDEX part_by_item ON part (item_id)");
                s.execute("CREATE TABLE history (installed_rank INT PRIMARY KEY, version VARCHAR(10))");
                s.execute("INSERT INTO history VALUES (1, '1')");
            }
        };
    }

    private TestSchema prepared(Database database) throws SQLException {
        TestSchema schema = TestSchema.open(database);
        assertThat(schema.prepare(key, sample(database))).isTrue();
        return schema;
    }

    /** What a test does in a prepared schema before it closes it. */
    private interface Use {
        void in(TestSchema schema) throws Exception;
    }

    /** A prepared schema, used by {@code use} and closed; returns its name, to compare with the next test's. */
    private String usedAndClosed(Database database, Use use) throws Exception {
        try (TestSchema used = prepared(database)) {
            use.in(used);
            return used.name();
        }
    }

    @DatabaseTest
    void aUsedSchemaComesBackEmptiedWithItsCountersWoundBack(Database database) throws Exception {
        String first = usedAndClosed(database, used -> {
            used.execute("INSERT INTO item (name) VALUES ('a')");
            used.execute("INSERT INTO item (name) VALUES ('b')");
            used.execute("INSERT INTO part VALUES (1, " + used.queryLong("SELECT MAX(id) FROM item") + ")");
            rolledBackInsert(used.dataSource()); // moves the counter without leaving a row
        });
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isEqualTo(first);
            assertThat(migrations).hasValue(1);
            assertThat(next.queryLong("SELECT COUNT(*) FROM item") + next.queryLong("SELECT COUNT(*) FROM part")).isZero();
            assertThat(next.queryLong("SELECT COUNT(*) FROM history")).isEqualTo(1);
            next.execute("INSERT INTO item (name) VALUES ('a')"); // the unique name is free again
            assertThat(next.queryLong("SELECT id FROM item")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void aReusedSchemaEqualsANewlyMigratedOne(Database database) throws Exception {
        usedAndClosed(database, used -> used.execute("INSERT INTO item (name) VALUES ('a')"));
        try (TestSchema reused = prepared(database); TestSchema fresh = TestSchema.open(database)) {
            sample(database).migrate(fresh.dataSource());
            assertThat(migrations).hasValue(2);
            assertThat(normalised(reused)).isEqualTo(normalised(fresh));
        }
    }

    @DatabaseTest
    void aSchemaWhoseStructureATestChangedIsDroppedNotHandedOn(Database database) throws Exception {
        String first = usedAndClosed(database, changed -> changed.execute("ALTER TABLE item ADD extra INT"));
        assertThat(DatabaseMatrixTest.exists(database, first)).isFalse();
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isNotEqualTo(first);
            assertThat(migrations).hasValue(2);
            next.execute("INSERT INTO item (name) VALUES ('a')");
            assertThat(next.queryLong("SELECT COUNT(*) FROM item")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void aSchemaWhoseMigratedRowsATestChangedIsDroppedNotHandedOn(Database database) throws Exception {
        String first = usedAndClosed(database, changed -> changed.execute("INSERT INTO history VALUES (2, '2')"));
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isNotEqualTo(first);
            assertThat(next.queryLong("SELECT COUNT(*) FROM history")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void aSchemaWhoseTablesATestAnalysedIsDroppedNotHandedOn(Database database) throws Exception {
        String first = usedAndClosed(database, analysed -> {
            for (int i = 0; i < 200; i++) {
                analysed.execute("INSERT INTO item (name) VALUES ('n" + i + "')");
            }
            analysed.execute(switch (database) {
                case H2 -> "ANALYZE";
                case POSTGRESQL -> "ANALYZE item";
                case MARIADB -> "ANALYZE TABLE item";
            });
        });
        try (TestSchema next = prepared(database)) {
            if (database == Database.MARIADB) { // InnoDB's statistics of the emptied table are counted anew instead
                assertThat(next.name()).isEqualTo(first);
                assertThat(next.queryLong("SELECT n_rows FROM mysql.innodb_table_stats WHERE database_name = '" + next.name()
                        + "' AND table_name = 'item'")).isZero();
            } else {
                assertThat(next.name()).isNotEqualTo(first);
                assertThat(migrations).hasValue(2);
            }
        }
    }

    @DatabaseTest
    void aSchemaWithAStrayConnectionIsDroppedNotHandedOn(Database database) throws Exception {
        Connection[] stray = new Connection[1];
        // outside the schema's pools, left open past the test
        String first = usedAndClosed(database, used -> stray[0] = TestSchema.connect(database, used.name()));
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isNotEqualTo(first);
            assertThat(migrations).hasValue(2);
        } finally {
            try {
                stray[0].close();
            } catch (SQLException goneWithItsSchema) {
                // H2's database was shut down under it
            }
        }
    }

    @DatabaseTest
    void aSchemaWhosePoolsAreClosedIsHandedOn(Database database) throws Exception {
        String first = usedAndClosed(database, used -> {
            used.execute("INSERT INTO item (name) VALUES ('a')");
            try (Connection c = used.newPool(3).getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        });
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isEqualTo(first);
        }
    }

    @DatabaseTest
    void anH2DatabaseWhoseSettingsATestChangedIsDroppedNotHandedOn(Database database) throws Exception {
        Assumptions.assumeTrue(database == Database.H2, "database settings that SCRIPT leaves out are H2's");
        // the whole database's setting, not the session's
        String first = usedAndClosed(database, changed -> changed.execute("SET MODE MySQL"));
        try (TestSchema next = prepared(database)) {
            assertThat(next.name()).isNotEqualTo(first);
            assertThat(next.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE' "
                    + "AND SETTING_VALUE = 'REGULAR'")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void aSchemaInUseIsNotPreparedAndOneNeverUsedIsNeverMade(Database database) throws Exception {
        try (TestSchema inUse = TestSchema.open(database)) {
            inUse.execute("CREATE TABLE own (id INT)");
            assertThat(inUse.prepare(key, sample(database))).isFalse();
            assertThat(migrations).hasValue(0);
            assertThat(inUse.queryLong("SELECT COUNT(*) FROM own")).isZero();
        }
        TestSchema.open(database).close(); // nothing to drop
    }

    @DatabaseTest
    void reuseCanBeTurnedOff(Database database) throws Exception {
        System.setProperty(MigratedSchemas.PROPERTY, "false");
        try (TestSchema schema = TestSchema.open(database)) {
            assertThat(schema.prepare(key, sample(database))).isFalse();
        } finally {
            System.clearProperty(MigratedSchemas.PROPERTY);
        }
    }

    @DatabaseTest
    void aValueOtherThanTrueOrFalseIsAnErrorNotOn(Database database) throws Exception {
        System.setProperty(MigratedSchemas.PROPERTY, " off ");
        try (TestSchema schema = TestSchema.open(database)) {
            assertThatThrownBy(() -> schema.prepare(key, sample(database))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("system property oakit.test.reuseMigratedSchemas is ' off '; use true or false (or leave it unset for true)");
            assertThat(migrations).hasValue(0);
        } finally {
            System.clearProperty(MigratedSchemas.PROPERTY);
        }
        System.setProperty(MigratedSchemas.PROPERTY, " FALSE ");
        try (TestSchema schema = TestSchema.open(database)) {
            assertThat(schema.prepare(key, sample(database))).isFalse();
        } finally {
            System.clearProperty(MigratedSchemas.PROPERTY);
        }
    }

    private static void rolledBackInsert(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO item (name) VALUES ('rolled back')");
            }
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The schema's snapshot with its own name taken out, so that two schemas compare. */
    private static SchemaSnapshot normalised(TestSchema schema) throws SQLException {
        try (Connection c = TestSchema.connect(schema.database(), schema.name())) {
            SchemaSnapshot s = SchemaSnapshot.take(c, schema.database(), schema.name());
            return new SchemaSnapshot(s.tablesWithRows(), s.fingerprint().replace(schema.name(), "<schema>"));
        }
    }
}

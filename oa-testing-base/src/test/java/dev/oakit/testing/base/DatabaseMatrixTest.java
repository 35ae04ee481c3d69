package dev.oakit.testing.base;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The matrix as a host's test sees it: a method or a class runs once per selected database, each run on a fresh
 * schema of that database, dropped afterwards. Sample classes run inside these tests (EngineTestKit) so that what
 * the matrix reports can be checked; with {@code OAKIT_TEST_DATABASES=h2,postgresql,mariadb} and the servers up,
 * each sample runs three times.
 */
class DatabaseMatrixTest {
    /** The schemas the samples ran on, by database, and the product their connections reported. */
    static final List<TestSchema> SEEN = new CopyOnWriteArrayList<>();
    static final Map<String, String> PRODUCT = new ConcurrentHashMap<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
        PRODUCT.clear();
    }

    /** The databases a run is expected on: selected, and reachable or not (an unreachable one is skipped, not missing). */
    private static List<String> expectedRuns() {
        return Arrays.stream(Database.values()).filter(Database::isSelected).map(d -> "[" + d.label() + "]").toList();
    }

    private static List<String> reachable() {
        return Arrays.stream(Database.values()).filter(Database::isSelected).filter(d -> d.unreachable().isEmpty())
                .map(Database::label).toList();
    }

    static class MethodSample {
        @DatabaseTest
        void writesAndReadsOnItsDatabase(TestSchema schema, Database database) throws Exception {
            assertThat(schema.database()).isEqualTo(database);
            schema.execute("CREATE TABLE sample (id INT PRIMARY KEY)");
            schema.execute("INSERT INTO sample VALUES (1)");
            assertThat(schema.queryLong("SELECT COUNT(*) FROM sample")).isEqualTo(1);
            try (Connection c = schema.newPool(1).getConnection()) {
                PRODUCT.put(database.label(), c.getMetaData().getDatabaseProductName());
            }
            SEEN.add(schema);
        }
    }

    @Test
    void aMethodRunsOncePerSelectedDatabaseOnItsOwnServer() {
        Events tests = run(MethodSample.class).testEvents();

        assertThat(displayNames(tests.started())).containsExactlyElementsOf(expectedRuns());
        assertThat(tests.succeeded().count()).isEqualTo(reachable().size());
        assertThat(PRODUCT).containsOnlyKeys(reachable());
        PRODUCT.forEach((label, product) -> assertThat(product.toLowerCase(java.util.Locale.ROOT).replace("mysql", "mariadb"))
                .as("the product a " + label + " run connected to").contains(label));
    }

    @Test
    void eachRunGetsAFreshSchemaThatIsDroppedAfterwards() throws Exception {
        run(MethodSample.class).testEvents().assertStatistics(s -> s.failed(0));
        run(MethodSample.class); // a second run of the same sample creates its table again: the schemas are fresh

        assertThat(SEEN).hasSize(2 * reachable().size());
        assertThat(SEEN).extracting(TestSchema::name).doesNotHaveDuplicates();
        for (TestSchema schema : SEEN) {
            assertThat(exists(schema)).as(schema.database() + " schema " + schema.name() + " after the test").isFalse();
        }
    }

    static class OnlyH2Sample {
        @DatabaseTest(only = Database.H2)
        void runs(Database database) {
            PRODUCT.put(database.label(), "run");
        }
    }

    @Test
    void onlyLimitsTheRuns() {
        assertThat(displayNames(run(OnlyH2Sample.class).testEvents().started())).containsExactly("[h2]");
        assertThat(PRODUCT).containsOnlyKeys("h2");
    }

    static class SetupSample {
        @BeforeEach
        void table(TestSchema schema) throws SQLException {
            schema.execute("CREATE TABLE sample (id INT PRIMARY KEY)");
        }

        @DatabaseTest
        void usesTheTableOfItsRun(TestSchema schema) throws SQLException {
            schema.execute("INSERT INTO sample VALUES (1)");
            SEEN.add(schema);
        }
    }

    @Test
    void aBeforeEachOfARunGetsTheRunsSchema() {
        run(SetupSample.class).testEvents().assertStatistics(s -> s.succeeded(reachable().size()).failed(0));
        assertThat(SEEN).extracting(TestSchema::database).containsExactlyElementsOf(
                reachable().stream().map(l -> Database.valueOf(l.toUpperCase(java.util.Locale.ROOT))).toList());
    }

    static class NoMatrixSample {
        @Test
        void wantsASchema(TestSchema schema) {
            SEEN.add(schema);
        }
    }

    @Test
    void aSchemaOutsideTheMatrixIsRefusedNamingTheAnnotation() {
        assertThat(run(NoMatrixSample.class).testEvents().failed().stream().map(e -> e.getRequiredPayload(TestExecutionResult.class)
                .getThrowable().map(Throwable::getMessage).orElse(""))).singleElement().asString().contains("TestSchema");
    }

    @Test
    void openRefusesNoDatabase() {
        assertThatThrownBy(() -> TestSchema.open(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database must not be null");
    }

    private static List<String> displayNames(Events events) {
        return displayNames(events.stream());
    }

    private static List<String> displayNames(java.util.stream.Stream<Event> events) {
        return events.map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    private static boolean exists(TestSchema schema) throws SQLException {
        return exists(schema.database(), schema.name());
    }

    /** @return true while the schema {@code name} is on the database's server (H2: in memory) */
    static boolean exists(Database d, String name) throws SQLException {
        if (d == Database.H2) {
            try (Connection ignored = DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE", "sa", "")) {
                return true;
            } catch (SQLException gone) {
                return false;
            }
        }
        try (Connection c = DriverManager.getConnection(d.serverUrl(), d.user(), d.password());
             var st = c.prepareStatement("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}

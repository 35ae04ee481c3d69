package dev.oakit.core.spi;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values bound by position as Jdbi binds them by name, nulls included, held or not, on every database; the statement
 * helpers run, read, close and fail as they say.
 */
class PlainJdbcTest {
    private static final String ADD = "INSERT INTO plain_rows (s, n) VALUES (?, ?)";
    private static final String BY_N = "SELECT id, s FROM plain_rows WHERE n >= ? ORDER BY id";
    private static final String INSERT = "INSERT INTO plain_values (id, s, l, i, b, at, dt) VALUES (:id, :s, :l, :i, :b, :at, :dt)";
    private static final Instant AT = Instant.parse("2026-03-29T01:30:00.123Z");
    private static final LocalDate DAY = LocalDate.of(2024, 2, 29);

    @DbTest
    void bindsAndReadsTheValuesJdbiBindsAndReads(TestDatabase db) throws Exception {
        String ts = db.kind() == TestDatabase.Kind.MARIADB ? "DATETIME(3)" : "TIMESTAMP(3)";
        db.execute("CREATE TABLE plain_values (id INT PRIMARY KEY, s VARCHAR(40), l BIGINT, i INT, b BOOLEAN, at " + ts + ", dt DATE)");
        Jdbi jdbi = Jdbi.create(db.dataSource());
        jdbi.useHandle(h -> {
            // as the repositories bound them through Jdbi: instants as UTC wall time
            h.createUpdate(INSERT).bind("id", 1).bind("s", "工单 a'b").bind("l", 9_007_199_254_740_993L).bind("i", -7).bind("b", true)
                    .bind("at", LocalDateTime.ofInstant(AT, ZoneOffset.UTC)).bind("dt", DAY).execute();
            h.createUpdate(INSERT).bind("id", 2).bind("s", (String) null).bind("l", (Long) null).bind("i", (Integer) null)
                    .bind("b", (Boolean) null).bind("at", (LocalDateTime) null).bind("dt", (LocalDate) null).execute();
            for (int round = 0; round < 2; round++) { // the second round on the held statement, where H2 holds it
                try (HeldStatements.Lease lease = HeldStatements.hold(h, PlainJdbc.positional(INSERT))) {
                    PreparedStatement p = lease.statement();
                    p.setInt(1, 10 * round + 3);
                    PlainJdbc.text(p, 2, "工单 a'b");
                    PlainJdbc.number(p, 3, 9_007_199_254_740_993L);
                    PlainJdbc.value(p, 4, -7);
                    PlainJdbc.value(p, 5, true);
                    PlainJdbc.time(p, 6, AT);
                    PlainJdbc.day(p, 7, DAY);
                    p.executeUpdate();
                    p.setInt(1, 10 * round + 4);
                    PlainJdbc.text(p, 2, null);
                    PlainJdbc.number(p, 3, null);
                    p.setNull(4, Types.INTEGER);
                    p.setNull(5, Types.BOOLEAN);
                    PlainJdbc.time(p, 6, null);
                    PlainJdbc.day(p, 7, null);
                    p.executeUpdate();
                }
            }
        });

        jdbi.useHandle(h -> {
            List<Object> values = Arrays.asList("工单 a'b", 9_007_199_254_740_993L, -7, true, AT, DAY);
            assertThat(row(h, 1)).isEqualTo(values);
            assertThat(row(h, 3)).isEqualTo(values);
            assertThat(row(h, 13)).isEqualTo(values);
            List<Object> nulls = Arrays.asList(new Object[values.size()]);
            assertThat(row(h, 2)).isEqualTo(nulls);
            assertThat(row(h, 4)).isEqualTo(nulls);
            assertThat(row(h, 14)).isEqualTo(nulls);
            // Jdbi reads what the plain statement wrote as it reads its own rows
            assertThat(h.createQuery("SELECT at FROM plain_values WHERE id = 13").mapTo(LocalDateTime.class).one())
                    .isEqualTo(LocalDateTime.ofInstant(AT, ZoneOffset.UTC));
        });
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void namedParametersBecomePositionsInOrderAndAFailureIsJdbisOwn(TestDatabase db) {
        assertThat(PlainJdbc.positional(INSERT)).isEqualTo("INSERT INTO plain_values (id, s, l, i, b, at, dt) VALUES (?, ?, ?, ?, ?, ?, ?)");
        assertThat(PlainJdbc.parameterNames("SELECT :t, :q WHERE x = :t")).containsExactly("t", "q", "t");
        Jdbi jdbi = Jdbi.create(db.dataSource());
        assertThatThrownBy(() -> jdbi.useHandle(h -> {
            try (HeldStatements.Lease lease = HeldStatements.hold(h, "SELECT * FROM no_such_table")) {
                lease.statement().executeQuery().close();
            } catch (SQLException e) {
                throw PlainJdbc.failed(e);
            }
        })).isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("NO_SUCH_TABLE");
        assertThatThrownBy(() -> PlainJdbc.value(null, 3, java.util.UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 3").hasMessageContaining("LocalDate");
    }

    @DbTest
    void theHelpersRunTheStatementAndReadWhatItReturns(TestDatabase db) throws Exception {
        createRows(db);
        Jdbi.create(db.dataSource()).useHandle(h -> {
            long first = PlainJdbc.insert(h, PlainJdbc.Prepared.HELD, ADD, "id", p -> bindRow(p, "a", 1));
            long second = PlainJdbc.insert(h, PlainJdbc.Prepared.PER_USE, ADD, "id", p -> bindRow(p, "b", 2));
            assertThat(second).isGreaterThan(first).isPositive();
            assertThat(PlainJdbc.insert(h, PlainJdbc.Prepared.PER_USE, "INSERT INTO plain_rows (s, n) SELECT s, n FROM plain_rows WHERE n > ?",
                    "id", p -> p.setInt(1, 99))).as("an insert that wrote no row").isZero();
            assertThat(PlainJdbc.update(h, PlainJdbc.Prepared.HELD, ADD, p -> bindRow(p, "c", 3))).isEqualTo(1);
            assertThat(PlainJdbc.update(h, PlainJdbc.Prepared.PER_USE, "UPDATE plain_rows SET s = ? WHERE n >= ?", p -> {
                p.setString(1, "x");
                p.setInt(2, 2);
            })).isEqualTo(2);

            assertThat(PlainJdbc.query(h, PlainJdbc.Prepared.HELD, BY_N, 0, p -> p.setInt(1, 1), rs -> rs.getString(2)))
                    .containsExactly("a", "x", "x");
            assertThat(PlainJdbc.query(h, PlainJdbc.Prepared.PER_USE, BY_N, 2, p -> p.setInt(1, 4), rs -> rs.getString(2))).isEmpty();
            assertThat(PlainJdbc.one(h, PlainJdbc.Prepared.HELD, BY_N, p -> p.setInt(1, 1), rs -> rs.getLong(1))).contains(first);
            assertThat(PlainJdbc.one(h, PlainJdbc.Prepared.PER_USE, BY_N, p -> p.setInt(1, 4), rs -> rs.getLong(1))).isEmpty();
            List<String> seen = new ArrayList<>();
            PlainJdbc.each(h, PlainJdbc.Prepared.HELD, BY_N, p -> p.setInt(1, 2), rs -> seen.add(rs.getLong(1) + rs.getString(2)));
            assertThat(seen).containsExactly(second + "x", PlainJdbc.one(h, PlainJdbc.Prepared.HELD,
                    "SELECT id, s FROM plain_rows WHERE n = ?", p -> p.setInt(1, 3), rs -> rs.getLong(1) + rs.getString(2)).orElseThrow());

            String[] batch = {"d", "e", "f"};
            PlainJdbc.batch(h, PlainJdbc.Prepared.PER_USE, ADD, batch.length, (p, i) -> bindRow(p, batch[i], 10 + i));
            List<Long> keys = PlainJdbc.batchInsert(h, PlainJdbc.Prepared.HELD, ADD, "id", batch.length, (p, i) -> bindRow(p, batch[i], 20 + i));
            List<String> batched = PlainJdbc.query(h, PlainJdbc.Prepared.HELD, BY_N, 0, p -> p.setInt(1, 10), rs -> rs.getString(2));
            assertThat(batched).containsExactly("d", "e", "f", "d", "e", "f");
            // every row's key, in the batch's order, on every database (MariaDB's driver too)
            assertThat(keys).containsExactlyElementsOf(PlainJdbc.query(h, PlainJdbc.Prepared.PER_USE, BY_N, 2, p -> p.setInt(1, 20),
                    rs -> rs.getLong(1)));
        });
    }

    @DbTest
    void aBatchInsertWhoseKeysDoNotMatchItsRowsFailsNamingTheStatement(TestDatabase db) throws Exception {
        createRows(db);
        // each entry of the batch inserts no row: no key for either of its two rows, which callers match by position
        String none = "INSERT INTO plain_rows (s, n) SELECT s, n FROM plain_rows WHERE n = ?";
        Jdbi.create(db.dataSource()).useHandle(h -> {
            for (PlainJdbc.Prepared how : PlainJdbc.Prepared.values()) {
                assertThatThrownBy(() -> PlainJdbc.batchInsert(h, how, none, "id", 2, (p, i) -> p.setInt(1, -1 - i)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("0 generated keys for a batch of 2 rows")
                        .hasMessageContaining("[statement:\"" + none + "\"]");
            }
        });
    }

    @DbTest
    void aStatementForOneUseIsClosedAndAHeldOneStaysForTheNextUse(TestDatabase db) throws Exception {
        createRows(db);
        Jdbi.create(db.dataSource()).useHandle(h -> {
            PreparedStatement[] used = new PreparedStatement[2];
            PlainJdbc.update(h, PlainJdbc.Prepared.PER_USE, ADD, p -> {
                used[0] = p;
                bindRow(p, "a", 1);
            });
            PlainJdbc.query(h, PlainJdbc.Prepared.HELD, BY_N, 0, p -> {
                used[1] = p;
                p.setInt(1, 1);
            }, rs -> rs.getString(2));
            assertThat(used[0].isClosed()).isTrue();
            try (HeldStatements.Lease next = HeldStatements.hold(h, BY_N)) {
                if (next.held()) {
                    assertThat(next.statement()).isSameAs(used[1]);
                    assertThat(used[1].isClosed()).isFalse();
                } else {
                    assertThat(used[1].isClosed()).isTrue();
                }
            }
        });
    }

    @DbTest
    void aFailureIsJdbisOwnAndNamesTheStatement(TestDatabase db) throws Exception {
        createRows(db);
        String duplicate = "INSERT INTO plain_rows (id, s, n) VALUES (?, ?, ?)";
        Jdbi.create(db.dataSource()).useHandle(h -> {
            for (PlainJdbc.Prepared how : PlainJdbc.Prepared.values()) {
                assertThatThrownBy(() -> PlainJdbc.update(h, how, "UPDATE no_such_table SET s = ?", p -> p.setString(1, "x")))
                        .isInstanceOf(UnableToExecuteStatementException.class).hasCauseInstanceOf(SQLException.class)
                        .hasMessageContaining("[statement:\"UPDATE no_such_table SET s = ?\"]");
                // a failure when the statement runs, after it was prepared (and held, where it is held)
                assertThatThrownBy(() -> PlainJdbc.batch(h, how, duplicate, 2, (p, i) -> {
                    p.setLong(1, 1_000);
                    p.setString(2, "a");
                    p.setInt(3, i);
                })).isInstanceOf(UnableToExecuteStatementException.class).hasCauseInstanceOf(SQLException.class)
                        .hasMessageContaining("[statement:\"" + duplicate + "\"]");
            }
        });
    }

    private static void createRows(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE plain_rows (id " + (db.kind() == TestDatabase.Kind.MARIADB ? "BIGINT AUTO_INCREMENT"
                : "BIGINT GENERATED BY DEFAULT AS IDENTITY") + " PRIMARY KEY, s VARCHAR(10), n INT)");
    }

    private static void bindRow(PreparedStatement p, String s, int n) throws SQLException {
        p.setString(1, s);
        p.setInt(2, n);
    }

    private static List<Object> row(Handle h, int id) throws SQLException {
        try (PreparedStatement p = PlainJdbc.prepare(h, "SELECT s, l, i, b, at, dt FROM plain_values WHERE id = ?")) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).as("row %s", id).isTrue();
                int i = rs.getInt(3);
                Integer n = rs.wasNull() ? null : i;
                boolean b = rs.getBoolean(4);
                Boolean flag = rs.wasNull() ? null : b;
                return Arrays.asList(rs.getString(1), PlainJdbc.number(rs, 2), n, flag, PlainJdbc.instant(rs, 5), PlainJdbc.day(rs, 6));
            }
        }
    }
}

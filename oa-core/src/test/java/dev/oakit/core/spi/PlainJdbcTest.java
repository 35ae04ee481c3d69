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
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values bound by position as Jdbi binds them by name, nulls included, held or not, on every database. */
class PlainJdbcTest {
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

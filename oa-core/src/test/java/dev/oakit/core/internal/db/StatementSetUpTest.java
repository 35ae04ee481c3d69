package dev.oakit.core.internal.db;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.argument.QualifiedArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;
import org.jdbi.v3.core.qualifier.QualifiedType;
import org.jdbi.v3.core.statement.Query;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jdbi's per-statement look-ups made once per Jdbi: a plain type's argument factory is chosen by the first statement
 * that binds it, a plain type's column mapper when OAKit's Jdbi is made; and what is bound and read is the same as
 * without it, nulls included, on every database.
 */
class StatementSetUpTest {
    private static final int STATEMENTS = 20;

    @DbTest(only = TestDatabase.Kind.H2)
    void aPlainTypesArgumentFactoryAndColumnMapperAreLookedUpOncePerJdbiNotPerStatement(TestDatabase db) {
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger mappers = new AtomicInteger();
        Jdbi jdbi = Jdbi.create(db.dataSource());
        // behind the set-up's factory, as Jdbi's and InstantAsUtc's are: counts how often a statement asks it
        jdbi.registerArgument(new CountingLongs(prepared));
        jdbi.registerColumnMapper(new CountingLongMapper(mappers));
        StatementSetUp.install(jdbi);

        List<Long> read = new ArrayList<>();
        try (Handle h = jdbi.open()) {
            for (long i = 0; i < STATEMENTS; i++) {
                read.add(h.createQuery("SELECT CAST(:x AS BIGINT) + 1").bind("x", Long.valueOf(i)).mapTo(Long.class).one());
            }
        }

        assertThat(read).hasSize(STATEMENTS).startsWith(1L, 2L).endsWith((long) STATEMENTS);
        assertThat(prepared).as("the Long argument factory's preparations").hasValue(1);
        assertThat(mappers).as("the Long column mapper's look-ups").hasValue(1);
    }

    @DbTest
    void bindsAndReadsThePlainTypesAsJdbiDoesWithoutIt(TestDatabase db) throws Exception {
        String ts = db.kind() == TestDatabase.Kind.MARIADB ? "DATETIME(3)" : "TIMESTAMP(3)";
        db.execute("CREATE TABLE setup_values (id INT PRIMARY KEY, s VARCHAR(40), l BIGINT, i INT, b BOOLEAN, sh SMALLINT,"
                + " d DOUBLE PRECISION, n DECIMAL(12,3), at " + ts + ", ldt " + ts + ", dt DATE)");
        Jdbi plain = Jdbi.create(db.dataSource());
        InstantAsUtc.install(plain);
        Jdbi setUp = Jdbi.create(db.dataSource());
        InstantAsUtc.install(setUp);
        StatementSetUp.install(setUp);
        Object[] values = {"工单 a'b", 9_007_199_254_740_993L, -7, true, (short) 12, 2.5, new BigDecimal("1234.125"),
                Instant.parse("2026-03-29T01:30:00.123Z"), LocalDateTime.of(2026, 10, 25, 2, 30, 0, 456_000_000), LocalDate.of(2024, 2, 29)};

        List<Object> viaPlain = new ArrayList<>();
        List<Object> viaSetUp = new ArrayList<>();
        for (int round = 0; round < 3; round++) { // the set-up's later statements use what its first one chose
            write(plain, 10 * round + 1, values, false);
            write(plain, 10 * round + 2, values, true);
            write(setUp, 10 * round + 3, values, false);
            write(setUp, 10 * round + 4, values, true);
            viaPlain.add(read(plain, 10 * round + 1));
            viaPlain.add(read(plain, 10 * round + 2));
            viaSetUp.add(read(setUp, 10 * round + 3));
            viaSetUp.add(read(setUp, 10 * round + 4));
        }

        assertThat(viaSetUp).isEqualTo(viaPlain);
        assertThat(viaSetUp.get(0)).isEqualTo(Arrays.asList("工单 a'b", 9_007_199_254_740_993L, -7, true, (short) 12, 2.5,
                new BigDecimal("1234.125"), Instant.parse("2026-03-29T01:30:00.123Z"), LocalDateTime.of(2026, 10, 25, 2, 30, 0, 456_000_000),
                LocalDate.of(2024, 2, 29)));
        assertThat(viaSetUp.get(1)).isEqualTo(Arrays.asList(new Object[values.length]));
    }

    /**
     * A host's argument factory for a plain type, registered before or after the set-up, able to prepare or not, with
     * prepared arguments on or turned off on a handle: the set-up binds what plain Jdbi binds in every case.
     */
    @DbTest(only = TestDatabase.Kind.H2)
    void aHostsArgumentFactoryForAPlainTypeIsChosenAsPlainJdbiChoosesIt(TestDatabase db) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> setUp = new LinkedHashMap<>();
        for (boolean preparable : new boolean[] {true, false}) {
            for (boolean afterSetUp : new boolean[] {true, false}) {
                for (boolean preparedOnTheHandle : new boolean[] {true, false}) {
                    String key = (preparable ? "preparable" : "not preparable") + (afterSetUp ? ", after" : ", before")
                            + (preparedOnTheHandle ? "" : ", prepared arguments off on the handle");
                    plain.put(key, hostString(db, preparable, afterSetUp, preparedOnTheHandle, false));
                    setUp.put(key, hostString(db, preparable, afterSetUp, preparedOnTheHandle, true));
                }
            }
        }

        assertThat(setUp).isEqualTo(plain);
        // plain Jdbi: a factory that cannot prepare is asked only when prepared arguments are off
        assertThat(plain).containsEntry("preparable, after", "host:abc").containsEntry("preparable, before", "host:abc")
                .containsEntry("not preparable, after", "abc").containsEntry("not preparable, before", "abc")
                .containsEntry("not preparable, before, prepared arguments off on the handle", "host:abc");
    }

    /** What {@code SELECT :x} reads back for "abc" with a host's String factory and, or without, the set-up. */
    private static String hostString(TestDatabase db, boolean preparable, boolean afterSetUp, boolean prepared, boolean withSetUp) {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        if (withSetUp && afterSetUp) {
            StatementSetUp.install(jdbi);
        }
        if (preparable) {
            jdbi.registerArgument(new AbstractArgumentFactory<String>(Types.VARCHAR) {
                @Override
                protected Argument build(String value, ConfigRegistry config) {
                    return (position, statement, ctx) -> statement.setString(position, "host:" + value);
                }
            });
        } else {
            jdbi.registerArgument((ArgumentFactory) (type, value, config) -> type == String.class
                    ? Optional.<Argument>of((position, statement, ctx) -> statement.setString(position, "host:" + value))
                    : Optional.empty());
        }
        if (withSetUp && !afterSetUp) {
            StatementSetUp.install(jdbi);
        }
        try (Handle h = jdbi.open()) {
            h.getConfig(Arguments.class).setPreparedArgumentsEnabled(prepared);
            return h.createQuery("SELECT CAST(:x AS VARCHAR(40))").bind("x", "abc").mapTo(String.class).one();
        }
    }

    /**
     * Null to a primitive forbidden on one handle or one statement is refused there, as plain Jdbi refuses it, and
     * the other handles keep the choice made once (counted: the changed statements are the only extra look-ups).
     */
    @DbTest(only = TestDatabase.Kind.H2)
    void anArgumentsSettingChangedOnAHandleOrStatementIsHonoured(TestDatabase db) {
        AtomicInteger prepared = new AtomicInteger();
        Jdbi plain = Jdbi.create(db.dataSource());
        Jdbi setUp = Jdbi.create(db.dataSource());
        setUp.registerArgument(new CountingInts(prepared));
        StatementSetUp.install(setUp);

        for (Jdbi jdbi : List.of(plain, setUp)) {
            try (Handle h = jdbi.open()) {
                assertThat(nullInt(h.createQuery("SELECT CAST(:x AS INT)"))).as("allowed by default").isNull();
                h.getConfig(Arguments.class).setBindingNullToPrimitivesPermitted(false);
                assertThatThrownBy(() -> nullInt(h.createQuery("SELECT CAST(:x AS INT)")))
                        .as("forbidden on the handle").hasStackTraceContaining("forbidden by configuration");
            }
            try (Handle h = jdbi.open()) {
                assertThatThrownBy(() -> nullInt(h.createQuery("SELECT CAST(:x AS INT)")
                        .configure(Arguments.class, a -> a.setBindingNullToPrimitivesPermitted(false))))
                        .as("forbidden on the statement").hasStackTraceContaining("forbidden by configuration");
                for (int i = 0; i < STATEMENTS; i++) {
                    assertThat(nullInt(h.createQuery("SELECT CAST(:x AS INT)"))).as("allowed again").isNull();
                }
            }
        }

        assertThat(prepared).as("the int argument factory's preparations: once, and once for each changed statement")
                .hasValue(3);
    }

    private static Integer nullInt(Query query) {
        return query.bindByType("x", null, int.class).mapTo(Integer.class).list().get(0);
    }

    /** Writes the values bound by their own type, or a null of each type. */
    private static void write(Jdbi jdbi, int id, Object[] v, boolean nulls) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO setup_values (id, s, l, i, b, sh, d, n, at, ldt, dt)"
                        + " VALUES (:id, :s, :l, :i, :b, :sh, :d, :n, :at, :ldt, :dt)")
                .bind("id", id)
                .bind("s", nulls ? null : (String) v[0])
                .bind("l", nulls ? null : (Long) v[1])
                .bind("i", nulls ? null : (Integer) v[2])
                .bind("b", nulls ? null : (Boolean) v[3])
                .bind("sh", nulls ? null : (Short) v[4])
                .bind("d", nulls ? null : (Double) v[5])
                .bind("n", nulls ? null : (BigDecimal) v[6])
                .bindByType("at", nulls ? null : v[7], Instant.class)
                .bindByType("ldt", nulls ? null : v[8], LocalDateTime.class)
                .bindByType("dt", nulls ? null : v[9], LocalDate.class)
                .execute());
    }

    private static List<Object> read(Jdbi jdbi, int id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s, l, i, b, sh, d, n, at, ldt, dt FROM setup_values WHERE id = :id")
                .bind("id", id).map((rs, c) -> Arrays.<Object>asList(
                        c.findColumnMapperFor(String.class).orElseThrow().map(rs, 1, c),
                        c.findColumnMapperFor(Long.class).orElseThrow().map(rs, 2, c),
                        c.findColumnMapperFor(Integer.class).orElseThrow().map(rs, 3, c),
                        c.findColumnMapperFor(Boolean.class).orElseThrow().map(rs, 4, c),
                        c.findColumnMapperFor(Short.class).orElseThrow().map(rs, 5, c),
                        c.findColumnMapperFor(Double.class).orElseThrow().map(rs, 6, c),
                        c.findColumnMapperFor(BigDecimal.class).orElseThrow().map(rs, 7, c),
                        c.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 8, c),
                        c.findColumnMapperFor(LocalDateTime.class).orElseThrow().map(rs, 9, c),
                        c.findColumnMapperFor(LocalDate.class).orElseThrow().map(rs, 10, c))).one());
    }

    /** Binds {@code Long}s, counting how often Jdbi asks it to prepare. */
    private record CountingLongs(AtomicInteger prepared) implements QualifiedArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(QualifiedType<?> type, ConfigRegistry config) {
            if (!type.equals(QualifiedType.of(Long.class))) {
                return Optional.empty();
            }
            prepared.incrementAndGet();
            return Optional.of(v -> (position, statement, ctx) -> {
                if (v == null) {
                    statement.setNull(position, Types.BIGINT);
                } else {
                    statement.setLong(position, (Long) v);
                }
            });
        }

        @Override
        public Optional<Argument> build(QualifiedType<?> type, Object value, ConfigRegistry config) {
            return prepare(type, config).map(f -> f.apply(value));
        }
    }

    /** Binds {@code int}s as Jdbi does (null allowed only as its configuration says), counting the preparations. */
    private record CountingInts(AtomicInteger prepared) implements QualifiedArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(QualifiedType<?> type, ConfigRegistry config) {
            if (!type.equals(QualifiedType.of(int.class))) {
                return Optional.empty();
            }
            prepared.incrementAndGet();
            return Optional.of(v -> (position, statement, ctx) -> {
                if (v != null) {
                    statement.setInt(position, (Integer) v);
                } else if (config.get(Arguments.class).isBindingNullToPrimitivesPermitted()) {
                    statement.setNull(position, Types.INTEGER);
                } else {
                    throw new IllegalArgumentException("binding null to a primitive int is forbidden by configuration");
                }
            });
        }

        @Override
        public Optional<Argument> build(QualifiedType<?> type, Object value, ConfigRegistry config) {
            return prepare(type, config).map(f -> f.apply(value));
        }
    }

    /** Reads {@code Long}s, counting how often Jdbi looks for a mapper. */
    private record CountingLongMapper(AtomicInteger built) implements ColumnMapperFactory {
        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            if (type != Long.class) {
                return Optional.empty();
            }
            built.incrementAndGet();
            return Optional.of((rs, i, ctx) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            });
        }
    }
}

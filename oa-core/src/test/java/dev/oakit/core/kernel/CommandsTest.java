package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest {
    private final Actor alice = Actor.of("acme", "alice");

    private static long addNote(Commands commands, Actor actor, String requestId, String text) {
        return commands.execute(CommandSpec.of(actor, "sample.note.add").withRequestId(requestId), Long.class, ctx -> {
            long id = ctx.handle().createUpdate("INSERT INTO oa_sample_note (tenant_id, text, created_at) VALUES (:t, :x, :now)")
                    .bind("t", actor.tenantId()).bind("x", text).bind("now", InstantAsUtc.toDb(ctx.now()))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            ctx.target("note", Long.toString(id));
            return id;
        });
    }

    private static int notes(Commands commands) {
        return commands.query(h -> h.createQuery("SELECT COUNT(*) FROM oa_sample_note").mapTo(Integer.class).one());
    }

    @DbTest
    void repeatingARequestIdReturnsTheFirstResultAndChangesNothing(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        long first = addNote(commands, alice, "req-1", "once");
        long again = addNote(commands, alice, "req-1", "once");
        assertThat(again).isEqualTo(first);
        assertThat(notes(commands)).isOne();
        assertThat(oa.service(AuditLog.class).recent(Actor.admin("acme", "root"), 10)).hasSize(1);
        // the same request id in another tenant is another request
        addNote(commands, Actor.of("other", "bob"), "req-1", "other tenant");
        assertThat(notes(commands)).isEqualTo(2);
        assertThatThrownBy(() -> commands.execute(CommandSpec.of(alice, "sample.other").withRequestId("req-1"), Void.class, ctx -> null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("request id 'req-1' was already used for sample.note.add");
    }

    @DbTest
    void aRequestIdIsTheSameRequestOnlyForTheSameActorAndTarget(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        commands.execute(CommandSpec.of(alice, "sample.touch").withTarget("note", "1").withRequestId("r-9"), Void.class, ctx -> null);
        commands.execute(CommandSpec.of(alice, "sample.touch").withTarget("note", "1").withRequestId("r-9"), Void.class, ctx -> null);
        assertThatThrownBy(() -> commands.execute(CommandSpec.of(Actor.of("acme", "bob"), "sample.touch").withTarget("note", "1")
                .withRequestId("r-9"), Void.class, ctx -> null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("REQUEST_ID_REUSED");
        assertThatThrownBy(() -> commands.execute(CommandSpec.of(alice, "sample.touch").withTarget("note", "2")
                .withRequestId("r-9"), Void.class, ctx -> null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("another target");
    }

    /** OAKit on a statement- and commit-counting pool, without job workers (they would poll through it). */
    private static OaKit startCounting(TestDatabase db, dev.oakit.core.testing.CountingDataSource counting) {
        return db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).plugin(new SamplePlugin())
                .config("core", java.util.Map.of("jobs", java.util.Map.of("enabled", false),
                        "audit", java.util.Map.of("sealInterval", "PT0S"))).build().start()); // no background statements
    }

    @DbTest
    void aQueryReadsWithoutATransactionAndACommandCommitsOnce(TestDatabase db) {
        dev.oakit.core.testing.CountingDataSource counting = new dev.oakit.core.testing.CountingDataSource(db.dataSource());
        OaKit oa = startCounting(db, counting);
        Commands commands = OaKitTestAccess.commands(oa);
        addNote(commands, alice, "warm", "warms the audit head");
        counting.reset();
        addNote(commands, alice, "r-1", "one");
        assertThat(counting.commits()).as("a command is one transaction").isOne();
        counting.reset();
        assertThat(notes(commands)).isEqualTo(2);
        assertThat(counting.count()).as("statements of the query").isOne();
        assertThat(counting.commits()).as("a query needs no BEGIN and COMMIT").isZero();
    }

    @DbTest
    void aCommandInsideAQueryMakesItOneTransaction(TestDatabase db) {
        dev.oakit.core.testing.CountingDataSource counting = new dev.oakit.core.testing.CountingDataSource(db.dataSource());
        OaKit oa = startCounting(db, counting);
        Commands commands = OaKitTestAccess.commands(oa);
        counting.reset();
        int[] before = new int[1];
        long id = commands.query(h -> {
            before[0] = notes(commands);
            return addNote(commands, alice, "r-1", "inside a query");
        });
        assertThat(before[0]).isZero();
        assertThat(counting.commits()).as("committed once, at the end of the query").isOne();
        String text = commands.query(h -> h.createQuery("SELECT text FROM oa_sample_note WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertThat(text).isEqualTo("inside a query");
        // the query fails after its command: the command's writes go with it
        assertThatThrownBy(() -> commands.query(h -> {
            addNote(commands, alice, "r-2", "undone");
            throw new IllegalStateException("the query fails after its command");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(notes(commands)).isOne();
        assertThat(oa.service(AuditLog.class).recent(Actor.admin("acme", "root"), 10)).hasSize(1);
    }

    @DbTest
    void aQueryInsideAQueryStaysInAutoCommitMode(TestDatabase db) {
        dev.oakit.core.testing.CountingDataSource counting = new dev.oakit.core.testing.CountingDataSource(db.dataSource());
        Commands commands = OaKitTestAccess.commands(startCounting(db, counting));
        counting.reset();
        boolean inner = commands.query(h -> commands.query(h2 -> autoCommit(h2)));
        assertThat(inner).as("the nested query joins the outer one, still in auto-commit mode").isTrue();
        assertThat(counting.commits()).isZero();
        assertThat(commands.queryInTransaction(CommandsTest::autoCommit)).as("queryInTransaction").isFalse();
        assertThat(counting.commits()).isOne();
    }

    /**
     * PostgreSQL's driver fetches a result in batches of the fetch size only inside a transaction:
     * a large read (the audit chain, the statistics' percentile pass) streams through
     * {@code queryInTransaction}, whereas in auto-commit mode the driver loads the whole result.
     */
    @DbTest(only = TestDatabase.Kind.POSTGRESQL)
    void queryInTransactionStreamsALargeResultInBatches(TestDatabase db) {
        Commands commands = OaKitTestAccess.commands(startCounting(db, new dev.oakit.core.testing.CountingDataSource(db.dataSource())));
        java.util.function.Function<org.jdbi.v3.core.Handle, Integer> heldAtFirstRow = h -> h
                .createQuery("SELECT g FROM generate_series(1, 5000) g").setFetchSize(100)
                .map((rs, ctx) -> bufferedRows(rs)).stream().findFirst().orElseThrow();
        assertThat(commands.queryInTransaction(heldAtFirstRow)).as("rows the driver holds, streaming").isLessThanOrEqualTo(100);
        assertThat(commands.query(heldAtFirstRow)).as("rows the driver holds in auto-commit mode").isEqualTo(5000);
    }

    private static boolean autoCommit(org.jdbi.v3.core.Handle h) {
        try {
            return h.getConnection().getAutoCommit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bufferedRows(java.sql.ResultSet rs) {
        try {
            org.postgresql.jdbc.PgResultSet pg = rs.unwrap(org.postgresql.jdbc.PgResultSet.class);
            java.lang.reflect.Field rows = org.postgresql.jdbc.PgResultSet.class.getDeclaredField("rows");
            rows.setAccessible(true);
            return ((java.util.List<?>) rows.get(pg)).size();
        } catch (ReflectiveOperationException | java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL driver's row buffer", e);
        }
    }

    @DbTest
    void aFailedCommandInsideAnotherUnitOfWorkUndoesOnlyItsOwnWrites(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        // a query's transaction plays the job handler that runs commands and carries on after one fails
        commands.query(h -> {
            assertThatThrownBy(() -> commands.execute(CommandSpec.of(alice, "sample.fails"), Void.class, ctx -> {
                ctx.handle().execute("INSERT INTO oa_sample_note (tenant_id, text, created_at) VALUES ('acme', 'undone', CURRENT_TIMESTAMP)");
                for (int i = 0; i < 2; i++) {
                    ctx.handle().execute("INSERT INTO oa_core_request (tenant_id, request_id, action, created_at) "
                            + "VALUES ('acme', 'dup', 'x', CURRENT_TIMESTAMP)");
                }
                return null;
            })).isInstanceOf(ConflictException.class);
            // PostgreSQL refuses this statement unless the failed command was rolled back to its savepoint
            h.execute("INSERT INTO oa_sample_seen (tenant_id, what) VALUES ('acme', 'after the failure')");
            return null;
        });
        assertThat(notes(commands)).isZero();
        int seen = commands.query(h -> h.createQuery("SELECT COUNT(*) FROM oa_sample_seen").mapTo(Integer.class).one());
        assertThat(seen).isOne();
    }

    @DbTest
    void aDeadlockInANestedCommandRunsTheWholeCommandAgainEvenWhenTheCallerCarriesOn(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        commands.execute(CommandSpec.of(alice, "sample.outer"), Void.class, ctx -> {
            int attempt = attempts.incrementAndGet();
            ctx.handle().execute("INSERT INTO oa_sample_note (tenant_id, text, created_at) VALUES ('acme', 'outer', CURRENT_TIMESTAMP)");
            try {
                commands.execute(CommandSpec.of(alice, "sample.inner"), Void.class, inner -> {
                    if (attempt == 1) {
                        // what the driver throws when the database picked this transaction as a deadlock victim
                        throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(
                                new java.sql.SQLException("deadlock detected (injected)", "40P01"), null);
                    }
                    return null;
                });
            } catch (dev.oakit.core.IntegrationException carelessCallerCarriesOn) {
                assertThat(carelessCallerCarriesOn.retryable()).isTrue();
            }
            return null;
        });
        // InnoDB has already rolled the first attempt back; every database runs the command once more
        assertThat(attempts).hasValue(2);
        assertThat(notes(commands)).isOne();
    }

    @DbTest
    void concurrentRepeatsOfOneRequestApplyOnce(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Long> c = () -> {
                go.await();
                return addNote(commands, alice, "same-request", "raced");
            };
            results.add(pool.submit(c));
        }
        go.countDown();
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : results) {
            ids.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(notes(commands)).isOne();
    }

    @DbTest
    void rawDatabaseErrorsNeverReachTheHost(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        assertThatThrownBy(() -> commands.execute(CommandSpec.of(alice, "sample.bad"), Void.class, ctx -> {
            for (int i = 0; i < 2; i++) {
                ctx.handle().execute("INSERT INTO oa_core_request (tenant_id, request_id, action, created_at) "
                        + "VALUES ('acme', 'dup', 'x', CURRENT_TIMESTAMP)");
            }
            return null;
        })).isInstanceOf(ConflictException.class).hasMessageContaining("OA-CORE/DUPLICATE");
        assertThatThrownBy(() -> commands.query(h -> h.createQuery("SELECT nope FROM oa_sample_note").mapToMap().list()))
                .isInstanceOf(dev.oakit.core.IntegrationException.class).hasMessageContaining("OA-CORE/DATABASE");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void badInputIsRefusedWithTheFieldNamed(TestDatabase db) {
        OaKit oa = db.start();
        Commands commands = OaKitTestAccess.commands(oa);
        assertThatThrownBy(() -> Actor.of(" ", "alice")).isInstanceOf(ValidationException.class).hasMessageContaining("tenantId");
        assertThatThrownBy(() -> Actor.of("acme", "x".repeat(65))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("userId: must be at most 64 characters");
        assertThatThrownBy(() -> CommandSpec.of(null, "x")).isInstanceOf(ValidationException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> CommandSpec.of(alice, "x").withRequestId("r".repeat(129))).hasMessageContaining("requestId");
        assertThatThrownBy(() -> commands.execute(CommandSpec.of(alice, "x"), Void.class, null)).hasMessageContaining("body");
        assertThatThrownBy(() -> oa.service(null)).isInstanceOf(ValidationException.class).hasMessageContaining("type");
    }
}

package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HostTransactionTest {
    private final Actor alice = Actor.of("acme", "alice");

    private static void hostTable(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE host_order (id INT PRIMARY KEY, note VARCHAR(100))");
        }
    }

    private static int count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Neither the host's row nor anything of OAKit's command: its note, audit entry, event or job. */
    private static void assertNothingWritten(TestDatabase db) throws Exception {
        for (String table : java.util.List.of("host_order", "oa_sample_note", "oa_core_audit", "oa_core_outbox", "oa_core_job")) {
            assertThat(count(db, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    @DbTest
    void hostRowAndOakitChangeRollBackTogether(TestDatabase db) throws Exception {
        hostTable(db);
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO host_order (id, note) VALUES (1, 'rolled back')");
            }
            oa.inHostTransaction(c, () -> notes.add(alice, "inside host tx"));
            c.rollback();
        }
        assertNothingWritten(db);
    }

    @DbTest
    void hostRowAndOakitChangeCommitTogetherAndListenersRunAfterTheHostCommits(TestDatabase db) throws Exception {
        hostTable(db);
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO host_order (id, note) VALUES (1, 'kept')");
            }
            oa.inHostTransaction(c, () -> notes.add(alice, "inside host tx"));
            assertThat(notes.listenerEvents()).as("no listener before the host commits").isEmpty();
            c.commit();
        }
        assertThat(count(db, "SELECT COUNT(*) FROM host_order")).isOne();
        assertThat(notes.texts(alice)).containsExactly("hello inside host tx");
        assertThat(count(db, "SELECT COUNT(*) FROM oa_core_audit")).isOne();
        await().atMost(Duration.ofSeconds(20)).until(() -> notes.listenerEvents().size() == 1);
    }

    @DbTest
    void aCommandFailingInTheDatabaseLeavesTheHostTransactionUsable(TestDatabase db) throws Exception {
        hostTable(db);
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        dev.oakit.core.spi.Commands commands = dev.oakit.core.internal.boot.OaKitTestAccess.commands(oa);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO host_order (id, note) VALUES (1, 'before')");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> oa.inHostTransaction(c, () ->
                    commands.execute(dev.oakit.core.spi.CommandSpec.of(alice, "test.fails"), Void.class, ctx -> {
                        ctx.handle().execute("INSERT INTO oa_sample_note (tenant_id, text, created_at) VALUES ('acme', 'undone', "
                                + "CURRENT_TIMESTAMP)");
                        ctx.handle().execute("INSERT INTO host_order (id, note) VALUES (1, 'duplicate key')");
                        return null;
                    }))).isInstanceOf(dev.oakit.core.ConflictException.class);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO host_order (id, note) VALUES (2, 'after')"); // PostgreSQL refuses this without a savepoint
            }
            c.commit();
        }
        assertThat(count(db, "SELECT COUNT(*) FROM host_order")).isEqualTo(2);
        assertThat(count(db, "SELECT COUNT(*) FROM oa_sample_note")).isZero();
    }

    @DbTest
    void aFailingCommandLeavesNothingBehind(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        String tooLong = "x".repeat(300);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notes.add(alice, tooLong))
                .isInstanceOf(dev.oakit.core.ValidationException.class)
                .hasMessageContaining("text");
        assertThat(count(db, "SELECT COUNT(*) FROM oa_sample_note")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM oa_core_audit")).isZero();
    }

    /** A host's transaction manager in a few lines: one connection per thread, after-commit actions run after its commit. */
    static final class ThreadBoundHost implements dev.oakit.core.spi.HostTransactions {
        private final ThreadLocal<Connection> current = new ThreadLocal<>();
        private final java.util.List<Runnable> afterCommit = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Connection currentConnection() {
            return current.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        void run(javax.sql.DataSource ds, boolean commit, Runnable work) throws Exception {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                current.set(c);
                try {
                    work.run();
                } finally {
                    current.remove();
                }
                if (commit) {
                    c.commit();
                    afterCommit.forEach(Runnable::run);
                } else {
                    c.rollback();
                }
                afterCommit.clear();
            }
        }
    }

    @DbTest
    void commandsJoinTheTransactionTheHostsTransactionsNameAndItsRollbackUndoesThem(TestDatabase db) throws Exception {
        hostTable(db);
        ThreadBoundHost host = new ThreadBoundHost();
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).hostTransactions(host));
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        host.run(db.dataSource(), false, () -> {
            try (Statement s = host.currentConnection().createStatement()) {
                s.execute("INSERT INTO host_order (id, note) VALUES (1, 'rolled back')");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            notes.add(alice, "inside host tx");
        });
        assertNothingWritten(db);
    }

    @DbTest
    void afterTheHostsCommitTheWorkersAreWokenForWhatTheCommandsScheduled(TestDatabase db) throws Exception {
        ThreadBoundHost host = new ThreadBoundHost();
        OaKit oa = db.start(b -> b.plugin(new SamplePlugin()).hostTransactions(host)
                .config("core", java.util.Map.of("jobs", java.util.Map.of("pollInterval", "PT1H")))); // only a wake-up runs the listener soon
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        Thread.sleep(200); // let the workers' first look, at start, pass: only the wake-up after the commit is left
        host.run(db.dataSource(), true, () -> {
            notes.add(alice, "inside host tx");
            assertThat(notes.listenerEvents()).as("no listener before the host commits").isEmpty();
        });
        assertThat(notes.texts(alice)).containsExactly("hello inside host tx");
        await().atMost(Duration.ofSeconds(20)).until(() -> notes.listenerEvents().size() == 1);
    }
}

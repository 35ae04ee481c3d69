package dev.oakit.core.spi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.testing.CountingDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** H2's statements are prepared once per physical connection, and only where no other wrapper would miss them. */
class HeldStatementsTest {
    private static final String LOCK = "SELECT v FROM t WHERE id = ? FOR UPDATE";
    private HikariDataSource pool;

    @BeforeEach
    void pool() throws Exception {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:held" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(1);
        pool = new HikariDataSource(c);
        try (Connection con = pool.getConnection(); Statement s = con.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            s.execute("CREATE TABLE k (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void behindThePoolTheSameConnectionRunsTheSameStatementAgain() throws Exception {
        PreparedStatement first;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            assertThat(lock(c, 1)).isEqualTo("one");
            try (HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
                first = l.statement();
            }
            c.commit();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            assertThat(lock(c, 2)).isEqualTo("two");
            try (HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
                assertThat(l.held()).isTrue();
                assertThat(l.statement()).isSameAs(first);
            }
            c.commit();
        }
    }

    @Test
    void aNewPhysicalConnectionPreparesItsOwn() throws Exception {
        PreparedStatement first;
        try (Connection c = pool.getConnection(); HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
            first = l.statement();
        }
        pool.getHikariPoolMXBean().softEvictConnections();
        try (Connection c = pool.getConnection(); HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
            assertThat(l.statement()).isNotSameAs(first);
            assertThat(lock(c, 1)).isEqualTo("one");
        }
    }

    @Test
    void behindAnotherWrapperEachUseIsANewStatementTheWrapperSees() throws Exception {
        CountingDataSource counting = new CountingDataSource(pool);
        try (Connection c = counting.getConnection()) {
            assertThat(lock(c, 1)).isEqualTo("one");
            assertThat(lock(c, 2)).isEqualTo("two");
            try (HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
                assertThat(l.held()).isFalse();
            }
        }
        assertThat(counting.count()).isEqualTo(2);
    }

    @Test
    void aBatchThatAFailedUseLeftBehindDoesNotRunWithTheNextUse() throws Exception {
        String insert = "INSERT INTO t VALUES (?, ?)";
        try (Connection c = pool.getConnection()) {
            try (HeldStatements.Lease l = HeldStatements.hold(c, insert)) {
                l.statement().setInt(1, 3);
                l.statement().setString(2, "three");
                l.statement().addBatch(); // and the use fails before its batch runs
            }
            try (HeldStatements.Lease l = HeldStatements.hold(c, insert)) {
                assertThat(l.held()).isTrue();
                l.statement().setInt(1, 4);
                l.statement().setString(2, "four");
                l.statement().addBatch();
                assertThat(l.statement().executeBatch()).hasSize(1);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
                StringBuilder ids = new StringBuilder();
                while (rs.next()) {
                    ids.append(rs.getInt(1));
                }
                assertThat(ids).hasToString("124");
            }
        }
    }

    @Test
    void anInsertIsHeldWithItsKeyColumnApartFromTheSameSqlWithout() throws Exception {
        String insert = "INSERT INTO k (v) VALUES (?)";
        try (Connection c = pool.getConnection()) {
            PreparedStatement first;
            try (HeldStatements.Lease l = HeldStatements.hold(c, insert, "id")) {
                first = l.statement();
                l.statement().setString(1, "a");
                l.statement().executeUpdate();
                assertThat(PlainJdbc.generatedKey(l.statement())).isEqualTo(1L);
            }
            try (HeldStatements.Lease l = HeldStatements.hold(c, insert, "id")) {
                assertThat(l.statement()).isSameAs(first);
                l.statement().setString(1, "b");
                l.statement().executeUpdate();
                assertThat(PlainJdbc.generatedKey(l.statement())).isEqualTo(2L);
            }
            try (HeldStatements.Lease l = HeldStatements.hold(c, insert)) {
                assertThat(l.statement()).isNotSameAs(first);
            }
        }
    }

    @Test
    void aNestedLeaseOfTheSameSqlGetsAStatementOfItsOwnClosedAtItsRelease() throws Exception {
        try (Connection c = pool.getConnection()) {
            PreparedStatement outer;
            PreparedStatement inner;
            try (HeldStatements.Lease o = HeldStatements.hold(c, LOCK)) {
                outer = o.statement();
                outer.setInt(1, 1);
                try (ResultSet rs = outer.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    try (HeldStatements.Lease i = HeldStatements.hold(c, LOCK)) {
                        inner = i.statement();
                        assertThat(i.held()).isFalse();
                        assertThat(inner).isNotSameAs(outer);
                        inner.setInt(1, 2);
                        try (ResultSet r2 = inner.executeQuery()) {
                            assertThat(r2.next()).isTrue();
                            assertThat(r2.getString(1)).isEqualTo("two");
                        }
                    }
                    assertThat(inner.isClosed()).isTrue();
                    // the outer use's result is still open and still its own
                    assertThat(rs.getString(1)).isEqualTo("one");
                }
            }
            assertThat(outer.isClosed()).isFalse();
            try (HeldStatements.Lease again = HeldStatements.hold(c, LOCK)) {
                assertThat(again.held()).isTrue();
                assertThat(again.statement()).isSameAs(outer);
            }
        }
    }

    @Test
    void aLeaseClosedTwiceDoesNotFreeTheStatementUnderALaterLease() throws Exception {
        try (Connection c = pool.getConnection()) {
            HeldStatements.Lease first = HeldStatements.hold(c, LOCK);
            first.close();
            try (HeldStatements.Lease later = HeldStatements.hold(c, LOCK)) {
                assertThat(later.held()).isTrue();
                first.close(); // again: the held statement is the later lease's now
                try (HeldStatements.Lease nested = HeldStatements.hold(c, LOCK)) {
                    assertThat(nested.held()).isFalse();
                    assertThat(nested.statement()).isNotSameAs(later.statement());
                }
            }
        }
    }

    @Test
    void aConnectionClosedWithItsHandleIsDroppedAtOnce() throws Exception {
        org.jdbi.v3.core.Jdbi unpooled = org.jdbi.v3.core.Jdbi.create("jdbc:h2:mem:held-unpooled" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (org.jdbi.v3.core.Handle setUp = unpooled.open()) {
            setUp.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            setUp.execute("INSERT INTO t VALUES (1, 'one')");
        }
        java.util.List<Connection> seen = new java.util.ArrayList<>();
        for (int round = 0; round < 20; round++) {
            // several connections open at once (as many threads would hold), then all closed
            java.util.List<org.jdbi.v3.core.Handle> open = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                org.jdbi.v3.core.Handle h = unpooled.open();
                open.add(h);
                try (HeldStatements.Lease l = HeldStatements.hold(h, LOCK)) {
                    assertThat(l.held()).isTrue();
                }
                seen.add(h.getConnection());
                assertThat(HeldStatements.holds(h.getConnection())).isTrue();
            }
            open.forEach(org.jdbi.v3.core.Handle::close);
            assertThat(seen).as("connections held after round " + round).noneMatch(HeldStatements::holds);
        }
    }

    @Test
    void aPooledConnectionKeepsItsStatementsAcrossHandles() throws Exception {
        org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(pool);
        PreparedStatement first;
        try (org.jdbi.v3.core.Handle h = jdbi.open(); HeldStatements.Lease l = HeldStatements.hold(h, LOCK)) {
            first = l.statement();
        }
        try (org.jdbi.v3.core.Handle h = jdbi.open(); HeldStatements.Lease l = HeldStatements.hold(h, LOCK)) {
            assertThat(l.statement()).isSameAs(first);
        }
    }

    private static String lock(Connection c, int id) throws Exception {
        try (HeldStatements.Lease l = HeldStatements.hold(c, LOCK)) {
            l.statement().setInt(1, id);
            try (ResultSet rs = l.statement().executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}

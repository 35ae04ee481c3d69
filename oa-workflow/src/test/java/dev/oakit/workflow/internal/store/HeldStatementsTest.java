package dev.oakit.workflow.internal.store;

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

/** H2's lock statement is prepared once per physical connection, and only where no other wrapper would miss it. */
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
            try (HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
                first = l.statement();
            }
            c.commit();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            assertThat(lock(c, 2)).isEqualTo("two");
            try (HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
                assertThat(l.held()).isTrue();
                assertThat(l.statement()).isSameAs(first);
            }
            c.commit();
        }
    }

    @Test
    void aNewPhysicalConnectionPreparesItsOwn() throws Exception {
        PreparedStatement first;
        try (Connection c = pool.getConnection(); HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
            first = l.statement();
        }
        pool.getHikariPoolMXBean().softEvictConnections();
        try (Connection c = pool.getConnection(); HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
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
            try (HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
                assertThat(l.held()).isFalse();
            }
        }
        assertThat(counting.count()).isEqualTo(2);
    }

    private static String lock(Connection c, int id) throws Exception {
        try (HeldStatements.Lease l = HeldStatements.prepare(c, LOCK)) {
            l.statement().setInt(1, id);
            try (ResultSet rs = l.statement().executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}

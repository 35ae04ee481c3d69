package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor is only a floor while it issues OAKit's statements: the same SQL in the same order and
 * the same commits for one leave life cycle. When OAKit's statements change, this fails until
 * {@link FloorLeaveEngine} is changed to match.
 */
class FloorStatementsTest {
    static final BenchDatabase.Server PG = new BenchDatabase.Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

    @Test
    void onH2TheFloorIssuesTheStatementsAndCommitsOfOneOakitLifeCycle() throws Exception {
        same(null);
    }

    /** PostgreSQL's lock differs (FOR UPDATE OF the instance); skipped where no local server runs. */
    @Test
    void onPostgresqlTheFloorIssuesTheStatementsAndCommitsOfOneOakitLifeCycle() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(PG.url(), PG.user(), PG.password())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(c.isValid(2));
        } catch (java.sql.SQLException noServer) {
            org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + PG.url());
        }
        same(PG);
    }

    private static void same(BenchDatabase.Server server) throws Exception {
        Cycle oakit = capture("oakit", server);
        Cycle floor = capture("floor", server);
        assertThat(floor.sql()).as("the floor's statements, against OAKit's").containsExactlyElementsOf(oakit.sql());
        assertThat(oakit.sql()).hasSize(15);
        assertThat(floor.commits()).isEqualTo(oakit.commits()).isEqualTo(3);
    }

    private record Cycle(List<String> sql, long commits) {
    }

    private static Cycle capture(String engine, BenchDatabase.Server server) throws Exception {
        try (BenchDatabase db = server == null ? BenchDatabase.h2(engine, 2) : BenchDatabase.postgresql("postgresql", server, engine, 2);
             LeaveEngine e = engine.equals("oakit") ? new OakitLeaveEngine(db.dataSource()) : new FloorLeaveEngine(db.dataSource())) {
            e.boot();
            e.prepare(1, 1);
            e.cycle(0); // warms the engine's caches
            db.counting(true);
            e.releaseConnections();
            db.counter().logging(true);
            db.counter().reset();
            String id = e.cycle(0);
            Cycle c = new Cycle(db.counter().log().stream().map(sql -> sql.replaceAll("\\s+", " ").trim()).toList(),
                    db.counter().commits());
            db.counting(false);
            e.releaseConnections();
            assertThat(e.endedApproved(id)).isTrue();
            return c;
        }
    }
}

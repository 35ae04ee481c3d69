package dev.oakit.workflow;

import dev.oakit.core.testing.TestDatabase;

import java.sql.SQLException;

/**
 * One OAKit on H2 with the workflow plugin, shared by the tries of a jqwik property container: opened on first use,
 * closed by the container's {@code @AfterContainer}.
 */
public final class SharedH2 {
    private TestDatabase db;
    private WorkflowFixture fixture;

    /** @return the fixture, started on first use */
    public synchronized WorkflowFixture fixture() throws SQLException {
        if (fixture == null) {
            db = TestDatabase.open(TestDatabase.Kind.H2);
            fixture = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin())));
        }
        return fixture;
    }

    /** Closes the database, if it was opened. */
    public synchronized void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }
}

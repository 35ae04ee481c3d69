package dev.oakit.workflow.internal;

import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A deploy reads its key's latest version from the index, one row, whatever the number of versions (H2's plan). */
class LatestVersionPlanTest {
    @Test
    void theLatestVersionIsReadFromTheIndexWithoutSorting() throws Exception {
        try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2)) {
            db.start(b -> b.plugin(new WorkflowPlugin())); // migrated; closed with the database
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement p = c.prepareStatement("EXPLAIN " + DefinitionService.LATEST.replace(":t", "?").replace(":k", "?"))) {
                p.setString(1, "t1");
                p.setString(2, "leave");
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertThat(r.getString(1)).contains("OA_WF_DEFINITION_KEY").contains("index sorted");
                }
            }
        }
    }
}

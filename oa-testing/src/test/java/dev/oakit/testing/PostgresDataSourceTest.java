package dev.oakit.testing;

import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.TestSchema;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The extension on a DataSource the test gives: a fresh PostgreSQL schema (skipped when PostgreSQL is not selected or unreachable). */
class PostgresDataSourceTest {
    private static TestSchema db;

    @BeforeAll
    static void openSchema() throws Exception {
        assumeTrue(Database.POSTGRESQL.isSelected(), "PostgreSQL is not in OAKIT_TEST_DATABASES");
        Database.POSTGRESQL.assumeReachable();
        db = TestSchema.open(Database.POSTGRESQL);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    // tag::datasource[]
    @RegisterExtension
    OaKitExtension oakit = OaKitExtension.builder()
            .dataSource(db.dataSource())           // the test's own database; OAKit migrates it at start
            .plugin(WorkflowPlugin::new)
            .tenant("acme", "ACME")
            .config("core", Map.of("audit", Map.of("sealInterval", "PT0S")))
            .build();
    // end::datasource[]

    @Test
    void aLeaveIsApprovedOnPostgresql(OaTestKit kit) {
        SalesTeam.seed(kit);

        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 1));
        assertThat(leave).isWaitingAt("manager").hasOpenTaskFor("wang.fang");
        kit.as("wang.fang").approve(leave.id(), "ok");
        assertThat(leave).isApproved();
    }
}

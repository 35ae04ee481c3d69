package dev.oakit.testing;

import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.DatabaseTest;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A host's flow on every database of the matrix: one test, run on H2, PostgreSQL and MariaDB. */
// tag::matrix-test[]
@OaKitTest(plugins = WorkflowPlugin.class, perMethod = true) // each run boots OAKit on its database
class EveryDatabaseTest {
    @BeforeEach
    void organisation(Directory directory, OaTestKit kit) {
        directory.createDepartment(kit.admin(), Department.root("sales", "Sales"));
        for (String user : new String[] {"li.lei", "wang.fang"}) {
            directory.createUser(kit.admin(), User.of(user, user));
            directory.saveMembership(kit.admin(), Membership.primary(user, "sales"));
        }
        directory.updateDepartment(kit.admin(), directory.department(kit.admin(), "sales").withHead("wang.fang"));
    }

    @DatabaseTest // runs once per database: "aLeaveIsApproved(OaTestKit, Database) [postgresql]"
    void aLeaveIsApproved(OaTestKit kit, Database database) throws SQLException {
        ProcessInstance leave = kit.as("li.lei").start("leave", Map.of("days", 2));
        assertThat(leave).isWaitingAt("manager").hasOpenTaskFor("wang.fang");

        kit.as("wang.fang").approve(leave.id(), "ok");
        assertThat(leave).isApproved();
        // end::matrix-test[]
        try (Connection c = kit.dataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).replace("mysql", "mariadb"))
                    .as("the product OAKit ran on").contains(database.label());
        }
        // tag::matrix-test[]
    }
}
// end::matrix-test[]

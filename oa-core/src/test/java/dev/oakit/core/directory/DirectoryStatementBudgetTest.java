package dev.oakit.core.directory;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the directory commands and the bulk import to a statement budget (counted through a JDBC
 * proxy), so that a change adding round trips per command or per imported row fails the build.
 */
class DirectoryStatementBudgetTest {
    /** Today's counts, the audit entry and the outbox event included; lower them as the directory gets leaner. */
    static final Map<String, Long> BUDGETS = Map.ofEntries(
            Map.entry("createUser", 7L), Map.entry("updateUser", 10L), Map.entry("deactivateUser", 5L),
            Map.entry("createDepartment", 5L), Map.entry("updateDepartment", 7L), Map.entry("moveDepartment", 6L),
            Map.entry("saveRole", 3L), Map.entry("assignRole", 5L), Map.entry("revokeRole", 5L),
            Map.entry("savePosition", 3L), Map.entry("saveMembership", 7L), Map.entry("removeMembership", 5L),
            // per row: a new user with a manager, two departments, two roles and an external id
            Map.entry("import10new", 190L),
            // per row: the same input again, which changes nothing
            Map.entry("import10same", 130L));

    @DbTest(only = TestDatabase.Kind.H2)
    void directoryCommandsAndTheImportStayWithinTheirStatementBudget(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting)
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
        Directory dir = oa.service(Directory.class);
        OrgFixture.build(dir);
        dir.saveRole(ADMIN, Role.of("warm", "Warm"));
        Map<String, Long> counts = new LinkedHashMap<>();
        measure(counting, counts, "createUser", () -> dir.createUser(ADMIN, User.of("neo", "Neo").withManagerId("alice").withExternalIds(Map.of("sso", "neo"))));
        measure(counting, counts, "updateUser", () -> dir.updateUser(ADMIN, dir.user(ADMIN, "neo").withName("Neo 2")));
        measure(counting, counts, "deactivateUser", () -> dir.deactivateUser(ADMIN, "neo"));
        measure(counting, counts, "createDepartment", () -> dir.createDepartment(ADMIN, Department.of("west", "sales", "West").withHead("smgr")));
        measure(counting, counts, "updateDepartment", () -> dir.updateDepartment(ADMIN, dir.department(ADMIN, "west").withName("West 2")));
        measure(counting, counts, "moveDepartment", () -> dir.moveDepartment(ADMIN, "west", "it"));
        measure(counting, counts, "saveRole", () -> dir.saveRole(ADMIN, Role.of("finance", "Finance")));
        measure(counting, counts, "assignRole", () -> { dir.assignRole(ADMIN, "alice", "finance"); return null; });
        measure(counting, counts, "revokeRole", () -> { dir.revokeRole(ADMIN, "alice", "finance"); return null; });
        measure(counting, counts, "savePosition", () -> dir.savePosition(ADMIN, Position.of("mgr", "Manager", 5)));
        measure(counting, counts, "saveMembership", () -> dir.saveMembership(ADMIN, Membership.primary("dave", "it").withPosition("mgr")));
        measure(counting, counts, "removeMembership", () -> { dir.removeMembership(ADMIN, "dave", "it"); return null; });
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"imp").append(i).append("\", \"name\": \"Imported ").append(i)
                    .append("\", \"manager\": \"alice\", \"departments\": [\"it\", {\"id\": \"east\", \"position\": \"mgr\"}],")
                    .append(" \"roles\": [\"finance\", \"warm\"], \"externalIds\": {\"erp\": \"E-").append(i).append("\"}}");
        }
        String input = json.append("]").toString();
        measure(counting, counts, "import10new", () -> dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader(input)));
        measure(counting, counts, "import10same", () -> dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader(input)));
        System.getLogger("budget").log(System.Logger.Level.INFO, "statements " + counts);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(BUDGETS.keySet());
        counts.forEach((name, count) -> assertThat(count).as(name).isLessThanOrEqualTo(BUDGETS.get(name)));
        assertThat(dir.memberships(ADMIN, "imp9")).hasSize(2);
        assertThat(dir.rolesOf(ADMIN, "imp9")).containsExactly("finance", "warm");
    }

    private static void measure(CountingDataSource counting, Map<String, Long> counts, String name, Supplier<Object> command) {
        counting.reset();
        command.get();
        counts.put(name, counting.reset());
    }
}

package dev.oakit.core.directory;

import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.io.StringReader;
import java.util.Map;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DirectoryImportTest {
    private static Directory prepared(TestDatabase db) {
        Directory dir = db.start(b -> b.plugin(new dev.oakit.core.testing.EventRecorder())).service(Directory.class);
        dir.createDepartment(ADMIN, Department.root("hq", "总部"));
        dir.createDepartment(ADMIN, Department.of("fin", "hq", "财务部"));
        dir.savePosition(ADMIN, Position.of("mgr", "经理", 5));
        dir.saveRole(ADMIN, Role.of("finance", "财务"));
        return dir;
    }

    static final String JSON = """
            [
              {"id": "wang", "name": "王经理", "email": "wang@acme.cn",
               "departments": [{"id": "fin", "position": "mgr"}], "roles": ["finance"],
               "attributes": {"level": "M1", "costCenter": "CC-7"}, "externalIds": {"erp": "E-9"}},
              {"id": "li", "name": "李会计", "manager": "wang", "departments": ["fin", "hq"]},
              {"id": "zhao", "name": "", "email": "broken", "departments": ["nowhere"]},
              {"id": "qian", "name": "钱", "roles": ["ghost-role"], "departments": [{"id": "fin", "position": "ghost-pos"}]},
              {"id": "sun", "name": "孙", "manager": "nobody"},
              {"name": "no id"},
              {"id": "zhou", "name": "周", "shoeSize": 42},
              {"id": "first", "name": "First", "manager": "later"},
              {"id": "later", "name": "Later", "departments": ["hq"]}
            ]""";

    @DbTest
    void importsValidJsonRowsAndReportsEveryBadOne(TestDatabase db) throws Exception {
        Directory dir = prepared(db);

        ImportReport report = dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader(JSON));

        assertThat(report.rowsImported()).isEqualTo(4);
        assertThat(report.rowsFailed()).isEqualTo(5);
        assertThat(report.failures()).extracting(ImportReport.RowError::row, ImportReport.RowError::userId, ImportReport.RowError::field)
                .containsExactly(
                        tuple(3, "zhao", "name"), tuple(3, "zhao", "email"), tuple(3, "zhao", "departments[0]"),
                        tuple(4, "qian", "departments[0]"), tuple(4, "qian", "roles"),
                        tuple(5, "sun", "manager"),
                        tuple(6, null, "id"),
                        tuple(7, "zhou", "shoeSize"));
        assertThat(report.failures().get(2).message()).contains("'nowhere'");
        assertThat(report.failures().get(5).message()).contains("'nobody'");

        User wang = dir.user(ADMIN, "wang");
        assertThat(wang.attributes()).containsEntry("level", "M1").containsEntry("costCenter", "CC-7");
        assertThat(dir.findUserByExternalId(ADMIN, "erp", "E-9")).contains(wang);
        assertThat(dir.memberships(ADMIN, "wang")).containsExactly(Membership.primary("wang", "fin").withPosition("mgr"));
        assertThat(dir.rolesOf(ADMIN, "wang")).containsExactly("finance");
        assertThat(dir.memberships(ADMIN, "li")).containsExactly(Membership.primary("li", "fin"), Membership.secondary("li", "hq"));
        assertThat(dir.managerOf(ADMIN, "li", 1).map(User::id)).contains("wang");
        // a manager created by a later row of the same input
        assertThat(dir.user(ADMIN, "first").managerId()).isEqualTo("later");
        // failed rows left nothing behind
        for (String id : new String[] {"zhao", "qian", "sun", "zhou"}) {
            assertThat(dir.findUser(ADMIN, id)).isEmpty();
        }
        assertThat(DirectoryCommandsTest.events(db, "qian")).isEmpty();

        // idempotent: the same input again changes nothing and reports the same problems
        ImportReport again = dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader(JSON));
        assertThat(again).isEqualTo(report);
        assertThat(DirectoryCommandsTest.events(db, "wang")).containsOnlyOnce("core.user.created").doesNotContain("core.user.updated");
    }

    @DbTest
    void upsertsFromCsv(TestDatabase db) {
        Directory dir = prepared(db);
        dir.createUser(ADMIN, User.of("wang", "Old name").withAttributes(Map.of("keep", "me", "level", "M0")));
        String csv = """
                id,name,email,manager,departments,roles,active,attr.level,ext.sso
                wang,王经理,wang@acme.cn,,fin:mgr,finance,true,M1,wang.sso
                li,"李, 会计",,wang,fin;hq,,,A2,
                bad,,,wang,,,maybe,,
                x2,Cycle A,,x3,,,,,
                x3,Cycle B,,x2,,,,,
                ,Nameless,,,,,,,
                gone,离职员工,,,hq,,false,,
                """;

        ImportReport report = dir.importUsers(ADMIN, ImportFormat.CSV, new StringReader(csv));

        assertThat(report.rowsImported()).isEqualTo(3);
        assertThat(report.failures()).extracting(ImportReport.RowError::row, ImportReport.RowError::field)
                .containsExactly(tuple(3, "active"), tuple(4, "manager"), tuple(5, "manager"), tuple(6, "id"));
        assertThat(report.failures().get(1).message()).contains("cycle");
        User wang = dir.user(ADMIN, "wang");
        assertThat(wang.name()).isEqualTo("王经理");
        assertThat(wang.attributes()).containsExactly(Map.entry("keep", "me"), Map.entry("level", "M1"));
        assertThat(wang.externalIds()).containsExactly(Map.entry("sso", "wang.sso"));
        assertThat(dir.rolesOf(ADMIN, "wang")).containsExactly("finance");
        assertThat(dir.user(ADMIN, "li").name()).isEqualTo("李, 会计");
        assertThat(dir.rolesOf(ADMIN, "li")).isEmpty();
        assertThat(dir.memberships(ADMIN, "li")).extracting(Membership::departmentId).containsExactly("fin", "hq");
        assertThat(dir.user(ADMIN, "gone").active()).isFalse();

        // a second file moves li to hq only and deactivates wang; missing columns stay untouched
        ImportReport second = dir.importUsers(ADMIN, ImportFormat.CSV, new StringReader("id,departments,active\nli,hq,\nwang,,no\n"));
        assertThat(second.failures()).isEmpty();
        assertThat(dir.memberships(ADMIN, "li")).containsExactly(Membership.primary("li", "hq"));
        assertThat(dir.user(ADMIN, "li").managerId()).isEqualTo("wang");
        assertThat(dir.user(ADMIN, "wang").active()).isFalse();
        assertThat(dir.memberships(ADMIN, "wang")).isEmpty();
        assertThat(dir.rolesOf(ADMIN, "wang")).containsExactly("finance");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void rejectsUnreadableInputAsAWhole(TestDatabase db) {
        Directory dir = prepared(db);
        assertThatThrownBy(() -> dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader("{\"id\": 1}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> dir.importUsers(ADMIN, ImportFormat.JSON, new StringReader("[ {")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> dir.importUsers(ADMIN, ImportFormat.CSV, new StringReader("id,name,salary\n")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("header[2]"));
        assertThat(dir.importUsers(ADMIN, ImportFormat.CSV, new StringReader("id,name\n")).rowsImported()).isZero();
    }
}

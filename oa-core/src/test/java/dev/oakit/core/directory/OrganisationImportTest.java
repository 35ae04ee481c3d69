package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.directory.OrgImportReport.Outcome;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Bootstrapping an organisation: departments and users in one input, heads resolved after the users exist, the
 * whole import idempotent (a second boot changes nothing and fails on nothing), reported row by row, audited.
 */
class OrganisationImportTest {
    static final Actor ADMIN = Actor.admin("acme", "root");

    static final String JSON = """
            {"departments": [
               {"id": "ap", "parent": "fin", "name": "应付组", "head": "sun"},
               {"id": "fin", "parent": "hq", "name": "财务部", "head": "qian", "sortOrder": 2},
               {"id": "hq", "name": "总部", "head": "zhao"}],
             "users": [
               {"id": "zhao", "name": "赵总", "departments": ["hq"]},
               {"id": "qian", "name": "钱经理", "departments": ["fin"]},
               {"id": "sun", "name": "孙会计", "departments": ["ap"]},
               {"id": "alice", "name": "Alice", "email": "alice@acme.cn", "departments": ["ap"]}]}
            """;

    static final String CSV = """
            type,id,name,parent,head,sortOrder,email,departments
            department,hq,总部,,zhao,,,
            department,fin,财务部,hq,qian,2,,
            department,ap,应付组,fin,sun,,,
            user,zhao,赵总,,,,,hq
            user,qian,钱经理,,,,,fin
            user,sun,孙会计,,,,,ap
            user,alice,Alice,,,,alice@acme.cn,ap
            """;

    @DbTest
    void departmentsAndUsersInOneJsonFileWithHeadsResolvedAfterTheUsers(TestDatabase db) {
        OaKit oa = db.start();
        Directory directory = oa.service(Directory.class);

        OrgImportReport report = directory.importOrganisation(ADMIN, ImportFormat.JSON, new StringReader(JSON));

        assertThat(report.rows()).extracting(OrgImportReport.Row::kind, OrgImportReport.Row::id, OrgImportReport.Row::outcome)
                .containsExactly(tuple("department", "ap", Outcome.CREATED), tuple("department", "fin", Outcome.CREATED),
                        tuple("department", "hq", Outcome.CREATED), tuple("user", "zhao", Outcome.CREATED),
                        tuple("user", "qian", Outcome.CREATED), tuple("user", "sun", Outcome.CREATED),
                        tuple("user", "alice", Outcome.CREATED));
        assertThat(directory.department(ADMIN, "fin")).isEqualTo(new Department("fin", "hq", "财务部", "qian", 2));
        assertThat(directory.department(ADMIN, "ap").headUserId()).isEqualTo("sun");
        assertThat(directory.managerChain(ADMIN, "alice", 5, true)).extracting(User::id).containsExactly("sun", "qian", "zhao");
    }

    @DbTest
    void runningTheSameImportAgainChangesNothingAndAuditsNothing(TestDatabase db) {
        OaKit oa = db.start();
        Directory directory = oa.service(Directory.class);
        AuditLog audit = oa.service(AuditLog.class);
        directory.importOrganisation(ADMIN, ImportFormat.CSV, new StringReader(CSV));
        List<AuditRecord> before = audit.recent(ADMIN, 1000);
        assertThat(before).extracting(AuditRecord::action).contains("core.directory.import", "core.department.create", "core.user.import");

        OrgImportReport again = directory.importOrganisation(ADMIN, ImportFormat.CSV, new StringReader(CSV));
        OrgImportReport json = directory.importOrganisation(ADMIN, ImportFormat.JSON, new StringReader(JSON));

        assertThat(again.rows()).hasSize(7).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED));
        assertThat(json.rows()).hasSize(7).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED));
        assertThat(audit.recent(ADMIN, 1000)).isEqualTo(before);
    }

    @DbTest
    void aSecondBootUpdatesWhatChangedRowByRow(TestDatabase db) {
        OaKit oa = db.start();
        Directory directory = oa.service(Directory.class);
        directory.importOrganisation(ADMIN, ImportFormat.CSV, new StringReader(CSV));
        String changed = CSV.replace("department,fin,财务部,hq,qian,2,,", "department,fin,财务与会计部,hq,sun,2,,")
                .replace("user,alice,Alice,,,,alice@acme.cn,ap", "user,alice,Alice,,,,alice@acme.cn,fin");

        OrgImportReport report = directory.importOrganisation(ADMIN, ImportFormat.CSV, new StringReader(changed));

        assertThat(report.rows()).extracting(OrgImportReport.Row::id, OrgImportReport.Row::outcome).containsExactly(
                tuple("hq", Outcome.UNCHANGED), tuple("fin", Outcome.UPDATED), tuple("ap", Outcome.UNCHANGED),
                tuple("zhao", Outcome.UNCHANGED), tuple("qian", Outcome.UNCHANGED), tuple("sun", Outcome.UNCHANGED),
                tuple("alice", Outcome.UPDATED));
        assertThat(directory.department(ADMIN, "fin")).extracting(Department::name, Department::headUserId)
                .containsExactly("财务与会计部", "sun");
        assertThat(directory.memberships(ADMIN, "alice")).extracting(Membership::departmentId).containsExactly("fin");
    }

    @DbTest
    void badRowsAreReportedWithTheirFieldAndFixAndTheOthersImported(TestDatabase db) {
        OaKit oa = db.start();
        Directory directory = oa.service(Directory.class);
        String csv = """
                type,id,name,parent,head,sortOrder,email,departments
                department,hq,总部,,zhao,,,
                department,lab,实验室,nowhere,,,,
                department,ops,运维,hq,ghost,x,,
                department,it,信息部,hq,nobody,,,
                team,t1,小组,,,,,
                user,zhao,赵总,,,,,hq
                user,li,李,,,,,lab
                user,wu,吴,hq,,,,hq
                """;

        OrgImportReport report = directory.importOrganisation(ADMIN, ImportFormat.CSV, new StringReader(csv));

        assertThat(report.rows()).extracting(OrgImportReport.Row::row, OrgImportReport.Row::id, OrgImportReport.Row::outcome)
                .containsExactly(tuple(1, "hq", Outcome.CREATED), tuple(2, "lab", Outcome.FAILED), tuple(3, "ops", Outcome.FAILED),
                        tuple(4, "it", Outcome.FAILED), tuple(5, "t1", Outcome.FAILED), tuple(6, "zhao", Outcome.CREATED),
                        tuple(7, "li", Outcome.FAILED), tuple(8, "wu", Outcome.FAILED));
        assertThat(report.failures()).allSatisfy(r -> assertThat(r.errors()).isNotEmpty());
        assertThat(report.rows().get(1).errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("parent department 'nowhere'").contains("create it first"));
        assertThat(report.rows().get(2).errors()).extracting(ImportReport.RowError::field).containsExactly("sortOrder");
        assertThat(report.rows().get(3).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("head");
            assertThat(e.message()).contains("nobody").contains("fix the head and import again");
        });
        assertThat(report.rows().get(4).errors()).extracting(ImportReport.RowError::field).containsExactly("type");
        assertThat(report.rows().get(6).errors()).extracting(ImportReport.RowError::field).containsExactly("departments[0]");
        assertThat(report.rows().get(7).errors()).extracting(ImportReport.RowError::field).containsExactly("parent");
        assertThat(directory.department(ADMIN, "hq").headUserId()).isEqualTo("zhao");
        assertThat(directory.department(ADMIN, "it").headUserId()).isNull(); // written, only its head failed
    }
}

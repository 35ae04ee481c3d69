package dev.oakit.workflow;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;

import static dev.oakit.workflow.WorkflowFixture.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sub-process calls that form a cycle are refused at deploy, and stopped with a clear error at run time. */
class SubProcessCycleTest {
    /** start → (approval by bob when {@code approval}) → sub-process {@code calls} → end. */
    static ProcessDefinition calling(String key, String calls, boolean approval) {
        ProcessDefinitionBuilder b = ProcessDefinition.builder(key).form(WorkflowFixture.leaveForm()).start("start");
        if (approval) {
            b.approval("check", a -> a.approver(ApproverRule.users("bob")));
        }
        b.subProcess("sub", calls).end("end");
        return approval ? b.chain("start", "check", "sub", "end").build() : b.chain("start", "sub", "end").build();
    }

    static ProcessDefinition leaf(String key) {
        return WorkflowFixture.single(key, a -> a.approver(ApproverRule.users("bob")));
    }

    @DbTest
    void aDeployThatClosesACycleOfSubProcessCallsIsRefusedNamingTheCycle(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, calling("a", "b", false));
        assertThatThrownBy(() -> f.definitions.deploy(f.admin, calling("b", "a", false)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/DEFINITION_INVALID");
                    assertThat(e.paths()).containsExactly("nodes[1].process");
                    assertThat(e.problems().get(0).message()).contains("b → a → b");
                });
        // a longer cycle through a version deployed earlier, with an approval on the way
        f.definitions.deploy(f.admin, calling("c", "d", true));
        f.definitions.deploy(f.admin, calling("d", "e", false));
        assertThatThrownBy(() -> f.definitions.deploy(f.admin, calling("e", "c", false)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("nodes[1].process").hasMessageContaining("e → c → d → e");
        assertThat(f.definitions.deployments(f.admin)).extracting(Deployment::key).containsExactly("a", "c", "d");
        // a new version that breaks the cycle is fine
        f.definitions.deploy(f.admin, leaf("b"));
        f.definitions.deploy(f.admin, leaf("e"));
    }

    @DbTest
    void aCycleTheDeployDidNotSeeStopsWithAClearErrorAtRunTime(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, calling("a", "b", false));
        f.definitions.deploy(f.admin, leaf("b"));
        // version 2 of 'b' calls 'a' back, written by a node that deployed at the same moment (or before the check existed)
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO oa_wf_definition (tenant_id, def_key, version, name, content, content_hash, deployed_at, deployed_by)
                VALUES ('acme', 'b', 2, 'b', ?, 'raw', ?, 'root')""")) {
            ps.setString(1, calling("b", "a", false).toJson());
            ps.setObject(2, LocalDateTime.now());
            ps.executeUpdate();
        }
        assertThatThrownBy(() -> f.start("alice", "a", days(1)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/SUBPROCESS_CYCLE");
                    assertThat(e.getMessage()).contains("a → b → a").contains("node 'sub'");
                });
        assertThat(count(db, "SELECT COUNT(*) FROM oa_wf_instance")).isZero();
    }

    @DbTest
    void subProcessesNestAtMostTenDeep(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, leaf("p11"));
        for (int i = 10; i >= 0; i--) {
            f.definitions.deploy(f.admin, calling("p" + i, "p" + (i + 1), false));
        }
        ProcessInstance ten = f.start("alice", "p1", days(1)); // p1 → … → p11: ten calls
        assertThat(ten.activeNodes()).containsExactly("sub");
        assertThatThrownBy(() -> f.start("alice", "p0", days(1)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-WF/SUBPROCESS_DEPTH");
                    assertThat(e.getMessage()).contains("p0 → p1 → p2").contains("p10 → p11");
                });
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

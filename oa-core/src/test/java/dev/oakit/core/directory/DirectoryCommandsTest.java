package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryCommandsTest {
    private static Directory start(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new dev.oakit.core.testing.EventRecorder()));
        return oa.service(Directory.class);
    }

    @DbTest
    void createsReadsAndUpdatesUsers(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.plugin(new dev.oakit.core.testing.EventRecorder()));
        Directory dir = oa.service(Directory.class);
        User u = new User("u1", "张三", "zhang@acme.cn", "13800000000", null, true,
                Map.of("level", "P7", "costCenter", "CC-100"), Map.of("sso", "zhang.san", "erp", "E-0001"));

        assertThat(dir.createUser(ADMIN, u)).isEqualTo(u);
        assertThat(dir.user(ADMIN, "u1")).isEqualTo(u);
        assertThat(dir.findUserByExternalId(ADMIN, "erp", "E-0001")).contains(u);

        dir.createUser(ADMIN, User.of("boss", "老板"));
        User changed = dir.updateUser(ADMIN, u.withName("张三丰").withEmail(null).withManagerId("boss")
                .withAttributes(Map.of("level", "P8")).withExternalIds(Map.of("sso", "zsf")));
        assertThat(changed.name()).isEqualTo("张三丰");
        assertThat(changed.email()).isNull();
        assertThat(changed.managerId()).isEqualTo("boss");
        assertThat(changed.attributes()).containsExactly(Map.entry("level", "P8"));
        assertThat(changed.externalIds()).containsExactly(Map.entry("sso", "zsf"));
        assertThat(dir.findUserByExternalId(ADMIN, "erp", "E-0001")).isEmpty();

        assertThatThrownBy(() -> dir.createUser(ADMIN, User.of("u1", "again")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("u1");
        assertThatThrownBy(() -> dir.createUser(ADMIN, User.of("u2", "x").withExternalIds(Map.of("sso", "zsf"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("u1");
        assertThat(dir.findUser(ADMIN, "u2")).isEmpty();

        assertThat(oa.service(AuditLog.class).forTarget(ADMIN, "user", "u1")).extracting(AuditRecord::action)
                .containsExactly("core.user.create", "core.user.update");
        assertThat(events(db, "u1")).containsExactly("core.user.created", "core.user.updated");
    }

    @DbTest
    void validatesInputAndNamesUnknownIds(TestDatabase db) {
        Directory dir = start(db);
        assertThatThrownBy(() -> User.of(" ", "x".repeat(201)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("id", "name"));
        assertThatThrownBy(() -> User.of("a", "A").withEmail("not-an-email"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("email"));
        assertThatThrownBy(() -> User.of("a", "A").withManagerId("a"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("managerId"));
        assertThatThrownBy(() -> dir.createUser(ADMIN, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> dir.createUser(ADMIN, User.of("a", "A").withManagerId("ghost")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> dir.updateUser(ADMIN, User.of("ghost", "G")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> dir.createDepartment(ADMIN, Department.of("d", "nowhere", "D")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'nowhere'");
        assertThatThrownBy(() -> dir.createDepartment(ADMIN, Department.root("d", "D").withHead("ghost")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> dir.managerOf(ADMIN, "ghost", 1))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> dir.usersWithRole(ADMIN, "nope", true))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'nope'");
        dir.createUser(ADMIN, User.of("a", "A"));
        assertThatThrownBy(() -> dir.managerOf(ADMIN, "a", 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> dir.saveMembership(ADMIN, Membership.primary("a", "ghost-dept")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost-dept'");
        assertThat(dir.findUser(ADMIN, "a").orElseThrow().active()).isTrue();
    }

    @DbTest
    void explicitManagersMayNotFormACycle(TestDatabase db) {
        Directory dir = start(db);
        dir.createUser(ADMIN, User.of("a", "A"));
        dir.createUser(ADMIN, User.of("b", "B").withManagerId("a"));
        dir.createUser(ADMIN, User.of("c", "C").withManagerId("b"));
        assertThatThrownBy(() -> dir.updateUser(ADMIN, User.of("a", "A").withManagerId("c")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-CORE/MANAGER_CYCLE");
                    assertThat(e.paths()).containsExactly("managerId");
                });
        assertThat(dir.user(ADMIN, "a").managerId()).isNull();
    }

    @DbTest
    void onlyAdministratorsChangeTheDirectory(TestDatabase db) {
        Directory dir = start(db);
        Actor clerk = Actor.of("acme", "clerk", "finance");
        dir.createUser(ADMIN, User.of("a", "A"));
        dir.createDepartment(ADMIN, Department.root("d", "D"));
        List<Runnable> writes = List.of(
                () -> dir.createUser(clerk, User.of("x", "X")),
                () -> dir.updateUser(clerk, User.of("a", "A2")),
                () -> dir.deactivateUser(clerk, "a"),
                () -> dir.reactivateUser(clerk, "a"),
                () -> dir.createDepartment(clerk, Department.root("e", "E")),
                () -> dir.updateDepartment(clerk, Department.root("d", "D2")),
                () -> dir.moveDepartment(clerk, "d", null),
                () -> dir.saveRole(clerk, Role.of("r", "R")),
                () -> dir.assignRole(clerk, "a", "r"),
                () -> dir.revokeRole(clerk, "a", "r"),
                () -> dir.savePosition(clerk, Position.of("p", "P", 1)),
                () -> dir.saveMembership(clerk, Membership.primary("a", "d")),
                () -> dir.removeMembership(clerk, "a", "d"),
                () -> dir.importUsers(clerk, ImportFormat.JSON, new java.io.StringReader("[]")));
        for (Runnable w : writes) {
            assertThatThrownBy(w::run).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("'clerk'").hasMessageContaining(Actor.ADMIN_ROLE);
        }
        // reads are open to the tenant
        assertThat(dir.user(clerk, "a").name()).isEqualTo("A");
        assertThat(dir.memberships(clerk, "a")).isEmpty();
    }

    @DbTest
    void anotherTenantSeesNothing(TestDatabase db) {
        Directory dir = start(db);
        OrgFixture.build(dir);
        Actor other = Actor.admin("globex", "root");
        assertThat(dir.findUser(other, "alice")).isEmpty();
        assertThatThrownBy(() -> dir.user(other, "alice")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'alice'").hasMessageContaining("'globex'");
        assertThatThrownBy(() -> dir.department(other, "hq")).isInstanceOf(NotFoundException.class).hasMessageContaining("'hq'");
        assertThatThrownBy(() -> dir.managerOf(other, "alice", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dir.members(other, "east", true, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dir.deactivateUser(other, "alice")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dir.saveMembership(other, Membership.primary("alice", "hq"))).isInstanceOf(NotFoundException.class);
        assertThat(dir.childDepartments(other, null)).isEmpty();
        // the same ids may exist independently in another tenant
        dir.createUser(other, User.of("alice", "Alice of Globex"));
        assertThat(dir.user(other, "alice").name()).isEqualTo("Alice of Globex");
        assertThat(dir.user(ADMIN, "alice").name()).isEqualTo("User alice");
    }

    @DbTest
    void departmentTreeMovesAndRefusesCycles(TestDatabase db) {
        Directory dir = start(db);
        OrgFixture.build(dir);
        assertThat(dir.childDepartments(ADMIN, null)).extracting(Department::id).containsExactly("hq");
        assertThat(dir.childDepartments(ADMIN, "hq")).extracting(Department::id).containsExactly("sales", "it");

        Department moved = dir.moveDepartment(ADMIN, "east", "it");
        assertThat(moved.parentId()).isEqualTo("it");
        assertThat(dir.childDepartments(ADMIN, "sales")).isEmpty();
        assertThat(dir.members(ADMIN, "it", true, true)).extracting(User::id)
                .containsExactly("alice", "bob", "carol", "emgr", "ivan");

        assertThatThrownBy(() -> dir.moveDepartment(ADMIN, "hq", "east"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-CORE/DEPARTMENT_CYCLE");
                    assertThat(e.getMessage()).contains("'east'", "'hq'", "cycle");
                });
        assertThatThrownBy(() -> dir.updateDepartment(ADMIN, dir.department(ADMIN, "it").withParentId("east")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> dir.moveDepartment(ADMIN, "it", "ghost"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
        assertThat(dir.department(ADMIN, "hq").parentId()).isNull();
        assertThat(dir.department(ADMIN, "it").parentId()).isEqualTo("hq");

        Department renamed = dir.updateDepartment(ADMIN, dir.department(ADMIN, "it").withName("信息部").withHead("ivan")
                .withParentId(null));
        assertThat(renamed).isEqualTo(new Department("it", null, "信息部", "ivan", 2));
        assertThat(dir.childDepartments(ADMIN, null)).extracting(Department::id).containsExactly("hq", "it");
    }

    @DbTest
    void membershipsKeepOnePrimaryDepartment(TestDatabase db) {
        Directory dir = start(db);
        OrgFixture.build(dir);
        dir.savePosition(ADMIN, Position.of("mgr", "经理", 5));
        dir.savePosition(ADMIN, Position.of("gm", "总经理", 9));
        assertThat(dir.positions(ADMIN)).extracting(Position::code).containsExactly("gm", "mgr");

        assertThat(dir.memberships(ADMIN, "bob")).containsExactly(Membership.primary("bob", "it"), Membership.secondary("bob", "east"));
        dir.saveMembership(ADMIN, Membership.primary("bob", "east").withPosition("mgr"));
        assertThat(dir.memberships(ADMIN, "bob")).containsExactly(
                Membership.primary("bob", "east").withPosition("mgr"), Membership.secondary("bob", "it"));
        dir.removeMembership(ADMIN, "bob", "east");
        assertThat(dir.memberships(ADMIN, "bob")).containsExactly(Membership.primary("bob", "it"));
        // a first membership is primary even when asked as secondary
        assertThat(dir.saveMembership(ADMIN, Membership.secondary("dave", "it")).primary()).isTrue();
        assertThatThrownBy(() -> dir.saveMembership(ADMIN, Membership.primary("dave", "it").withPosition("ghost")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'ghost'");
    }

    @DbTest
    void rolesAndMembersQueries(TestDatabase db) {
        Directory dir = start(db);
        OrgFixture.build(dir);
        dir.saveRole(ADMIN, Role.of("finance", "财务"));
        dir.saveRole(ADMIN, Role.of("finance", "财务部"));
        assertThat(dir.roles(ADMIN)).containsExactly(Role.of("finance", "财务部"));
        dir.assignRole(ADMIN, "alice", "finance");
        dir.assignRole(ADMIN, "bob", "finance");
        dir.assignRole(ADMIN, "bob", "finance");
        assertThat(dir.usersWithRole(ADMIN, "finance", true)).extracting(User::id).containsExactly("alice", "bob");
        dir.revokeRole(ADMIN, "bob", "finance");
        assertThat(dir.rolesOf(ADMIN, "bob")).isEmpty();
        assertThat(dir.rolesOf(ADMIN, "alice")).containsExactly("finance");

        assertThat(dir.members(ADMIN, "east", false, false)).extracting(User::id).containsExactly("alice", "bob", "carol", "emgr");
        assertThat(dir.members(ADMIN, "sales", false, false)).extracting(User::id).containsExactly("smgr");
        assertThat(dir.members(ADMIN, "sales", true, false)).extracting(User::id)
                .containsExactly("alice", "bob", "carol", "emgr", "smgr");
        assertThat(dir.members(ADMIN, "hq", true, false)).hasSize(7);
        assertThat(dir.departmentHead(ADMIN, "east").map(User::id)).contains("emgr");
        assertThat(dir.departmentHead(ADMIN, "it")).isEmpty();
        assertThat(dir.headOfDepartmentOf(ADMIN, "alice").map(User::id)).contains("emgr");
        assertThat(dir.headOfDepartmentOf(ADMIN, "dave")).isEmpty();
    }

    @DbTest
    void deactivationKeepsEverythingButExcludesFromAssignment(TestDatabase db) throws Exception {
        Directory dir = start(db);
        OrgFixture.build(dir);
        dir.saveRole(ADMIN, Role.of("finance", "财务"));
        dir.assignRole(ADMIN, "alice", "finance");
        dir.updateUser(ADMIN, dir.user(ADMIN, "alice").withAttributes(Map.of("level", "P6")).withExternalIds(Map.of("sso", "alice")));
        List<Membership> before = dir.memberships(ADMIN, "alice");

        User off = dir.deactivateUser(ADMIN, "alice");
        assertThat(off.active()).isFalse();
        assertThat(dir.deactivateUser(ADMIN, "alice").active()).isFalse();   // idempotent
        assertThat(off.attributes()).containsEntry("level", "P6");
        assertThat(dir.findUserByExternalId(ADMIN, "sso", "alice")).contains(off);
        assertThat(dir.memberships(ADMIN, "alice")).isEqualTo(before);
        assertThat(dir.rolesOf(ADMIN, "alice")).containsExactly("finance");
        assertThat(dir.usersWithRole(ADMIN, "finance", true)).isEmpty();
        assertThat(dir.usersWithRole(ADMIN, "finance", false)).extracting(User::id).containsExactly("alice");
        assertThat(dir.members(ADMIN, "east", false, true)).extracting(User::id).doesNotContain("alice");
        assertThat(dir.members(ADMIN, "east", false, false)).extracting(User::id).contains("alice");
        // carol's explicit manager is inactive: her approvals go one level further up
        assertThat(dir.managerOf(ADMIN, "carol", 1).map(User::id)).contains("emgr");

        assertThat(dir.reactivateUser(ADMIN, "alice").active()).isTrue();
        assertThat(dir.managerOf(ADMIN, "carol", 1).map(User::id)).contains("alice");
        assertThat(events(db, "alice")).containsSubsequence("core.user.deactivated", "core.user.reactivated")
                .containsOnlyOnce("core.user.deactivated");
    }

    /** Event types published for a user, in order, read straight from the outbox. */
    static List<String> events(TestDatabase db, String userId) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT event_type FROM oa_core_outbox WHERE aggregate_type = 'user' AND aggregate_id = ? ORDER BY id")) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }
}

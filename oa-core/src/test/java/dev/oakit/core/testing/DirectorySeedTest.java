package dev.oakit.core.testing;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed writes the chart it is given through the directory's API. */
class DirectorySeedTest {

    @DbTest
    void seedsUsersDepartmentsHeadsMembershipsAndRoles(TestDatabase db) {
        Directory dir = db.start().service(Directory.class);
        Actor admin = Actor.admin("acme", "root");

        DirectorySeed.of(dir, admin).users("root", "zhao", "bob", "alice").admins("root")
                .department("hq", null, "总部").department("eng", "hq", "研发部")
                .members("hq", "zhao").members("eng", "bob", "alice").head("hq", "zhao").head("eng", "bob")
                .role("director", "总监", "zhao", "bob");

        assertThat(dir.user(admin, "alice").name()).isEqualTo("ALICE");
        assertThat(dir.department(admin, "eng").parentId()).isEqualTo("hq");
        assertThat(dir.departmentHead(admin, "eng")).map(User::id).contains("bob");
        assertThat(dir.headOfDepartmentOf(admin, "alice")).map(User::id).contains("bob");
        assertThat(dir.members(admin, "hq", true, true)).extracting(User::id).containsExactlyInAnyOrder("zhao", "bob", "alice");
        assertThat(dir.usersWithRole(admin, "director", true)).extracting(User::id).containsExactlyInAnyOrder("zhao", "bob");
        assertThat(dir.rolesOf(admin, "root")).containsExactly(Actor.ADMIN_ROLE);
    }
}

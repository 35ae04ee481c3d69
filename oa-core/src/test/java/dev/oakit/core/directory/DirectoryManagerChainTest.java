package dev.oakit.core.directory;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

class DirectoryManagerChainTest {
    private static List<String> ids(List<User> users) {
        return users.stream().map(User::id).toList();
    }

    @DbTest
    void managerRuleCases(TestDatabase db) {
        Directory dir = db.start().service(Directory.class);
        OrgFixture.build(dir);

        // a member: the head of their department, then up the tree
        assertThat(dir.managerOf(ADMIN, "alice", 1).map(User::id)).contains("emgr");
        assertThat(dir.managerOf(ADMIN, "alice", 2).map(User::id)).contains("smgr");
        assertThat(dir.managerOf(ADMIN, "alice", 3).map(User::id)).contains("ceo");
        assertThat(dir.managerOf(ADMIN, "alice", 4)).isEmpty();
        assertThat(ids(dir.managerChain(ADMIN, "alice", 10, true))).containsExactly("emgr", "smgr", "ceo");
        assertThat(ids(dir.managerChain(ADMIN, "alice", 2, true))).containsExactly("emgr", "smgr");
        // the head of a department: the head of the parent department
        assertThat(dir.managerOf(ADMIN, "emgr", 1).map(User::id)).contains("smgr");
        assertThat(dir.managerOf(ADMIN, "ceo", 1)).isEmpty();
        // a department without head: the nearest ancestor's head
        assertThat(dir.managerOf(ADMIN, "bob", 1).map(User::id)).contains("ceo");
        // the primary department decides, not a secondary one
        assertThat(ids(dir.managerChain(ADMIN, "bob", 5, true))).containsExactly("ceo");
        // an explicit manager comes first
        assertThat(ids(dir.managerChain(ADMIN, "carol", 10, true))).containsExactly("alice", "emgr", "smgr", "ceo");
        // no department, no manager
        assertThat(dir.managerChain(ADMIN, "dave", 5, true)).isEmpty();
    }

    @DbTest
    void inactiveManagersAreSkippedAndDoNotCountAsALevel(TestDatabase db) {
        Directory dir = db.start().service(Directory.class);
        OrgFixture.build(dir);
        dir.deactivateUser(ADMIN, "smgr");

        assertThat(ids(dir.managerChain(ADMIN, "alice", 10, true))).containsExactly("emgr", "ceo");
        assertThat(ids(dir.managerChain(ADMIN, "alice", 10, false))).containsExactly("emgr", "smgr", "ceo");
        assertThat(dir.managerOf(ADMIN, "alice", 2).map(User::id)).contains("ceo");
        assertThat(dir.managerOf(ADMIN, "emgr", 1).map(User::id)).contains("ceo");
        // the head itself is still the department head, inactive or not
        assertThat(dir.departmentHead(ADMIN, "sales").map(User::active)).contains(false);
    }

    @DbTest
    void chainUpToARole(TestDatabase db) {
        Directory dir = db.start().service(Directory.class);
        OrgFixture.build(dir);
        dir.saveRole(ADMIN, Role.of("director", "总监"));
        dir.saveRole(ADMIN, Role.of("gm", "总经理"));
        dir.saveRole(ADMIN, Role.of("nobody", "无人"));
        dir.assignRole(ADMIN, "smgr", "director");
        dir.assignRole(ADMIN, "ceo", "gm");

        assertThat(ids(dir.managerChainUpToRole(ADMIN, "alice", "director"))).containsExactly("emgr", "smgr");
        assertThat(ids(dir.managerChainUpToRole(ADMIN, "alice", "gm"))).containsExactly("emgr", "smgr", "ceo");
        assertThat(ids(dir.managerChainUpToRole(ADMIN, "alice", "nobody"))).containsExactly("emgr", "smgr", "ceo");
    }
}

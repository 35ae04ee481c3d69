package dev.oakit.core.directory;

import dev.oakit.core.Actor;

/**
 * A small organisation used by several tests:
 * <pre>
 * hq (head ceo)
 * ├── sales (head smgr)
 * │   └── east (head emgr)      alice, emgr; bob secondary
 * └── it (no head)              bob (primary), ivan
 * </pre>
 * carol has alice as explicit manager; dave belongs to no department.
 */
final class OrgFixture {
    static final Actor ADMIN = Actor.admin("acme", "root");

    private OrgFixture() {
    }

    static void build(Directory dir) {
        for (String id : new String[] {"ceo", "smgr", "emgr", "alice", "bob", "ivan", "dave"}) {
            dir.createUser(ADMIN, User.of(id, "User " + id));
        }
        dir.createUser(ADMIN, User.of("carol", "Carol").withManagerId("alice"));
        dir.createDepartment(ADMIN, Department.root("hq", "总部").withHead("ceo"));
        dir.createDepartment(ADMIN, Department.of("sales", "hq", "销售部").withHead("smgr").withSortOrder(1));
        dir.createDepartment(ADMIN, Department.of("east", "sales", "华东区").withHead("emgr"));
        dir.createDepartment(ADMIN, Department.of("it", "hq", "IT").withSortOrder(2));
        dir.saveMembership(ADMIN, Membership.primary("ceo", "hq"));
        dir.saveMembership(ADMIN, Membership.primary("smgr", "sales"));
        dir.saveMembership(ADMIN, Membership.primary("emgr", "east"));
        dir.saveMembership(ADMIN, Membership.primary("alice", "east"));
        dir.saveMembership(ADMIN, Membership.primary("bob", "it"));
        dir.saveMembership(ADMIN, Membership.secondary("bob", "east"));
        dir.saveMembership(ADMIN, Membership.primary("ivan", "it"));
        dir.saveMembership(ADMIN, Membership.primary("carol", "east"));
    }
}

package dev.oakit.testing;

import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;

/** The sales department of the tests: li.lei and wang.fang, its head (li.lei's manager). */
final class SalesTeam {
    private SalesTeam() {
    }

    static void seed(OaTestKit kit) {
        Directory directory = kit.service(Directory.class);
        directory.createDepartment(kit.admin(), Department.root("sales", "Sales"));
        for (String user : new String[] {"li.lei", "wang.fang"}) {
            directory.createUser(kit.admin(), User.of(user, user));
            directory.saveMembership(kit.admin(), Membership.primary(user, "sales"));
        }
        directory.updateDepartment(kit.admin(), directory.department(kit.admin(), "sales").withHead("wang.fang"));
    }
}

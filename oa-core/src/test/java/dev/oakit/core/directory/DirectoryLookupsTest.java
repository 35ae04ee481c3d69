package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lookups other modules use instead of reading the directory's tables: users by e-mail
 * address (mail intake) and the primary departments of many users at once (statistics by
 * department).
 */
class DirectoryLookupsTest {
    private static OaKit counted(TestDatabase db, CountingDataSource counting) {
        return db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting)
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
    }

    @DbTest
    void activeUsersByEmailIgnoresCaseInactiveUsersAndOtherTenants(TestDatabase db) {
        Directory dir = db.start().service(Directory.class);
        Actor reader = Actor.of("acme", "someone");
        dir.createUser(ADMIN, User.of("wang", "王经理").withEmail("Wang@Acme.cn"));
        dir.createUser(ADMIN, User.of("assistant", "秘书").withEmail("wang@acme.cn"));
        dir.createUser(ADMIN, User.of("li", "李会计").withEmail("li@acme.cn"));
        dir.createUser(ADMIN, User.of("nomail", "No mail"));
        dir.createUser(Actor.admin("globex", "root"), User.of("other", "Other").withEmail("li@acme.cn"));

        assertThat(dir.activeUsersByEmail(reader, "WANG@acme.CN")).extracting(User::id).containsExactly("assistant", "wang");
        assertThat(dir.activeUsersByEmail(reader, " li@acme.cn ")).extracting(User::id).containsExactly("li");
        assertThat(dir.activeUsersByEmail(reader, "nobody@acme.cn")).isEmpty();
        assertThat(dir.activeUsersByEmail(Actor.of("globex", "x"), "LI@acme.cn")).extracting(User::id).containsExactly("other");

        // a deactivated user drops out at once (the answer was cached), and comes back when reactivated
        dir.deactivateUser(ADMIN, "li");
        assertThat(dir.activeUsersByEmail(reader, "li@acme.cn")).isEmpty();
        dir.reactivateUser(ADMIN, "li");
        assertThat(dir.activeUsersByEmail(reader, "li@acme.cn")).extracting(User::id).containsExactly("li");
        // a changed address is seen at once
        dir.updateUser(ADMIN, dir.user(ADMIN, "li").withEmail("li.new@acme.cn"));
        assertThat(dir.activeUsersByEmail(reader, "li@acme.cn")).isEmpty();
        assertThat(dir.activeUsersByEmail(reader, "Li.New@acme.cn")).extracting(User::id).containsExactly("li");

        assertThatThrownBy(() -> dir.activeUsersByEmail(reader, " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("email"));
        assertThatThrownBy(() -> dir.activeUsersByEmail(reader, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("email"));
        assertThatThrownBy(() -> dir.activeUsersByEmail(reader, "x".repeat(255)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("email"));
    }

    @DbTest
    void primaryDepartmentsOfManyUsersCostOneStatementPerFiveHundredIds(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        Directory dir = counted(db, counting).service(Directory.class);
        OrgFixture.build(dir);
        Actor reader = Actor.of("acme", "someone");
        List<String> ids = List.of("alice", "bob", "carol", "ceo", "dave", "emgr", "ivan", "smgr", "ghost");

        counting.reset();
        Map<String, String> departments = dir.primaryDepartments(reader, ids);
        assertThat(counting.reset()).as("statements for %s users", ids.size()).isOne();
        // bob's secondary membership (east) does not count; dave has no department; ghost does not exist
        assertThat(departments).containsExactly(Map.entry("alice", "east"), Map.entry("bob", "it"), Map.entry("carol", "east"),
                Map.entry("ceo", "hq"), Map.entry("emgr", "east"), Map.entry("ivan", "it"), Map.entry("smgr", "sales"));
        assertThatThrownBy(() -> departments.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add("u" + i);
        }
        many.add("alice");
        counting.reset();
        assertThat(dir.primaryDepartments(reader, many)).containsExactly(Map.entry("alice", "east"));
        assertThat(counting.reset()).as("statements for 1201 users").isEqualTo(3);

        assertThat(dir.primaryDepartments(reader, List.of())).isEmpty();
        assertThat(counting.reset()).as("statements for no users").isZero();

        // a new primary membership is seen at once
        dir.saveMembership(ADMIN, Membership.primary("bob", "east"));
        assertThat(dir.primaryDepartments(reader, List.of("bob"))).containsExactly(Map.entry("bob", "east"));
        assertThat(dir.primaryDepartments(Actor.of("globex", "x"), List.of("bob"))).isEmpty();

        assertThatThrownBy(() -> dir.primaryDepartments(reader, Arrays.asList("alice", null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("userIds[1]"));
        assertThatThrownBy(() -> dir.primaryDepartments(reader, List.of("alice", "x".repeat(65))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("userIds[1]"));
        assertThatThrownBy(() -> dir.primaryDepartments(reader, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("userIds"));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aReplacedProviderAnswersBothThroughTheDefaultMethods(TestDatabase db) {
        InMemoryDirectory ldap = new InMemoryDirectory("acme")
                .user(User.of("lead", "Lead").withEmail("lead@acme.cn")).user(User.of("dev", "Dev"))
                .department(Department.root("corp", "Corp")).department(Department.of("eng", "corp", "Engineering"))
                .member("lead", "corp", false).member("lead", "eng", true).member("dev", "eng", true);
        Directory dir = db.start(b -> b.plugin(new HostDirectoryPlugin(ldap))).service(Directory.class);
        Actor reader = Actor.of("acme", "someone");

        assertThat(dir.primaryDepartments(reader, List.of("dev", "lead", "nobody")))
                .containsExactly(Map.entry("dev", "eng"), Map.entry("lead", "eng"));
        // the SPI cannot list users: a provider that does not override the lookup knows no address
        assertThat(dir.activeUsersByEmail(reader, "lead@acme.cn")).isEmpty();
    }
}

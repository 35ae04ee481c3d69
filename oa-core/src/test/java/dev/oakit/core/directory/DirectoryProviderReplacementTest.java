package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryProviderReplacementTest {
    @DbTest
    void aPluginReplacesTheProviderAndTheManagerRuleAnswersFromIt(TestDatabase db) {
        InMemoryDirectory ldap = new InMemoryDirectory("acme")
                .user(User.of("boss", "Boss")).user(User.of("lead", "Lead")).user(User.of("dev", "Dev"))
                .department(Department.root("corp", "Corp").withHead("boss"))
                .department(Department.of("eng", "corp", "Engineering").withHead("lead"))
                .member("boss", "corp", true).member("lead", "eng", true).member("dev", "eng", true)
                .role("lead", "approver");
        Directory dir = db.start(b -> b.plugin(new HostDirectoryPlugin(ldap))).service(Directory.class);
        Actor someone = Actor.of("acme", "dev");

        assertThat(dir.managerOf(someone, "dev", 1).map(User::id)).contains("lead");
        assertThat(dir.managerOf(someone, "dev", 2).map(User::id)).contains("boss");
        assertThat(dir.managerChain(someone, "dev", 5, true)).extracting(User::id).containsExactly("lead", "boss");
        assertThat(dir.members(someone, "corp", true, true)).extracting(User::id).containsExactly("boss", "dev", "lead");
        assertThat(dir.departmentHead(someone, "eng").map(User::id)).contains("lead");
        // OAKit's own tables are empty: the answers came from the host's provider
        assertThat(db.start().service(Directory.class).findUser(someone, "dev")).isEmpty();
        assertThatThrownBy(() -> dir.managerOf(Actor.of("globex", "x"), "dev", 1)).isInstanceOf(NotFoundException.class);
    }
}

package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code usersWithRole} refuses an unknown role only where the bound provider can tell one: OAKit's
 * own provider checks its role table; a host's provider knows roles that table does not.
 */
class DirectoryRoleCatalogTest {
    @DbTest
    void onlyTheDefaultProviderRefusesARoleOakitsTablesDoNotKnow(TestDatabase db) {
        Actor someone = Actor.of("acme", "dev");
        InMemoryDirectory ldap = new InMemoryDirectory("acme").user(User.of("lead", "Lead")).role("lead", "approver");
        Directory replaced = db.start(b -> b.plugin(new HostDirectoryPlugin(ldap)))
                .service(Directory.class);
        assertThat(replaced.usersWithRole(someone, "approver", true)).extracting(User::id).containsExactly("lead");
        assertThat(replaced.usersWithRole(someone, "nobody-has-it", false)).isEmpty();

        Directory own = db.start().service(Directory.class);
        assertThatThrownBy(() -> own.usersWithRole(someone, "approver", true))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'approver'").hasMessageContaining("saveRole");
        own.saveRole(Actor.admin("acme", "root"), Role.of("approver", "Approver"));
        assertThat(own.usersWithRole(someone, "approver", true)).isEmpty();
    }
}

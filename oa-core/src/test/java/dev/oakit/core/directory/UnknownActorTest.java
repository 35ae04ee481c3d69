package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.kernel.SamplePlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command whose actor is not a user of the tenant's directory is refused before it runs, in the command chain, so
 * for every module alike; administrators and the system act without a directory entry.
 */
class UnknownActorTest {
    /** OAKit as a production host runs it: users must be known (the tests' relaxed default turned back on). */
    static OaKit strict(TestDatabase db) {
        return db.start(b -> b.config("core", Map.of("tenants", Map.of("requireKnownUsers", true))).plugin(new SamplePlugin()));
    }

    @DbTest
    void aCommandOfAUserNotInTheDirectoryIsRefusedAndWritesNothing(TestDatabase db) {
        OaKit oa = strict(db);
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        Actor ghost = Actor.of("acme", "ghost");

        assertThatThrownBy(() -> notes.add(ghost, "hello"))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.UNKNOWN_ACTOR))
                .hasMessageContaining("'ghost'")
                .hasMessageContaining("not a user of tenant 'acme'")
                .hasMessageContaining("sample.note.add")
                .hasMessageContaining("Directory.createUser");
        assertThat(notes.texts(Actor.admin("acme", "root"))).isEmpty();
    }

    @DbTest
    void aKnownUserAdministratorsAndTheSystemAreAdmitted(TestDatabase db) {
        OaKit oa = strict(db);
        SamplePlugin.Notes notes = oa.service(SamplePlugin.Notes.class);
        oa.service(Directory.class).createUser(Actor.admin("acme", "root"), User.of("alice", "Alice"));

        notes.add(Actor.of("acme", "alice"), "by a user");
        notes.add(Actor.admin("acme", "root"), "by an administrator the directory does not know");
        notes.add(Actor.system("acme"), "by the system");

        assertThat(notes.texts(Actor.admin("acme", "root"))).hasSize(3);
    }

    @DbTest
    void withTheCheckOffAnyUserActs(TestDatabase db) {
        OaKit oa = db.start(b -> b.config("core", Map.of("tenants", Map.of("requireKnownUsers", false))).plugin(new SamplePlugin()));
        oa.service(SamplePlugin.Notes.class).add(Actor.of("acme", "ghost"), "hello");
        assertThat(oa.service(SamplePlugin.Notes.class).texts(Actor.admin("acme", "root"))).hasSize(1);
    }
}

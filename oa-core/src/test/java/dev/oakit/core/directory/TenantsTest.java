package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tenants are explicit: declared or created, listed, deactivated; a command of any other tenant is refused. */
class TenantsTest {
    static final Actor OPS = Actor.of("acme", "ops", Actor.OPERATOR_ROLE);

    /** OAKit as a production host runs it: no automatic creation, tenant "acme" declared on the builder. */
    static OaKit strict(TestDatabase db) {
        return db.start(b -> b.config("core", Map.of("tenants", Map.of("autoCreate", false))).tenant("acme", "ACME 公司"));
    }

    @DbTest
    void aWriteOfAMisspeltTenantIsRefusedAndCreatesNothing(TestDatabase db) {
        OaKit oa = strict(db);
        Directory directory = oa.service(Directory.class);
        Tenants tenants = oa.service(Tenants.class);

        directory.createUser(Actor.admin("acme", "root"), User.of("alice", "Alice"));
        assertThatThrownBy(() -> directory.createUser(Actor.admin("acmee", "root"), User.of("alice", "Alice")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.TENANT_NOT_FOUND))
                .hasMessageContaining("tenant 'acmee' does not exist").hasMessageContaining("create the tenant first");

        assertThat(tenants.list(OPS)).extracting(Tenant::id).containsExactly("acme");
        Tenant acme = tenants.list(OPS).get(0);
        assertThat(acme.name()).isEqualTo("ACME 公司");
        assertThat(acme.active()).isTrue();
        assertThat(tenants.find(Actor.of("acme", "alice"), "acme")).contains(acme);
        assertThat(tenants.find(Actor.of("acme", "alice"), "other")).isEmpty();
    }

    @DbTest
    void anOperatorCreatesDeactivatesAndReactivatesAndEachIsAudited(TestDatabase db) {
        OaKit oa = strict(db);
        Directory directory = oa.service(Directory.class);
        Tenants tenants = oa.service(Tenants.class);
        Actor globexAdmin = Actor.admin("globex", "root");

        assertThatThrownBy(() -> tenants.create(Actor.admin("acme", "root"), Tenant.of("globex", "Globex")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(Actor.OPERATOR_ROLE);
        Tenant globex = tenants.create(OPS, Tenant.of("globex", "Globex"));
        assertThat(globex.active()).isTrue();
        assertThatThrownBy(() -> tenants.create(OPS, Tenant.of("globex", "Globex 2")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.TENANT_EXISTS));
        directory.createUser(globexAdmin, User.of("bob", "Bob"));

        Tenant off = tenants.deactivate(OPS, "globex");
        assertThat(off.active()).isFalse();
        assertThat(off.deactivatedAt()).isNotNull();
        assertThatThrownBy(() -> directory.createUser(globexAdmin, User.of("carol", "Carol")))
                .isInstanceOfSatisfying(OaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.TENANT_INACTIVE))
                .hasMessageContaining("tenant 'globex' was deactivated").hasMessageContaining("Tenants.reactivate");
        assertThat(directory.findUser(globexAdmin, "bob")).isPresent();          // its data stays readable
        assertThat(directory.findUser(globexAdmin, "carol")).isEmpty();

        tenants.reactivate(OPS, "globex");
        directory.createUser(globexAdmin, User.of("carol", "Carol"));
        assertThatThrownBy(() -> tenants.deactivate(OPS, "initech"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.TENANT_NOT_FOUND));

        assertThat(oa.service(AuditLog.class).forTarget(globexAdmin, "tenant", "globex")).extracting(AuditRecord::action)
                .containsExactly("core.tenant.create", "core.tenant.deactivate", "core.tenant.reactivate");
        assertThat(oa.service(AuditLog.class).forTarget(globexAdmin, "tenant", "globex")).extracting(AuditRecord::actorId)
                .containsOnly("ops");
        // the declared tenant was created by the system at start
        assertThat(oa.service(AuditLog.class).forTarget(Actor.admin("acme", "root"), "tenant", "acme"))
                .extracting(AuditRecord::actorId).containsExactly(Actor.SYSTEM_USER);
    }

    @DbTest
    void withAutoCreateTheFirstCommandCreatesItsTenant(TestDatabase db) {
        OaKit oa = db.start(b -> b.config("core", Map.of("tenants", Map.of("autoCreate", true))));
        oa.service(Directory.class).createUser(Actor.admin("initech", "root"), User.of("peter", "Peter"));
        assertThat(oa.service(Tenants.class).list(OPS)).extracting(Tenant::id).containsExactly("initech");
        assertThat(oa.service(AuditLog.class).recent(Actor.admin("initech", "root"), 10)).extracting(AuditRecord::action)
                .containsExactly("core.user.create");
    }

    @DbTest
    void aSecondStartKeepsTheDeclaredTenantAsItIs(TestDatabase db) {
        strict(db).service(Tenants.class).deactivate(OPS, "acme");
        OaKit again = strict(db);
        assertThat(again.service(Tenants.class).list(OPS)).singleElement().satisfies(t -> assertThat(t.active()).isFalse());
    }
}

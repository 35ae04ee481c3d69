package dev.oakit.core.directory;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static dev.oakit.core.directory.OrgFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The directory cache (core.directoryCache): answers are reused until the TTL or a directory
 * command of this JVM; a change written straight into the tables is seen only after one of them.
 */
class DirectoryCacheTest {
    private static void sql(TestDatabase db, String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static String managerOf(Directory dir, String user) {
        return dir.managerOf(ADMIN, user, 1).map(User::id).orElse(null);
    }

    @DbTest
    void reusesAnswersUntilADirectoryCommandOfThisNode(TestDatabase db) throws Exception {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .build().start());
        Directory dir = oa.service(Directory.class);
        OrgFixture.build(dir);
        dir.saveRole(ADMIN, Role.of("finance", "财务"));
        dir.assignRole(ADMIN, "ivan", "finance");

        assertThat(managerOf(dir, "alice")).isEqualTo("emgr");
        assertThat(dir.usersWithRole(ADMIN, "finance", true)).extracting(User::id).containsExactly("ivan");
        assertThat(dir.rolesOf(ADMIN, "ivan")).containsExactly("finance");
        counting.reset();
        assertThat(managerOf(dir, "alice")).isEqualTo("emgr");
        assertThat(dir.rolesOf(ADMIN, "ivan")).containsExactly("finance");
        assertThat(dir.findUser(ADMIN, "carol")).isPresent();
        assertThat(counting.count()).as("statements of cached answers").isEqualTo(1); // findUser(carol) was not asked before
        counting.reset();
        assertThat(dir.findUser(ADMIN, "carol")).isPresent();
        assertThat(counting.count()).as("statements of a cached answer").isZero();

        // written by someone else straight into the tables: this node keeps its answer for the TTL
        sql(db, "UPDATE oa_core_user SET manager_id = 'ceo' WHERE tenant_id = 'acme' AND id = 'alice'");
        assertThat(managerOf(dir, "alice")).isEqualTo("emgr");

        // any directory command of this node forgets the cached answers
        dir.createUser(ADMIN, User.of("zoe", "Zoe"));
        assertThat(managerOf(dir, "alice")).isEqualTo("ceo");

        // a deactivated user is out of the role's active members at once
        dir.deactivateUser(ADMIN, "ivan");
        assertThat(dir.usersWithRole(ADMIN, "finance", true)).isEmpty();
        dir.reactivateUser(ADMIN, "ivan");
        dir.revokeRole(ADMIN, "ivan", "finance");
        assertThat(dir.usersWithRole(ADMIN, "finance", false)).isEmpty();
        assertThat(dir.rolesOf(ADMIN, "ivan")).isEmpty();
    }

    @DbTest
    void aHostTransactionsUncommittedDirectoryIsNeverCached(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> { });
        Directory dir = oa.service(Directory.class);
        OrgFixture.build(dir);
        assertThat(dir.findUser(ADMIN, "zed")).isEmpty();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            oa.inHostTransaction(c, () -> {
                dir.createUser(ADMIN, User.of("zed", "Zed").withManagerId("alice"));
                // the transaction reads its own rows, around the cache
                assertThat(managerOf(dir, "zed")).isEqualTo("alice");
                assertThat(dir.findUser(ADMIN, "zed")).isPresent();
                return null;
            });
            c.rollback();
        }
        assertThat(dir.findUser(ADMIN, "zed")).isEmpty();
        assertThatThrownBy(() -> managerOf(dir, "zed")).isInstanceOf(dev.oakit.core.NotFoundException.class);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void zeroTtlReadsTheTablesEveryTime(TestDatabase db) throws Exception {
        Directory dir = db.start(b -> b.config("core", Map.of("directoryCache", Map.of("ttl", "PT0S")))).service(Directory.class);
        OrgFixture.build(dir);
        assertThat(managerOf(dir, "alice")).isEqualTo("emgr");
        sql(db, "UPDATE oa_core_user SET manager_id = 'ceo' WHERE tenant_id = 'acme' AND id = 'alice'");
        assertThat(managerOf(dir, "alice")).isEqualTo("ceo");
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).config("core", Map.of("directoryCache", Map.of("ttl", "-PT1S"))).build())
                .hasMessageContaining("core.directoryCache.ttl").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).config("core", Map.of("directoryCache", Map.of("maxEntries", 0))).build())
                .hasMessageContaining("core.directoryCache.maxEntries");
    }

    @Test
    void defaults() {
        assertThat(dev.oakit.core.CoreConfig.defaults().directoryCache())
                .isEqualTo(new dev.oakit.core.CoreConfig.DirectoryCache(java.time.Duration.ofSeconds(30), 10_000));
        assertThat(dev.oakit.core.CoreConfig.DirectoryCache.off().ttl()).isZero();
    }
}

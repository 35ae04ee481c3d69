package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.h2.jdbcx.JdbcDataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of directory commands, with reads between them: the answers of a node with
 * the directory cache always equal those of a node without it on the same database (every write
 * goes through this node's commands, so the cache never shows an older directory).
 */
class DirectoryCachePropertiesTest {
    private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4"};
    private static final String[] DEPARTMENTS = {"d0", "d1", "d2"};
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static OaKit cached;
    private static OaKit uncached;

    @BeforeContainer
    static void boot() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dir-cache-props;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        Map<String, Object> noJobs = Map.of("enabled", false);
        cached = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(ds).config("core", Map.of("jobs", noJobs)).build().start();
        uncached = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(ds).config("core", Map.of("jobs", noJobs, "directoryCache", Map.of("ttl", "PT0S")))
                .build().start();
    }

    @AfterContainer
    static void close() {
        uncached.close();
        cached.close();
    }

    /** One command: kind, user, other user, department. */
    record Op(int kind, int user, int other, int department) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.integers().between(0, 6).flatMap(k -> Arbitraries.integers().between(0, USERS.length - 1)
                .flatMap(u -> Arbitraries.integers().between(-1, USERS.length - 1)
                        .flatMap(o -> Arbitraries.integers().between(0, DEPARTMENTS.length - 1).map(d -> new Op(k, u, o, d)))))
                .list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 40)
    void theCacheNeverShowsAnOlderDirectoryThanThisNodeWrote(@ForAll("ops") List<Op> ops) {
        Actor admin = Actor.admin("c" + TENANTS.incrementAndGet(), "root");
        Directory dir = cached.service(Directory.class);
        Directory oracle = uncached.service(Directory.class);
        for (String u : USERS) {
            dir.createUser(admin, User.of(u, u));
        }
        dir.createDepartment(admin, Department.root("d0", "D0").withHead("u0"));
        dir.createDepartment(admin, Department.of("d1", "d0", "D1").withHead("u1"));
        dir.createDepartment(admin, Department.of("d2", "d0", "D2"));
        dir.saveRole(admin, Role.of("r", "R"));
        for (int i = 0; i < USERS.length; i++) {
            dir.saveMembership(admin, Membership.primary(USERS[i], DEPARTMENTS[i % DEPARTMENTS.length]));
        }
        sameAnswers(admin, dir, oracle);
        for (Op op : ops) {
            apply(admin, dir, op);
            sameAnswers(admin, dir, oracle);
        }
    }

    private static void apply(Actor admin, Directory dir, Op op) {
        String u = USERS[op.user()];
        String other = op.other() < 0 ? null : USERS[op.other()];
        String d = DEPARTMENTS[op.department()];
        try {
            switch (op.kind()) {
                case 0 -> dir.assignRole(admin, u, "r");
                case 1 -> dir.revokeRole(admin, u, "r");
                case 2 -> dir.deactivateUser(admin, u);
                case 3 -> dir.reactivateUser(admin, u);
                case 4 -> dir.updateUser(admin, dir.user(admin, u).withManagerId(other));
                case 5 -> dir.saveMembership(admin, Membership.primary(u, d));
                default -> dir.updateDepartment(admin, dir.department(admin, d).withHead(other));
            }
        } catch (dev.oakit.core.ConflictException | dev.oakit.core.ValidationException refused) {
            // refused commands (a manager cycle, an own manager) change nothing; the answers must still agree
        }
    }

    private static void sameAnswers(Actor admin, Directory dir, Directory oracle) {
        assertThat(dir.usersWithRole(admin, "r", true)).isEqualTo(oracle.usersWithRole(admin, "r", true));
        assertThat(dir.usersWithRole(admin, "r", false)).isEqualTo(oracle.usersWithRole(admin, "r", false));
        for (String u : USERS) {
            assertThat(dir.findUser(admin, u)).as("user %s", u).isEqualTo(oracle.findUser(admin, u));
            assertThat(dir.rolesOf(admin, u)).as("roles of %s", u).isEqualTo(oracle.rolesOf(admin, u));
            assertThat(dir.managerOf(admin, u, 1)).as("manager of %s", u).isEqualTo(oracle.managerOf(admin, u, 1));
            assertThat(dir.managerChain(admin, u, 3, true)).as("chain of %s", u).isEqualTo(oracle.managerChain(admin, u, 3, true));
        }
        for (String d : DEPARTMENTS) {
            assertThat(dir.members(admin, d, true, true)).as("members of %s", d).isEqualTo(oracle.members(admin, d, true, true));
        }
    }
}

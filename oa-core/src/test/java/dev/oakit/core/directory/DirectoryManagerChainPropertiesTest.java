package dev.oakit.core.directory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager rule over random organisations, on the provider's default methods (the same code
 * the database-backed provider runs).
 */
class DirectoryManagerChainPropertiesTest {
    static final String T = "acme";

    /** A random org: department i has parent parents[i] < i (0 is the root), random heads, users, inactive flags. */
    record Org(InMemoryDirectory dir, Map<String, Integer> depth, List<String> users) {
    }

    @Provide
    Arbitrary<Org> trees() {
        return trees(false);
    }

    @Provide
    Arbitrary<Org> treesWithExplicitManagers() {
        return trees(true);
    }

    private Arbitrary<Org> trees(boolean explicit) {
        return Arbitraries.integers().between(1, 12).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, 1000).list().ofSize(n),      // parent choice
                Arbitraries.integers().between(0, 3).list().ofSize(n),         // 0 = no head
                Arbitraries.integers().between(0, 3).list().ofSize(n * 2),     // member's department (scaled)
                Arbitraries.of(true, true, true, false).list().ofSize(n * 3),  // active flags
                Arbitraries.integers().between(-1, n * 3 - 1).list().ofSize(n * 3)  // explicit manager index, -1 none
        ).as((parents, heads, memberDepts, actives, managers) -> {
            InMemoryDirectory dir = new InMemoryDirectory(T);
            Map<String, Integer> depth = new java.util.HashMap<>();
            List<String> users = new ArrayList<>();
            int u = 0;
            for (int i = 0; i < n; i++) {
                String parent = i == 0 ? null : "d" + (parents.get(i) % i);
                depth.put("d" + i, parent == null ? 1 : depth.get(parent) + 1);
                String head = null;
                if (heads.get(i) > 0) {
                    head = "u" + u++;
                    users.add(head);
                    dir.member(head, "d" + i, true);   // heads sit in the department they lead
                }
                dir.department(new Department("d" + i, parent, "D" + i, head, 0));
            }
            for (int k = 0; k < n * 2; k++) {
                String id = "u" + u++;
                users.add(id);
                dir.member(id, "d" + ((memberDepts.get(k) * 7 + k) % n), true);
            }
            for (int k = 0; k < users.size(); k++) {
                String id = users.get(k);
                int m = managers.get(k % managers.size());
                String manager = explicit && m >= 0 && m < users.size() && !users.get(m).equals(id) ? users.get(m) : null;
                dir.user(new User(id, id, null, null, manager, actives.get(k % actives.size()), Map.of(), Map.of()));
            }
            return new Org(dir, depth, users);
        }));
    }

    @Property(tries = 300)
    void chainNeverContainsTheUserNorRepeats(@ForAll("treesWithExplicitManagers") Org org) {
        for (String user : org.users()) {
            for (boolean activeOnly : new boolean[] {true, false}) {
                List<User> chain = org.dir().managerChain(T, user, 50, activeOnly);
                List<String> ids = chain.stream().map(User::id).toList();
                assertThat(ids).doesNotContain(user).doesNotHaveDuplicates();
                if (activeOnly) {
                    assertThat(chain).allMatch(User::active);
                }
            }
        }
    }

    @Property(tries = 300)
    void withoutExplicitManagersTheChainClimbsTheTree(@ForAll("trees") Org org) {
        for (String user : org.users()) {
            String dept = org.dir().primaryMembership(T, user).orElseThrow().departmentId();
            List<User> all = org.dir().managerChain(T, user, 50, false);
            assertThat(all.size()).isLessThanOrEqualTo(org.depth().get(dept));
            // every manager heads the user's department or one above it, each strictly higher than the last
            int last = org.depth().get(dept) + 1;
            for (User m : all) {
                String headed = org.dir().primaryMembership(T, m.id()).orElseThrow().departmentId();
                assertThat(org.dir().findDepartment(T, headed).orElseThrow().headUserId()).isEqualTo(m.id());
                assertThat(org.depth().get(headed)).isLessThan(last);
                last = org.depth().get(headed);
            }
            // the active chain is the full chain without the inactive managers, in the same order
            assertThat(org.dir().managerChain(T, user, 50, true)).isEqualTo(all.stream().filter(User::active).toList());
        }
    }

    @Property(tries = 200)
    void levelsAgreeWithTheChain(@ForAll("treesWithExplicitManagers") Org org) {
        for (String user : org.users()) {
            List<User> chain = org.dir().managerChain(T, user, 50, true);
            for (int level = 1; level <= chain.size() + 1; level++) {
                assertThat(org.dir().managerOf(T, user, level).orElse(null))
                        .isEqualTo(level <= chain.size() ? chain.get(level - 1) : null);
            }
            for (int upTo = 1; upTo <= chain.size(); upTo++) {
                assertThat(org.dir().managerChain(T, user, upTo, true)).isEqualTo(chain.subList(0, upTo));
            }
            assertThat(new HashSet<>(chain)).hasSize(chain.size());
        }
    }
}

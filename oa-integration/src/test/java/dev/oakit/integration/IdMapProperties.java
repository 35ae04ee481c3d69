package dev.oakit.integration;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of link, unlink, merge and split over a few records of two systems. After every
 * step the map is one-to-one both ways in each system (an external record resolves to one OAKit id
 * and that id resolves back to it), and it equals a plain model of the rules. One OAKit on H2; one
 * tenant per try.
 */
class IdMapProperties {
    static final String[] SYSTEMS = {"erp", "crm"};
    static final int EXTERNALS = 4;
    static final int LOCALS = 4;
    private static TestDatabase db;
    private static IdMap map;
    private static final AtomicInteger TENANTS = new AtomicInteger();

    record Step(String kind, int system, int external, int local, int other) {
    }

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.open(TestDatabase.Kind.H2);
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        map = oa.service(IdMap.class);
    }

    @AfterContainer
    static void stop() throws Exception {
        db.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of("link", "link", "link", "unlink", "merge", "split"), Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(1, EXTERNALS), Arbitraries.integers().between(1, LOCALS),
                        Arbitraries.integers().between(1, LOCALS))
                .as(Step::new).list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 60)
    void theMapStaysOneToOneBothWaysAndFollowsTheRules(@ForAll("steps") List<Step> steps) {
        Actor admin = Actor.admin("p" + TENANTS.incrementAndGet(), "root");
        Map<String, Map<String, String>> model = new HashMap<>(); // system -> external -> local
        for (String s : SYSTEMS) {
            model.put(s, new HashMap<>());
        }
        for (Step step : steps) {
            String system = SYSTEMS[step.system()];
            ExternalRef ref = ExternalRef.of(system, "party", "X" + step.external());
            String local = "L" + step.local();
            String other = "L" + step.other();
            Map<String, String> m = model.get(system);
            switch (step.kind()) {
                case "link" -> {
                    boolean allowed = local.equals(m.get(ref.externalId()))
                            || (!m.containsKey(ref.externalId()) && !m.containsValue(local));
                    boolean done = succeeds(() -> map.link(admin, ref, local));
                    assertThat(done).as("link %s -> %s allowed", ref, local).isEqualTo(allowed);
                    if (allowed) {
                        m.put(ref.externalId(), local);
                    }
                }
                case "unlink" -> {
                    assertThat(map.unlink(admin, ref)).isEqualTo(m.remove(ref.externalId()) != null);
                }
                case "merge" -> {
                    if (local.equals(other)) {
                        continue;
                    }
                    map.merge(admin, "party", local, other);
                    for (Map<String, String> sm : model.values()) {
                        Optional<String> mergedExternal = keyOf(sm, other);
                        if (mergedExternal.isPresent()) {
                            if (sm.containsValue(local)) {
                                sm.remove(mergedExternal.get());
                            } else {
                                sm.put(mergedExternal.get(), local);
                            }
                        }
                    }
                }
                case "split" -> {
                    String current = m.get(ref.externalId());
                    boolean allowed = current != null && (current.equals(other) || !m.containsValue(other));
                    assertThat(succeeds(() -> map.split(admin, ref, other))).as("split %s -> %s allowed", ref, other).isEqualTo(allowed);
                    if (allowed) {
                        m.put(ref.externalId(), other);
                    }
                }
                default -> throw new IllegalStateException(step.kind());
            }
            assertOneToOneAndAsModelled(admin, model);
        }
    }

    private static void assertOneToOneAndAsModelled(Actor admin, Map<String, Map<String, String>> model) {
        for (String system : SYSTEMS) {
            Set<String> localsSeen = new HashSet<>();
            for (int x = 1; x <= EXTERNALS; x++) {
                ExternalRef ref = ExternalRef.of(system, "party", "X" + x);
                Optional<String> local = map.localId(admin, ref);
                assertThat(local).as("%s", ref).isEqualTo(Optional.ofNullable(model.get(system).get(ref.externalId())));
                local.ifPresent(l -> {
                    assertThat(localsSeen.add(l)).as("%s is linked to two records of %s", l, system).isTrue();
                    assertThat(map.external(admin, system, "party", l)).map(IdLink::ref).as("back from %s", l).contains(ref);
                });
            }
            for (int l = 1; l <= LOCALS; l++) {
                String local = "L" + l;
                map.external(admin, system, "party", local).ifPresent(link ->
                        assertThat(map.localId(admin, link.ref())).as("back from %s", link.ref()).contains(local));
            }
        }
    }

    private static Optional<String> keyOf(Map<String, String> m, String value) {
        return m.entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey).findFirst();
    }

    private static boolean succeeds(Runnable r) {
        try {
            r.run();
            return true;
        } catch (ConflictException | NotFoundException e) {
            return false;
        }
    }
}

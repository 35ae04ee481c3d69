package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of remote changes, webhook deliveries (late, out of order, repeated) and pulls
 * (which see each record's latest version, as a pull page does, and send it without a delivery id, as
 * the pull job does) of the same records. After every step: each (record, version) was applied at most
 * once, and no record was ever applied at an older version after a newer one. After a last pull, every
 * record's latest version is the one stored. One OAKit on H2; one tenant per try.
 */
class PullAndWebhookProperties {
    static final int RECORDS = 3;
    private static TestDatabase db;
    private static Inbox inbox;
    private static final AtomicInteger TENANTS = new AtomicInteger();

    record Step(String kind, int record, int pick) {
    }

    record Delivery(String deliveryId, int record, long version) {
    }

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.open(TestDatabase.Kind.H2);
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        inbox = oa.service(Inbox.class);
    }

    @AfterContainer
    static void stop() throws Exception {
        db.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of("change", "change", "deliver", "deliver", "redeliver", "pull"),
                Arbitraries.integers().between(1, RECORDS), Arbitraries.integers().between(0, 1000)).as(Step::new).list().ofMinSize(5).ofMaxSize(50);
    }

    @Property(tries = 60)
    void eachVersionIsAppliedOnceAndNeverAnOlderAfterANewer(@ForAll("steps") List<Step> steps) {
        Actor system = Actor.system("pw" + TENANTS.incrementAndGet());
        Map<Integer, Long> remote = new HashMap<>();            // record -> latest version at the remote
        List<Delivery> queued = new ArrayList<>();               // webhooks not yet delivered
        List<Delivery> sent = new ArrayList<>();                 // webhooks delivered once (may come again)
        Map<Integer, Long> applied = new HashMap<>();            // record -> newest version applied
        Set<String> appliedVersions = new HashSet<>();
        for (Step step : steps) {
            switch (step.kind()) {
                case "change" -> {
                    long v = remote.merge(step.record(), 1L + step.pick() % 3, Long::sum);
                    queued.add(new Delivery("wh-" + UUIDish.next(), step.record(), v));
                }
                case "deliver" -> {
                    if (!queued.isEmpty()) {
                        Delivery d = queued.remove(step.pick() % queued.size());
                        sent.add(d);
                        apply(system, d.record(), d.version(), d.deliveryId(), applied, appliedVersions);
                    }
                }
                case "redeliver" -> {
                    if (!sent.isEmpty()) {
                        Delivery d = sent.get(step.pick() % sent.size());
                        apply(system, d.record(), d.version(), d.deliveryId(), applied, appliedVersions);
                    }
                }
                default -> remote.forEach((r, v) -> apply(system, r, v, null, applied, appliedVersions));
            }
        }
        remote.forEach((r, v) -> apply(system, r, v, null, applied, appliedVersions));
        assertThat(applied).as("after a last pull every record is at its latest version").isEqualTo(remote);
    }

    private static void apply(Actor system, int record, long version, String deliveryId, Map<Integer, Long> applied, Set<String> appliedVersions) {
        InboxReceipt r = inbox.accept(system, new InboundEvent("erp", "Supplier", "S" + record, version, deliveryId, null));
        if (r.accepted()) {
            assertThat(appliedVersions.add(record + "@" + version)).as("S%d version %d applied twice", record, version).isTrue();
            Long before = applied.put(record, version);
            assertThat(before == null || before < version).as("S%d applied at %d after %s", record, version, before).isTrue();
        }
    }

    /** Delivery ids unique across tries. */
    static final class UUIDish {
        private static final AtomicInteger N = new AtomicInteger();

        static int next() {
            return N.incrementAndGet();
        }
    }
}

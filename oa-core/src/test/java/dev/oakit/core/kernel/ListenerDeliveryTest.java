package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each listener of an event is its own delivery: retried, dead-lettered and de-duplicated on its own, off the caller's thread. */
class ListenerDeliveryTest {
    private static final Actor ALICE = Actor.of("acme", "alice");
    private static final Actor ADMIN = Actor.admin("acme", "root");

    /** Records every call: the thread it ran on. */
    static class Recording implements EventListener {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public boolean accepts(String eventType) {
            return eventType.startsWith("test.");
        }

        @Override
        public void onEvent(DomainEvent event) throws Exception {
            threads.add(Thread.currentThread().getName());
        }
    }

    /** Fails twice (retryable), then succeeds. */
    static final class Flaky extends Recording {
        @Override
        public void onEvent(DomainEvent event) throws Exception {
            super.onEvent(event);
            if (threads.size() <= 2) {
                throw new IllegalStateException("mail server busy (" + threads.size() + ")");
            }
        }
    }

    /** Fails permanently. */
    static final class Rejecting extends Recording {
        @Override
        public void onEvent(DomainEvent event) throws Exception {
            super.onEvent(event);
            throw new IntegrationException("TEST/REJECTED", "the receiver rejects this event", false, null);
        }
    }

    static final class First extends Recording {
    }

    static final class Last extends Recording {
    }

    /** Listeners in this order: one that works, one that fails twice, one that always fails, one more that works. */
    static final class Listeners implements OaPlugin {
        final First first = new First();
        final Flaky flaky = new Flaky();
        final Rejecting rejecting = new Rejecting();
        final Last last = new Last();

        @Override
        public String id() {
            return "listeners";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.eventListener(first);
            context.eventListener(flaky);
            context.eventListener(rejecting);
            context.eventListener(last);
        }
    }

    private static String publish(OaKit oa) {
        return OaKitTestAccess.commands(oa).execute(CommandSpec.of(ALICE, "test.publish"), String.class,
                ctx -> ctx.publish("test.happened", "thing", "1", Map.of("n", 1)));
    }

    @DbTest
    void aFailingListenerNeitherRepeatsNorDropsTheOthers(TestDatabase db) {
        Listeners l = new Listeners();
        OaKit oa = db.start(b -> b.plugin(l));
        publish(oa);

        await().atMost(Duration.ofSeconds(30)).until(() -> l.flaky.threads.size() == 3 && l.last.threads.size() == 1
                && !oa.service(Jobs.class).dead(ADMIN, 10).isEmpty());
        assertThat(l.first.threads).as("the first listener ran once, although another one failed twice").hasSize(1);
        assertThat(l.last.threads).as("a permanent failure of another listener does not drop this one").hasSize(1);
        assertThat(l.rejecting.threads).hasSize(1);
        List<JobInfo> dead = oa.service(Jobs.class).dead(ADMIN, 10);
        assertThat(dead).singleElement().satisfies(j -> assertThat(j.lastError()).contains("rejects this event"));
        assertThat(oa.service(Jobs.class).counts(ADMIN)).containsEntry(JobStatus.DONE, 3L).containsEntry(JobStatus.DEAD, 1L);
    }

    @DbTest
    void listenersRunOnTheJobWorkersNotOnTheCallersThread(TestDatabase db) {
        Listeners l = new Listeners();
        OaKit oa = db.start(b -> b.plugin(l));
        publish(oa);
        String caller = Thread.currentThread().getName();
        await().atMost(Duration.ofSeconds(30)).until(() -> !l.first.threads.isEmpty());
        assertThat(l.first.threads.get(0)).isNotEqualTo(caller).startsWith("oakit-job-");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aNodeWithoutWorkersLeavesListenersToTheWorkers(TestDatabase db) throws Exception {
        Listeners l = new Listeners();
        OaKit oa = db.start(b -> b.plugin(l).config("core", Map.of("jobs", Map.of("enabled", false))));
        publish(oa);
        assertThat(l.first.threads).as("the command returned without running listeners").isEmpty();
        assertThat(oa.service(Jobs.class).counts(ADMIN)).containsEntry(JobStatus.READY, 4L);
    }
    /** De-duplicates by delivery id; fails its first attempt. */
    static final class Idempotent implements EventListener, OaPlugin {
        final List<String> deliveries = new CopyOnWriteArrayList<>();
        final java.util.Set<String> done = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public String id() {
            return "idempotent-mailer";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.eventListener(this);
        }

        @Override
        public void onEvent(DomainEvent event) {
            throw new AssertionError("onDelivery is overridden");
        }

        @Override
        public void onDelivery(String deliveryId, DomainEvent event) {
            deliveries.add(deliveryId);
            if (deliveries.size() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            done.add(deliveryId);
        }
    }

    @DbTest
    void eachListenerDeliveryCarriesAStableDeliveryId(TestDatabase db) {
        Idempotent listener = new Idempotent();
        OaKit oa = db.start(b -> b.plugin(listener));
        String eventId = publish(oa);
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.done.size() == 1);
        assertThat(listener.deliveries).hasSize(2).containsOnly(eventId + ":idempotent-mailer");
    }

    @org.junit.jupiter.api.Test
    void listenersNeedStableUniqueIds() {
        EventListener lambda = e -> { };
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).plugin(new OaPlugin() {
            @Override
            public String id() {
                return "lambdas";
            }

            @Override
            public void configure(OaPluginContext context) {
                context.eventListener(lambda);
                context.eventListener(new First());
                context.eventListener(new First());
            }
        }).build()).isInstanceOf(dev.oakit.core.ConfigurationException.class)
                .satisfies(e -> assertThat(((dev.oakit.core.ConfigurationException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("is a lambda").contains("override id()"))
                        .anySatisfy(p -> assertThat(p).contains("two event listeners have the id '" + First.class.getName() + "'")));
    }
}

package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.testing.ConnectionsHeld;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Remote writes against a real HTTP server in the JVM that commits and then fails in every ambiguous way. */
class RemoteWritesTest {
    static final Actor SYSTEM = Actor.system("t1");

    record Setup(OaKit oa, RemoteWrites writes, FakeOrders shop, OrdersConnector connector) {
    }

    static Setup start(TestDatabase db) throws Exception {
        FakeOrders shop = db.closeLater(new FakeOrders());
        OrdersConnector connector = new OrdersConnector(shop.uri());
        OaPlugin shopPlugin = new ConnectorPlugin("shop", connector);
        OaKit oa = db.start(b -> b.dataSource(ConnectionsHeld.tracking(db.dataSource())).plugin(new IntegrationPlugin()).plugin(shopPlugin)
                .config("integration", Map.of("callTimeout", "PT2S", "lease", "PT4S", "retryInitial", "PT0.05S", "retryMax", "PT0.2S")));
        return new Setup(oa, oa.service(RemoteWrites.class), shop, connector);
    }

    static RemoteWrite awaitStatus(Setup s, long id, WriteStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> s.writes.get(SYSTEM, id).orElseThrow().status() == status);
        return s.writes.get(SYSTEM, id).orElseThrow();
    }

    static NewRemoteWrite order(String key) {
        return new NewRemoteWrite("shop", "order", key, "pr-1", Map.of("amount", "120.50"));
    }

    @DbTest
    void aPlainCreateIsConfirmedWithTheRemoteIdAndNoConnectionIsHeldDuringTheCall(TestDatabase db) throws Exception {
        Setup s = start(db);
        RemoteWrite w = s.writes.request(SYSTEM, order("PR-1"));
        assertThat(w.status()).isEqualTo(WriteStatus.PENDING);
        assertThat(s.writes.request(SYSTEM, order("PR-1")).id()).as("one write per key").isEqualTo(w.id());
        RemoteWrite done = awaitStatus(s, w.id(), WriteStatus.CONFIRMED);
        assertThat(done.remoteId()).isEqualTo(s.shop.orders.get("PR-1"));
        assertThat(done.creates()).isEqualTo(1);
        assertThat(s.connector.connectionsHeldDuringCalls).containsOnly(0);
    }

    @DbTest
    void commitThenTimeoutIsUnknownThenFoundByItsKeyNeverCreatedTwice(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.shop.script.add(FakeOrders.Mode.COMMIT_THEN_HANG);
        RemoteWrite done = awaitStatus(s, s.writes.request(SYSTEM, order("PR-2")).id(), WriteStatus.CONFIRMED);
        assertThat(s.shop.orders).hasSize(1);
        assertThat(s.shop.posts).hasValue(1);
        assertThat(done.remoteId()).isEqualTo(s.shop.orders.get("PR-2"));
        assertThat(done.creates()).isEqualTo(1);
        assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
    }

    @DbTest
    void a5xxOrAResetAfterTheCommitIsLookedUpToo(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.shop.script.add(FakeOrders.Mode.COMMIT_THEN_502);
        s.shop.script.add(FakeOrders.Mode.COMMIT_THEN_RESET);
        awaitStatus(s, s.writes.request(SYSTEM, order("PR-3")).id(), WriteStatus.CONFIRMED);
        awaitStatus(s, s.writes.request(SYSTEM, order("PR-4")).id(), WriteStatus.CONFIRMED);
        assertThat(s.shop.orders).containsOnlyKeys("PR-3", "PR-4");
        assertThat(s.shop.posts).hasValue(2);
    }

    @DbTest
    void aRateLimitIsRetriedAfterRetryAfterAndCreatesOnce(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.shop.script.add(FakeOrders.Mode.TOO_MANY);
        RemoteWrite done = awaitStatus(s, s.writes.request(SYSTEM, order("PR-5")).id(), WriteStatus.CONFIRMED);
        assertThat(s.shop.posts).as("the 429 and the create").hasValue(2);
        assertThat(s.shop.gets).as("a refused create needs no lookup").hasValue(0);
        assertThat(done.updatedAt()).isAfterOrEqualTo(done.createdAt().plusSeconds(1));
    }

    @DbTest
    void refusedWritesAreDeadLettersWithTheRemotesErrorAndTheirReplayLooksUpBeforeCreating(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.shop.script.add(FakeOrders.Mode.INVALID);
        s.shop.script.add(FakeOrders.Mode.INVALID);
        long first = s.writes.request(SYSTEM, order("PR-6")).id();
        RemoteWrite dead = awaitStatus(s, first, WriteStatus.FAILED);
        long second = s.writes.request(SYSTEM, order("PR-8")).id();
        awaitStatus(s, second, WriteStatus.FAILED);
        assertThat(dead.remoteStatus()).isEqualTo(422);
        assertThat(dead.remoteError()).contains("unknown material M-9");
        assertThat(dead.payload()).contains("120.50");
        assertThat(s.writes.deadLetters(SYSTEM, "shop", 10)).extracting(RemoteWrite::id).containsExactly(first, second);
        assertThat(s.shop.orders).isEmpty();
        assertThatThrownBy(() -> s.writes.deadLetters(Actor.of("t1", "bob"), null, 10)).isInstanceOf(dev.oakit.core.ForbiddenException.class);
        assertThatThrownBy(() -> s.writes.replay(Actor.of("t1", "bob"), List.of(first))).isInstanceOf(dev.oakit.core.ForbiddenException.class);

        assertThat(s.writes.replay(SYSTEM, List.of(first, second, 999_999L))).extracting(RemoteWrite::status)
                .containsExactly(WriteStatus.UNKNOWN, WriteStatus.UNKNOWN);
        awaitStatus(s, first, WriteStatus.CONFIRMED);
        awaitStatus(s, second, WriteStatus.CONFIRMED);
        assertThat(s.shop.gets).as("each looked up first").hasValue(2);
        assertThat(s.shop.orders).containsOnlyKeys("PR-6", "PR-8");
        assertThat(s.writes.deadLetters(SYSTEM, null, 10)).isEmpty();
        assertThat(s.oa.service(dev.oakit.core.audit.AuditLog.class).recent(SYSTEM, 100))
                .filteredOn(r -> r.action().equals("integration.write.replay")).extracting(r -> r.targetId())
                .containsExactlyInAnyOrder(Long.toString(first), Long.toString(second), "999999");
    }

    @DbTest
    void aWorkerThatLostItsLeaseRecordsNothingAndCreatesNothingAfterItsLookup(TestDatabase db) throws Exception {
        Setup s = start(db);
        // the first create commits and hangs up: UNKNOWN. While the next attempt's lookup runs, another worker takes the write over.
        s.shop.script.add(FakeOrders.Mode.COMMIT_THEN_RESET);
        s.shop.onGet = key -> {
            s.shop.orders.remove("PR-7"); // the lookup finds nothing, so the stale worker would create next
            steal(db);
        };
        long id = s.writes.request(SYSTEM, order("PR-7")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> s.shop.gets.get() >= 1);
        Thread.sleep(500);
        assertThat(s.shop.posts).as("the stale worker created nothing after its lookup").hasValue(1);
        RemoteWrite w = s.writes.get(SYSTEM, id).orElseThrow();
        assertThat(w.status()).as("nor recorded its outcome").isEqualTo(WriteStatus.UNKNOWN);

        // the new holder died too; its lease runs out and the write is delivered once more from UNKNOWN
        s.shop.onGet = key -> { };
        db.execute("UPDATE oa_int_write SET lease_until = NULL");
        s.oa.service(Jobs.class).schedule(SYSTEM, JobRequest.of("int.write", Map.of("id", id)));
        awaitStatus(s, id, WriteStatus.CONFIRMED);
        assertThat(s.shop.posts).hasValue(2);
        assertThat(s.shop.orders).containsOnlyKeys("PR-7");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aWriteForAnUnknownTargetIsRefusedNamingWhatIsInstalled(TestDatabase db) throws Exception {
        Setup s = start(db);
        assertThatThrownBy(() -> s.writes.request(SYSTEM, new NewRemoteWrite("erp", "order", "k", null, Map.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining(IntegrationErrors.NO_SUCH_OPERATION)
                .hasMessageContaining("no connector 'erp'").hasMessageContaining("[shop]");
    }

    private static void steal(TestDatabase db) {
        try {
            db.execute("UPDATE oa_int_write SET fence = fence + 1, lease_owner = 'another-node'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.oakit.erp;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.integration.DyingCreate;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OAKit nodes on one database approve requisitions against a fake Odoo that commits and then
 * fails (dropped connections, a late answer, a 502); node A is killed right after Odoo committed an
 * order it created and before it could record it. Node B finishes everything: every approved
 * requisition has exactly one confirmed purchase order, and no duplicate was ever created.
 */
class TwoNodesRequisitionTest {
    static final int REQUISITIONS = 8;

    /** Node A's view of Odoo: after the first order it creates, the node dies before it records the outcome. */
    static final class Dying implements ErpConnector {
        final ErpConnector real;
        final DyingCreate dying = new DyingCreate(java.time.Duration.ofSeconds(3)); // the node is killed meanwhile, its database gone first
        final CountDownLatch died = dying.died;

        Dying(ErpConnector real) {
            this.real = real;
        }

        public String id() {
            return real.id();
        }

        public String systemName() {
            return real.systemName();
        }

        public DocumentLink documentLink(CallContext call, String operation, String remoteId) throws RemoteCallException {
            return real.documentLink(call, operation, remoteId);
        }

        public List<RemoteCreate<?>> creates() {
            List<RemoteCreate<?>> out = new ArrayList<>();
            real.creates().forEach(c -> out.add(dying.wrap(c)));
            return out;
        }
    }

    /**
     * Short job leases and polls, so that node B takes node A's work over soon; the circuit breaker (tested on its own)
     * kept out of the way, so that the scripted failures are retried rather than held back for its open time.
     */
    static void quick(dev.oakit.core.OaKitBuilder b) {
        quick(b, true);
    }

    /** {@link #quick(dev.oakit.core.OaKitBuilder)}, with the node's job workers on or off. */
    static void quick(dev.oakit.core.OaKitBuilder b, boolean workers) {
        b.config("core", java.util.Map.of("jobs", java.util.Map.of("enabled", workers, "lease", "PT2S", "pollInterval", "PT0.05S")))
                .config("integration", java.util.Map.of("targets", java.util.Map.of("odoo",
                        java.util.Map.of("failureRate", 100, "minimumCalls", 100, "openFor", "PT1S"))));
    }

    @DbTest
    void everyApprovedRequisitionHasExactlyOneOrderWhenANodeDiesBetweenTheCallAndTheRecord(TestDatabase db) throws Exception {
        BridgeFixture.Erp erp = BridgeFixture.odoo(db);
        erp.server().failures().responseDelay(Duration.ofSeconds(3))
                .nextCall("purchase.order", "create", Failure.COMMIT_THEN_DROP)
                .nextCall("purchase.order", "create", Failure.COMMIT_THEN_TIMEOUT)
                .nextCall("purchase.order", "create", Failure.BAD_GATEWAY)
                .nextCall("purchase.order", "create", Failure.COMMIT_THEN_DROP);
        Dying dying = new Dying(erp.connector());
        DataSource poolA = db.newPool(4);
        BridgeFixture a = BridgeFixture.start(db, poolA, new BridgeFixture.Erp() {
            public dev.oakit.fakes.FakeServer server() {
                return erp.server();
            }

            public ErpConnector connector() {
                return dying;
            }

            public java.util.Map<String, String> orders() {
                return erp.orders();
            }
        }, TwoNodesRequisitionTest::quick);
        // node B takes commands but runs no jobs until node A has died: A is then the node that meets the ERP's scripted
        // failures and creates an order, whatever the machine's load; B restarts with its workers to take A's work over
        BridgeFixture b = BridgeFixture.node(db, db.newPool(4), erp, c -> quick(c, false));

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < REQUISITIONS; i++) {
            ids.add((i % 2 == 0 ? a : b).approved("DR-1"));
        }
        assertThat(dying.died.await(60, TimeUnit.SECONDS)).as("node A created an order").isTrue();
        // killed: its database connections go first, so its worker, waking after the remote committed, cannot record
        // the order it created; then the node stops
        if (poolA instanceof AutoCloseable pool) {
            pool.close();
        }
        a.oa.close();
        b.oa.close();
        b = BridgeFixture.node(db, db.newPool(4), erp, TwoNodesRequisitionTest::quick);

        for (long id : ids) {
            b.awaitOrder(id, RequisitionOrderStatus.ORDERED);
        }
        assertThat(erp.orders()).hasSize(REQUISITIONS).doesNotContainValue("TWO ORDERS");
        assertThat(erp.orders().values()).containsOnly("confirmed");
        assertThat(erp.orders().keySet()).isEqualTo(ids.stream().map(id -> "OA-t1-PR-" + id).collect(Collectors.toSet()));
        assertThat(erp.server().callCount("unlink")).as("no duplicate was ever created").isZero();
        for (long id : ids) {
            b.kit.as("pat").awaitOpenTask(id, BridgeFixture.WAIT).approve(id, null);
        }
        assertThat(erp.orders()).hasSize(REQUISITIONS);
    }
}

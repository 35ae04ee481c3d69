package dev.oakit.crm.deal;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.ForwardingCrmConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.DyingCreate;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OAKit nodes on one database: node A dies while it reads a request from Salesforce (mid-sync) and
 * again right after Salesforce committed a decision it wrote, before it could record it. Node B finishes
 * everything: every request has exactly one approval, and every decision is in Salesforce exactly once.
 * One server database is enough for the kill (the flow itself runs on all three in DealApprovalFlowTest).
 */
class TwoNodesDealTest {
    static final int QUOTES = 5;

    /** Node A's view of Salesforce: the third read of a request and the first decision it writes never come back. */
    static final class Dying extends ForwardingCrmConnector {
        final DyingCreate writing = new DyingCreate();
        final CountDownLatch diedWriting = writing.died;
        final CountDownLatch diedReading = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();

        Dying(CrmConnector real) {
            super(real);
        }

        @Override
        public Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException {
            Optional<ApprovalRequest> r = real.readApprovalRequest(call, kind, id);
            if (reads.incrementAndGet() == 3) {
                diedReading.countDown();
                DyingCreate.hang();
                throw new IllegalStateException("node A was killed");
            }
            return r;
        }

        @Override
        public List<RemoteCreate<?>> creates() {
            return creates(DECISION, c -> writing.wrap(c));
        }
    }

    @DbTest
    void everyRequestHasOneApprovalAndOneDecisionWhenANodeDiesMidSyncAndMidWrite(TestDatabase db) throws Exception {
        // one server database keeps the run short; the flows run on all three in the other tests
        org.junit.jupiter.api.Assumptions.assumeTrue(db.kind() == TestDatabase.Kind.POSTGRESQL, "the kill scenario runs on PostgreSQL");
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        Dying dying = new Dying(DealFixture.connector(sf));
        DataSource poolA = db.newPool(4);
        DealFixture a = DealFixture.start(db, poolA, sf, dying, null, b -> { });
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < QUOTES; i++) {
            quotes.add(a.quote("Q-" + (500 + i), "15"));
        }
        a.pull();
        assertThat(dying.diedReading.await(60, TimeUnit.SECONDS)).as("node A died reading a request").isTrue();
        for (String q : quotes.subList(0, 2)) {
            DealRequest r = a.await(ApprovalRequest.Kind.DISCOUNT, q, 1, DealStatus.IN_APPROVAL);
            a.kit.as("sara").awaitOpenTask(r.instanceId(), DealFixture.WAIT).approve(r.instanceId(), "ok");
        }
        assertThat(dying.diedWriting.await(60, TimeUnit.SECONDS)).as("node A wrote a decision").isTrue();
        DealFixture b = DealFixture.node(db, db.newPool(4), sf, b2 -> { });
        a.oa.close(); // killed
        if (poolA instanceof AutoCloseable pool) {
            pool.close();
        }

        b.pull();
        for (String q : quotes) {
            DealRequest r = b.await(ApprovalRequest.Kind.DISCOUNT, q, 1, DealStatus.IN_APPROVAL, DealStatus.WRITTEN);
            if (r.status() == DealStatus.IN_APPROVAL) {
                b.kit.as("sara").awaitOpenTask(r.instanceId(), DealFixture.WAIT).approve(r.instanceId(), "ok");
            }
        }
        for (String q : quotes) {
            b.await(ApprovalRequest.Kind.DISCOUNT, q, 1, DealStatus.WRITTEN);
            DealRequest r = b.deals.rounds(DealFixture.ADMIN, DealFixture.SF, ApprovalRequest.Kind.DISCOUNT, q).get(0);
            assertThat(sf.record("Quote", q).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Approved")
                    .containsEntry("OAKit_Decision_Key__c", CrmConnector.decisionKey(q, r.version()));
        }
        b.pull();
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_crm_deal_request")).isEqualTo(QUOTES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_wf_instance")).as("one approval per request").isEqualTo(QUOTES);
        assertThat(sf.calls().stream().filter(c -> c.target().equals("Quote") && c.action().equals("update") && c.status() < 300).count())
                .as("each decision written once").isEqualTo(QUOTES);
    }
}

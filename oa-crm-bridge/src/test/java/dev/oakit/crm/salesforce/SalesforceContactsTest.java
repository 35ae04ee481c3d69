package dev.oakit.crm.salesforce;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contacts upserted into the fake Salesforce by OAKit's key through real remote writes, one test per knob: each
 * ends with exactly one contact carrying the key, or with a dead letter naming the problem and no new contact.
 */
class SalesforceContactsTest {
    private static RemoteWrite upsert(SalesforceSetup s, String key) {
        return s.request(CrmConnector.CONTACT_UPSERT, key, CrmContact.toUpsert(key, null, "Ann", "Lee", "ann.lee@example.com", null));
    }

    private static void assertOneContact(SalesforceSetup s, RemoteWrite done, String key) {
        assertThat(done.status()).isEqualTo(WriteStatus.CONFIRMED);
        assertThat(s.sf().records("Contact")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("OAKit_Key__c", key).containsEntry("LastName", "Lee").containsEntry("Email", "ann.lee@example.com");
            assertThat(c.get("Id")).isEqualTo(done.remoteId());
        });
    }

    @DbTest
    void upsertsOneContactByTheKeyAndAnUpsertAgainUpdatesIt(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-1"), WriteStatus.CONFIRMED), "OA-t1-C-1");
        assertThat(s.sf().callCount("upsert")).isEqualTo(1);
        assertThat(s.sf().callCount("token")).isEqualTo(1);
        assertThat(s.connector().apiUsage()[1]).isEqualTo(15_000);
    }

    @DbTest
    void commitThenTimeoutIsLookedUpByTheKeyNeverASecondContact(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().failures().responseDelay(Duration.ofSeconds(3)).nextCall("upsert", Failure.COMMIT_THEN_TIMEOUT);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-2"), WriteStatus.CONFIRMED), "OA-t1-C-2");
        assertThat(s.sf().callCount("upsert")).isEqualTo(1);
    }

    @DbTest
    void commitThenDropIsLookedUpToo(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().failures().nextCall("upsert", Failure.COMMIT_THEN_DROP);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-3"), WriteStatus.CONFIRMED), "OA-t1-C-3");
    }

    @DbTest
    void aRequestTheServerRunsTwiceStillLeavesOneContact(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().failures().nextCall("upsert", Failure.RUN_TWICE);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-4"), WriteStatus.CONFIRMED), "OA-t1-C-4");
    }

    @DbTest
    void burstsOf5xxAndTheConcurrentRequestLimitAreRetried(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().failures().nextCalls(2, "upsert", Failure.SERVER_ERROR).nextCall("upsert", Failure.BAD_GATEWAY)
                .nextCall("upsert", Failure.RATE_LIMITED);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-5"), WriteStatus.CONFIRMED), "OA-t1-C-5");
    }

    @DbTest
    void anExpiredSessionGetsOneNewTokenAndTheCallIsSentAgain(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.await(upsert(s, "OA-t1-C-6"), WriteStatus.CONFIRMED);
        s.sf().expireSessions();
        s.await(upsert(s, "OA-t1-C-7"), WriteStatus.CONFIRMED);
        assertThat(s.sf().callCount("token")).isEqualTo(2);
        assertThat(s.sf().records("Contact")).hasSize(2);
    }

    @DbTest
    void aLockedRowIsRetriedUntilTheLockIsGone(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        s.sf().lockRows(2);
        RemoteWrite done = s.await(upsert(s, "OA-t1-C-8"), WriteStatus.CONFIRMED);
        assertOneContact(s, done, "OA-t1-C-8");
        assertThat(done.attempts()).isGreaterThanOrEqualTo(3);
    }

    @DbTest
    void aKeyOnTwoContactsIsADeadLetterNamingBoth(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db);
        String first = s.sf().insert("Contact", Map.of("LastName", "Lee", "OAKit_Key__c", "OA-t1-C-9"));
        String second = s.sf().duplicateExternalId("Contact", "OAKit_Key__c", "OA-t1-C-9", Map.of("LastName", "Lee (import)"));
        RemoteWrite dead = s.await(upsert(s, "OA-t1-C-9"), WriteStatus.FAILED);
        assertThat(dead.lastError()).contains("OA-t1-C-9", first, second, "merge them");
        assertThat(dead.remoteStatus()).isEqualTo(300);
        assertThat(s.sf().records("Contact")).hasSize(2);
    }

    @DbTest
    void theDailyLimitUsedUpPausesTheWriteInsteadOfFailingIt(TestDatabase db) {
        SalesforceSetup s = SalesforceSetup.start(db, FakeSalesforce.start(), Duration.ofMillis(300));
        s.sf().exhaustDailyLimit();
        RemoteWrite w = upsert(s, "OA-t1-C-10");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.current(w).lastError() != null);
        assertThat(s.current(w).status()).isNotEqualTo(WriteStatus.FAILED);
        assertThat(s.current(w).lastError()).contains("daily API requests are used up");
        s.sf().resetDailyLimit();
        assertOneContact(s, s.await(w, WriteStatus.CONFIRMED), "OA-t1-C-10");
    }

    @DbTest
    void usageAtTheLimitInSforceLimitInfoStopsCallsBeforeTheyAreSent(TestDatabase db) throws Exception {
        SalesforceSetup s = SalesforceSetup.start(db, FakeSalesforce.builder().dailyLimit(2).start(), Duration.ofHours(1));
        RemoteCreate<?> upsert = s.connector().creates().stream().filter(c -> c.operation().equals(CrmConnector.CONTACT_UPSERT)).findFirst().orElseThrow();
        assertThat(upsert.find(SalesforceSetup.call(), "nobody")).isEmpty();
        assertThat(upsert.find(SalesforceSetup.call(), "nobody")).isEmpty();
        long calls = s.sf().calls().size();
        assertThatThrownBy(() -> upsert.find(SalesforceSetup.call(), "nobody")).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE);
            assertThat(e.retryAfter()).isPositive();
            assertThat(e.getMessage()).contains("2/2");
        });
        assertThat(s.sf().calls()).hasSize((int) calls);
    }

    @DbTest
    void wrongCredentialsArePermanentAndNameWhatToCheckButNoSecret(TestDatabase db) {
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        SalesforceConnector c = new SalesforceConnector(SalesforceConfig.of("salesforce", sf.baseUri(), sf.clientId(), "wrong-secret", null));
        RemoteCreate<?> upsert = c.creates().get(0);
        assertThatThrownBy(() -> upsert.find(SalesforceSetup.call(), "k")).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.PERMANENT);
            assertThat(e.getMessage()).contains("invalid_grant", "consumer key and secret").doesNotContain("wrong-secret");
        });
    }
}

package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts upserted into the fake Odoo by OAKit's key ({@code ref}) through real remote writes, one test per knob:
 * each ends with exactly one contact carrying the key under its company, or with a dead letter naming the problem.
 */
class OdooContactsTest {
    private static RemoteWrite upsert(OdooCrmSetup s, String key) {
        return s.request(CrmConnector.CONTACT_UPSERT, key, CrmContact.toUpsert(key, String.valueOf(s.acme()), "Ann", "Lee", "ann.lee@example.com", null));
    }

    private static void assertOneContact(OdooCrmSetup s, RemoteWrite done, String key) {
        assertThat(done.status()).isEqualTo(WriteStatus.CONFIRMED);
        List<Map<String, Object>> withKey = s.odoo().records("res.partner").stream().filter(p -> key.equals(p.get("ref"))).toList();
        assertThat(withKey).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("name", "Ann Lee").containsEntry("email", "ann.lee@example.com").containsEntry("is_company", false);
            assertThat(((List<?>) c.get("parent_id")).get(0)).isEqualTo(s.acme());
            assertThat(String.valueOf(c.get("id"))).isEqualTo(done.remoteId());
        });
    }

    @DbTest
    void createsOneContactUnderItsCompanyAndAnUpsertAgainUpdatesIt(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        RemoteWrite first = s.await(upsert(s, "OA-t1-C-1"), WriteStatus.CONFIRMED);
        assertOneContact(s, first, "OA-t1-C-1");
        // the same key again (another write of the same contact, say a new e-mail): the one contact is written
        RemoteWrite again = s.await(s.request(CrmConnector.CONTACT_UPSERT, "OA-t1-C-1",
                CrmContact.toUpsert("OA-t1-C-1-v2", null, "Ann", "Lee", "ann@new.example.com", null)), WriteStatus.CONFIRMED);
        assertThat(again.id()).as("one write per key: asking again returns the first").isEqualTo(first.id());
        RemoteWrite changed = s.await(s.writes().request(OdooCrmSetup.SYSTEM, new dev.oakit.integration.NewRemoteWrite("odoo-crm",
                CrmConnector.CONTACT_UPSERT, "OA-t1-C-1#2", null, CrmContact.toUpsert("OA-t1-C-1", null, "Ann", "Lee", "ann@new.example.com", null))),
                WriteStatus.CONFIRMED);
        assertThat(s.odoo().records("res.partner").stream().filter(p -> "OA-t1-C-1#2".equals(p.get("ref")))).hasSize(1);
        assertThat(changed.remoteId()).isNotEqualTo(first.remoteId());
    }

    @DbTest
    void aContactAlreadyInOdooWithTheKeyIsWrittenNotCreatedAgain(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        long existing = s.odoo().create("res.partner", Map.of("name", "A. Lee", "ref", "OA-t1-C-2", "phone", "+32 2 555"));
        RemoteWrite done = s.await(upsert(s, "OA-t1-C-2"), WriteStatus.CONFIRMED);
        assertThat(done.remoteId()).isEqualTo(String.valueOf(existing));
        assertOneContact(s, done, "OA-t1-C-2");
        assertThat(s.odoo().record("res.partner", existing).orElseThrow()).as("what OAKit does not know stays").containsEntry("phone", "+32 2 555");
    }

    @DbTest
    void commitThenTimeoutIsLookedUpByTheKeyNeverASecondContact(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.odoo().failures().responseDelay(Duration.ofSeconds(3)).nextCall("res.partner", "create", Failure.COMMIT_THEN_TIMEOUT);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-3"), WriteStatus.CONFIRMED), "OA-t1-C-3");
        assertThat(s.odoo().callCount("create")).isEqualTo(1);
    }

    @DbTest
    void commitThenDropIsLookedUpToo(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.odoo().failures().nextCall("res.partner", "create", Failure.COMMIT_THEN_DROP);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-4"), WriteStatus.CONFIRMED), "OA-t1-C-4");
        assertThat(s.odoo().callCount("create")).isEqualTo(1);
    }

    @DbTest
    void aCreateTheServerRunsTwiceLeavesOneContact(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.odoo().failures().nextCall("res.partner", "create", Failure.RUN_TWICE);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-5"), WriteStatus.CONFIRMED), "OA-t1-C-5");
        assertThat(s.odoo().callCount("unlink")).as("the second contact was deleted").isEqualTo(1);
    }

    @DbTest
    void serverErrorsBadGatewaysAndRateLimitsAreRetried(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.odoo().failures().retryAfter(Duration.ofMillis(100)).nextCall("res.partner", "create", Failure.SERVER_ERROR)
                .nextCall("res.partner", "create", Failure.BAD_GATEWAY).nextCall("res.partner", "create", Failure.RATE_LIMITED);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-6"), WriteStatus.CONFIRMED), "OA-t1-C-6");
    }

    @DbTest
    void aRevokedSessionAuthenticatesOnceMoreAndSendsTheCallAgain(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.await(upsert(s, "OA-t1-C-7"), WriteStatus.CONFIRMED);
        long logins = s.odoo().callCount("authenticate");
        s.odoo().failures().nextCall("res.partner", "search", Failure.SESSION_EXPIRED);
        assertOneContact(s, s.await(upsert(s, "OA-t1-C-8"), WriteStatus.CONFIRMED), "OA-t1-C-8");
        assertThat(s.odoo().callCount("authenticate")).isEqualTo(logins + 1);
    }

    @DbTest
    void theKeyFieldRemovedFromOdooIsADeadLetterNamingIt(TestDatabase db) {
        OdooCrmSetup s = OdooCrmSetup.start(db);
        s.odoo().removeField("res.partner", "ref");
        RemoteWrite dead = s.await(upsert(s, "OA-t1-C-9"), WriteStatus.FAILED);
        assertThat(dead.lastError()).contains("Invalid field 'ref' on model 'res.partner'");
        assertThat(s.odoo().count("res.partner")).isEqualTo(1);
    }
}

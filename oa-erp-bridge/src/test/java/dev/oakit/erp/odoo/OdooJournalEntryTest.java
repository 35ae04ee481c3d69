package dev.oakit.erp.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.BridgeFixture;
import dev.oakit.erp.ConnectorFixture;
import dev.oakit.erp.JournalEntry;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journal entries through the Odoo connector against the fake Odoo: each ends with exactly one posted
 * {@code account.move} whose {@code ref} is the key, or with a dead letter carrying Odoo's error and no entry.
 */
class OdooJournalEntryTest {
    record Setup(FakeOdoo odoo, OdooConnector connector, ConnectorFixture f) {
        RemoteWrite post(String key, JournalEntry entry) {
            return f.request(ErpConnector.JOURNAL_ENTRY, key, entry);
        }

        Map<String, Object> onlyEntry(RemoteWrite done, String key) {
            assertThat(done.status()).isEqualTo(WriteStatus.CONFIRMED);
            List<Map<String, Object>> withKey = odoo.records("account.move").stream().filter(m -> key.equals(m.get("ref"))).toList();
            assertThat(withKey).hasSize(1);
            assertThat(withKey.get(0)).containsEntry("id", Long.parseLong(done.remoteId())).containsEntry("state", "posted");
            return withKey.get(0);
        }
    }

    static Setup start(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        BridgeFixture.odooAccounts(odoo);
        odoo.create("account.analytic.account", Map.of("name", "Sales Lyon"));
        OdooConnector connector = new OdooConnector(new OdooConfig("odoo", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey()));
        return new Setup(odoo, connector, ConnectorFixture.start(db, connector));
    }

    static JournalEntry claim() {
        return new JournalEntry("Travel to the Lyon fair", null, List.of(
                JournalEntry.Line.debit("625100", "412.80", "Sales Lyon"),
                JournalEntry.Line.credit("Account Payable", "412.80")));
    }

    @DbTest
    void aJournalEntryIsPostedOnceUnderATimeoutAfterTheCommitAndARunTwice(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.odoo.failures().responseDelay(Duration.ofSeconds(3)).nextCall("account.move", "create", Failure.COMMIT_THEN_TIMEOUT);
        RemoteWrite first = s.f.await(s.post("OA-t1-EX-1", claim()), WriteStatus.CONFIRMED);
        Map<String, Object> move = s.onlyEntry(first, "OA-t1-EX-1");
        assertThat(move).containsEntry("name", "MISC/" + move.get("date").toString().substring(0, 4) + "/"
                + move.get("date").toString().substring(5, 7) + "/0001").containsEntry("amount_total", 412.8)
                .containsEntry("move_type", "entry").containsEntry("narration", "Travel to the Lyon fair");
        assertThat(s.odoo.callCount("create")).isEqualTo(1);
        assertThat(s.odoo.records("account.move.line")).extracting(l -> l.get("analytic_distribution"))
                .contains(Map.of(String.valueOf(s.odoo.records("account.analytic.account").get(0).get("id")), 100));

        s.odoo.failures().nextCall("account.move", "create", Failure.RUN_TWICE);
        s.onlyEntry(s.f.await(s.post("OA-t1-EX-2", claim()), WriteStatus.CONFIRMED), "OA-t1-EX-2");
        assertThat(s.odoo.callCount("unlink")).as("the replayed draft is deleted").isEqualTo(1);
        assertThat(s.odoo.records("account.move")).hasSize(2);

        DocumentLink link = s.connector.documentLink(new CallContext("t1", "odoo", "link", Duration.ofSeconds(5)), ErpConnector.JOURNAL_ENTRY,
                first.remoteId());
        assertThat(link.number()).isEqualTo(move.get("name"));
        assertThat(link.url()).startsWith(s.odoo.baseUri().toString()).contains("id=" + first.remoteId()).contains("model=account.move");
    }

    @DbTest
    void anEntryUnbalancedInOdoosCurrencyIsADeadLetterWithOdoosErrorAndNoEntry(TestDatabase db) {
        Setup s = start(db);
        // balanced to the tenth of a cent, but Odoo rounds each amount to the cent: 10.00 + 10.00 against 20.01
        JournalEntry entry = new JournalEntry(null, null, List.of(
                new JournalEntry.Line("625100", new BigDecimal("10.004"), BigDecimal.ZERO, null),
                new JournalEntry.Line("625100", new BigDecimal("10.004"), BigDecimal.ZERO, null),
                new JournalEntry.Line("211000", BigDecimal.ZERO, new BigDecimal("20.008"), null)));
        RemoteWrite dead = s.f.await(s.post("OA-t1-EX-3", entry), WriteStatus.FAILED);
        assertThat(dead.remoteError()).contains("odoo.exceptions.UserError").contains("Cannot create unbalanced journal entry");
        assertThat(s.odoo.records("account.move")).isEmpty();
    }

    @DbTest
    void anUnknownAccountIsADeadLetterNamingIt(TestDatabase db) {
        Setup s = start(db);
        RemoteWrite dead = s.f.await(s.post("OA-t1-EX-4", new JournalEntry(null, null, List.of(
                JournalEntry.Line.debit("699999", "5.00", null), JournalEntry.Line.credit("211000", "5.00")))), WriteStatus.FAILED);
        assertThat(dead.lastError()).contains("Odoo has no account '699999'");
        assertThat(s.odoo.records("account.move")).isEmpty();
    }
}

package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.core.Actor;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.CrmParty;
import dev.oakit.fakes.Failure;
import dev.oakit.integration.ExternalRef;
import dev.oakit.ticket.Requester;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.oakit.crm.odoo.OdooFlowSetup.SYSTEM;
import static dev.oakit.crm.odoo.OdooFlowSetup.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/** Flow 1 against the fake Odoo: accounts and contacts kept in step by pulls through the ID map; contacts OAKit creates upserted once. */
class OdooCustomersFlowTest {
    @DbTest
    void accountsAndContactsArePulledLinkedAndTheContactIsATicketRequester(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        long ann = s.odoo().create("res.partner", Map.of("name", "Ann Lee", "parent_id", s.acme(), "email", "Ann@Acme.test"));
        CrmParty acme = s.pull("account", () -> s.customers().party(SYSTEM, TARGET, CrmParty.Kind.ACCOUNT, String.valueOf(s.acme())));
        CrmParty contact = s.pull("contact", () -> s.customers().party(SYSTEM, TARGET, CrmParty.Kind.CONTACT, String.valueOf(ann)));
        assertThat(acme.name()).isEqualTo("Acme");
        assertThat(contact).extracting(CrmParty::name, CrmParty::email, CrmParty::accountId)
                .containsExactly("Ann Lee", "ann@acme.test", String.valueOf(s.acme()));
        assertThat(s.idMap().localId(SYSTEM, ExternalRef.of(TARGET, "contact", String.valueOf(ann)))).contains(contact.localId());
        assertThat(s.idMap().localId(SYSTEM, ExternalRef.of(TARGET, "account", String.valueOf(s.acme())))).contains(acme.localId());
        Requester requester = s.customers().requester(SYSTEM, contact);
        assertThat(requester).isEqualTo(Requester.contact("Ann Lee", "ann@acme.test", acme.localId()));

        // a change in Odoo arrives with the next pull; the same party, newer values
        writeEmail(s, ann, "ann.lee@acme.test");
        CrmParty changed = s.pull("contact", () -> s.customers().party(SYSTEM, TARGET, CrmParty.Kind.CONTACT, String.valueOf(ann))
                .filter(p -> "ann.lee@acme.test".equals(p.email())));
        assertThat(changed.localId()).isEqualTo(contact.localId());
    }

    private static void writeEmail(OdooFlowSetup s, long partner, String email) {
        // a write through the API as a user in Odoo would make it, so that write_date moves on
        try {
            Thread.sleep(1100); // write_date has whole seconds: the change must be stamped after the first pull's second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new OdooTestRpc(s.odoo()).execute("res.partner", "write", List.of(List.of(partner), Map.of("email", email)));
    }

    @DbTest
    void aContactCreatedInOakitIsUpsertedOnceEvenWhenOdooCommitsThenTimesOut(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        s.odoo().failures().responseDelay(Duration.ofSeconds(3)).nextCall("res.partner", "create", Failure.COMMIT_THEN_TIMEOUT);
        CrmCustomers customers = s.customers();
        Actor agent = OdooFlowSetup.user("carol");
        String acmeId = String.valueOf(s.acme());
        // tag::contact[]
        CrmParty bob = customers.contactFor(agent, "odoo-crm", "Bob Stone", "Bob@Example.com", acmeId); // acmeId: the CRM's account id
        Requester requester = customers.requester(agent, bob);                 // the ticket's external requester
        // end::contact[]
        assertThat(requester.contactEmail()).isEqualTo("bob@example.com");
        assertThat(bob.key()).startsWith("OA-C-");
        CrmParty again = s.customers().contactFor(OdooFlowSetup.user("carol"), TARGET, "Bob Stone", "bob@example.com", null);
        assertThat(again.localId()).as("the same address is the same contact").isEqualTo(bob.localId());
        CrmParty confirmed = OdooFlowSetup.await(() -> {
            CrmParty p = s.customers().contactFor(SYSTEM, TARGET, "Bob Stone", "bob@example.com", null);
            return Optional.ofNullable(p.externalId() == null ? null : p);
        });
        List<Map<String, Object>> withKey = s.odoo().records("res.partner").stream().filter(p -> bob.key().equals(p.get("ref"))).toList();
        assertThat(withKey).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("name", "Bob Stone").containsEntry("email", "bob@example.com");
            assertThat(String.valueOf(p.get("id"))).isEqualTo(confirmed.externalId());
        });
        assertThat(s.odoo().callCount("create")).isEqualTo(1);
        // our contact coming back in the contact feed is the same party, not a second one
        s.pull("contact", () -> s.pulls().state(SYSTEM, TARGET, "contact").filter(st -> st.pulled() >= 1 && !st.running()));
        assertThat(s.customers().party(SYSTEM, TARGET, CrmParty.Kind.CONTACT, confirmed.externalId()).orElseThrow().localId())
                .isEqualTo(bob.localId());
    }

    @DbTest
    void aCreateOdooRunsTwiceStillLeavesOneContact(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        s.odoo().failures().nextCall("res.partner", "create", Failure.RUN_TWICE);
        CrmParty bob = s.customers().contactFor(OdooFlowSetup.user("carol"), TARGET, "Bob Stone", "bob@example.com", null);
        OdooFlowSetup.await(() -> Optional.ofNullable(s.customers().contactFor(SYSTEM, TARGET, "Bob Stone", "bob@example.com", null).externalId()));
        assertThat(s.odoo().records("res.partner").stream().filter(p -> bob.key().equals(p.get("ref")))).hasSize(1);
    }
}

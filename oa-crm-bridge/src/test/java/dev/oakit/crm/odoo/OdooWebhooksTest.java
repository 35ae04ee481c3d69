package dev.oakit.crm.odoo;

import com.sun.net.httpserver.HttpServer;
import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.CrmWebhookResult;
import dev.oakit.crm.CrmWebhooks;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.odoo.WebhookRule;
import dev.oakit.integration.pull.PullState;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.oakit.crm.odoo.OdooFlowSetup.SYSTEM;
import static dev.oakit.crm.odoo.OdooFlowSetup.TARGET;
import static dev.oakit.crm.odoo.OdooFlowSetup.WEBHOOK_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Odoo's automation rules ("Send Webhook Notification") into the inbox through {@link CrmWebhooks}, mounted in a JDK
 * {@code HttpServer} as a host mounts it: webhook and pull apply a change once, a late or repeated webhook changes
 * nothing, a webhook sent before Odoo committed is read until the record is there, a lost one is caught by the next
 * pull, a failed read is tried again, OAKit's own contact coming back is an echo.
 */
class OdooWebhooksTest {
    /** The host's glue: the handler at {@code /hooks/crm/<target>}, as docs/crm-bridge.md shows it. */
    static HttpServer mount(CrmWebhooks hooks, Actor system) throws IOException {
        // tag::mount[]
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/crm/", exchange -> {
            String target = exchange.getRequestURI().getPath().substring("/hooks/crm/".length());
            byte[] body = exchange.getRequestBody().readNBytes(CrmWebhooks.MAX_BODY_BYTES + 1);
            CrmWebhookResult r = hooks.receive(system, target, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            byte[] answer = r.message().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        // end::mount[]
        return server;
    }

    /** The bridge with every pull run once, the handler mounted, and every webhook's result kept. */
    private record Hooked(OdooFlowSetup s, URI url, List<CrmWebhookResult> results) {
        static Hooked start(TestDatabase db) {
            OdooFlowSetup s = OdooFlowSetup.start(db);
            for (String feed : List.of("account", "contact", "case", "case-comment")) {
                OdooFlowSetup.await(() -> s.pulls().state(SYSTEM, TARGET, feed).filter(st -> st.lastRunAt() != null && !st.running()));
            }
            CrmWebhooks real = s.oa().service(CrmWebhooks.class);
            List<CrmWebhookResult> results = new CopyOnWriteArrayList<>();
            HttpServer server;
            try {
                server = mount((actor, target, query, headers, body) -> {
                    CrmWebhookResult r = real.receive(actor, target, query, headers, body);
                    results.add(r);
                    return r;
                }, SYSTEM);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            db.closeLater(() -> server.stop(0));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/crm/odoo-crm?token=" + WEBHOOK_TOKEN);
            return new Hooked(s, url, results);
        }

        long partner(String name, String email) {
            return new OdooTestRpc(s.odoo()).execute("res.partner", "create", List.of(Map.of("name", name, "parent_id", s.acme(),
                    "email", email))).asLong();
        }

        Optional<CrmParty> contact(long id) {
            return s.customers().party(SYSTEM, TARGET, CrmParty.Kind.CONTACT, String.valueOf(id));
        }

        PullState pullContacts() {
            long before = s.pulls().state(SYSTEM, TARGET, "contact").orElseThrow().pulled();
            return s.pull("contact", () -> s.pulls().state(SYSTEM, TARGET, "contact").filter(st -> st.pulled() > before && !st.running()));
        }

        long applied() {
            return s.pulls().state(SYSTEM, TARGET, "contact").orElseThrow().applied();
        }
    }

    private static void nextSecond() {
        try {
            Thread.sleep(1100); // write_date has whole seconds: the next change must be stamped in a later one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @DbTest
    void aContactMadeInOdooArrivesByWebhookAndThePullThenAppliesItNoMore(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url(), "is_company", "write_date"));
        long applied = h.applied();
        long ann = h.partner("Ann Lee", "ann@acme.test");
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(202);
        assertThat(h.results()).singleElement().extracting(CrmWebhookResult::notices).isEqualTo(1);
        CrmParty party = OdooFlowSetup.await(() -> h.contact(ann));
        assertThat(party.email()).isEqualTo("ann@acme.test");

        PullState after = h.pullContacts();
        assertThat(after.applied()).as("the pull read Ann again: a duplicate").isEqualTo(applied);
        assertThat(h.contact(ann).orElseThrow().localId()).isEqualTo(party.localId());
    }

    @DbTest
    void webhooksTwiceAndOutOfOrderApplyTheNewestVersionOnce(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url(), "is_company", "write_date"));
        long applied = h.applied();
        long ann = h.partner("Ann Lee", "ann@acme.test");
        nextSecond();
        new OdooTestRpc(h.s().odoo()).execute("res.partner", "write", List.of(List.of(ann), Map.of("email", "ann.lee@acme.test")));
        h.s().odoo().webhooks().duplicateEach(true).outOfOrder(true);
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(202, 202, 202, 202);
        // each notice reads the contact as it is now: the newest version, applied once; the late one finds nothing newer
        assertThat(OdooFlowSetup.await(() -> h.contact(ann).filter(p -> "ann.lee@acme.test".equals(p.email()))).name()).isEqualTo("Ann Lee");
        assertThat(h.pullContacts().applied()).as("nothing left for the pull").isEqualTo(applied);
    }

    @DbTest
    void aWebhookSentBeforeOdooCommittedIsReadUntilTheRecordIsThere(TestDatabase db) {
        Hooked h = Hooked.start(db);
        long ann = h.partner("Ann Lee", "ann@acme.test");
        h.pullContacts();
        OdooFlowSetup.await(() -> h.contact(ann));
        nextSecond();
        // Odoo 17 posts from inside the transaction: the body has the new write_date, the database still the old row
        String now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(250_000_000)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
        byte[] body = ("{\"_action\": \"Send Webhook Notification(#501)\", \"_id\": " + ann + ", \"_model\": \"res.partner\", "
                + "\"id\": " + ann + ", \"is_company\": false, \"write_date\": \"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
        long reads = h.s().odoo().callCount("search_read");
        CrmWebhookResult r = h.s().oa().service(CrmWebhooks.class).receive(SYSTEM, TARGET, "token=" + WEBHOOK_TOKEN, Map.of(), body);
        assertThat(r.status()).isEqualTo(202);
        // the bridge reads Ann before Odoo committed: the old version, read again ...
        OdooFlowSetup.await(() -> Optional.of(h.s().odoo().callCount("search_read")).filter(n -> n > reads));
        new OdooTestRpc(h.s().odoo()).execute("res.partner", "write", List.of(List.of(ann), Map.of("email", "ann.lee@acme.test")));
        // ... until the change is there
        assertThat(OdooFlowSetup.await(() -> h.contact(ann).filter(p -> "ann.lee@acme.test".equals(p.email()))).name()).isEqualTo("Ann Lee");
    }

    @DbTest
    void aLostWebhookIsCaughtByTheNextPullAndAFailedReadIsTriedAgain(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url(), "is_company", "write_date"));
        long ann = h.partner("Ann Lee", "ann@acme.test");
        long bob = h.partner("Bob Stone", "bob@acme.test");
        h.s().odoo().webhooks().dropNext(1);                                           // Ann's never arrives
        h.s().odoo().failures().nextCall("res.partner", "search_read", Failure.SERVER_ERROR); // Bob's first read fails
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(-1, 202);
        assertThat(OdooFlowSetup.await(() -> h.contact(bob)).name()).isEqualTo("Bob Stone");
        assertThat(h.s().odoo().calls()).filteredOn(c -> c.failure() != null).hasSize(1);
        assertThat(h.contact(ann)).isEmpty();

        h.pullContacts();
        assertThat(OdooFlowSetup.await(() -> h.contact(ann)).name()).isEqualTo("Ann Lee");
    }

    @DbTest
    void ourOwnContactComingBackByWebhookIsAnEchoAndATaskBecomesATicket(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url()));   // no fields: both partner feeds are asked
        h.s().odoo().automation(WebhookRule.onCreate("project.task", h.url(), "write_date"));
        CrmParty bob = h.s().customers().contactFor(OdooFlowSetup.user("carol"), TARGET, "Bob Stone", "bob@example.com", null);
        String bobId = OdooFlowSetup.await(() -> Optional.ofNullable(
                h.s().customers().contactFor(SYSTEM, TARGET, "Bob Stone", "bob@example.com", null).externalId()));
        long task = new OdooTestRpc(h.s().odoo()).execute("project.task", "create", List.of(Map.of("name", "Drill broken",
                "project_id", h.s().support(), "partner_id", Long.parseLong(bobId)))).asLong();
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(202, 202);
        assertThat(h.results()).extracting(CrmWebhookResult::notices).containsExactly(2, 1);
        long ticket = OdooFlowSetup.await(() -> h.s().ticketOf(task));
        assertThat(h.s().queries().detail(OdooFlowSetup.ADMIN, ticket).ticket().title()).isEqualTo("Drill broken");
        assertThat(h.contact(Long.parseLong(bobId)).orElseThrow().localId()).as("OAKit's own contact: an echo, the same party")
                .isEqualTo(bob.localId());
    }

    @DbTest
    void aRequestWithoutTheTokenOrWithAStrangeBodyIsRefusedAndOtherModelsAreIgnored(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        CrmWebhooks hooks = s.oa().service(CrmWebhooks.class);
        byte[] lead = "{\"_action\": \"Send Webhook Notification(#501)\", \"_id\": 7, \"_model\": \"crm.lead\"}".getBytes(StandardCharsets.UTF_8);
        String query = "token=" + WEBHOOK_TOKEN;
        assertThat(hooks.receive(SYSTEM, TARGET, null, Map.of(), lead).status()).isEqualTo(401);
        assertThat(hooks.receive(SYSTEM, TARGET, "token=" + WEBHOOK_TOKEN.replace('q', 'x'), Map.of(), lead).status()).isEqualTo(401);
        assertThat(hooks.receive(SYSTEM, "salesforce", query, Map.of(), lead).status()).isEqualTo(404);
        assertThat(hooks.receive(SYSTEM, TARGET, query, Map.of(), "not json".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        CrmWebhookResult noModel = hooks.receive(SYSTEM, TARGET, query, Map.of(), "{\"_id\": 7}".getBytes(StandardCharsets.UTF_8));
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.message()).contains("_model");
        assertThat(hooks.receive(SYSTEM, TARGET, query, Map.of(), new byte[CrmWebhooks.MAX_BODY_BYTES + 1]).status()).isEqualTo(413);
        // a lead: no feed of the bridge reads the pipeline; taken, nothing read
        CrmWebhookResult ignored = hooks.receive(SYSTEM, TARGET, "a=1&" + query, Map.of(), lead);
        assertThat(ignored).extracting(CrmWebhookResult::status, CrmWebhookResult::notices).containsExactly(200, 0);
        // the token in a header, for a relay that sets one; a company: one feed to read
        CrmWebhookResult header = hooks.receive(SYSTEM, TARGET, null, Map.of("x-oakit-token", List.of(WEBHOOK_TOKEN)),
                ("{\"_id\": " + s.acme() + ", \"_model\": \"res.partner\", \"is_company\": true}").getBytes(StandardCharsets.UTF_8));
        assertThat(header).extracting(CrmWebhookResult::status, CrmWebhookResult::notices).containsExactly(202, 1);
        CrmWebhookResult badDate = hooks.receive(SYSTEM, TARGET, query, Map.of(),
                "{\"_id\": 7, \"_model\": \"res.partner\", \"write_date\": \"yesterday, around noon\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.message()).contains("write_date");
        assertThat(ignored.message() + noModel.message() + header.message()).doesNotContain(WEBHOOK_TOKEN);
    }
}

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
 * nothing, a lost or failed one is caught by the next pull, OAKit's own contact coming back is an echo.
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

        int accepted() {
            return results.stream().mapToInt(CrmWebhookResult::accepted).sum();
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
        long applied = h.s().pulls().state(SYSTEM, TARGET, "contact").orElseThrow().applied();
        long ann = h.partner("Ann Lee", "ann@acme.test");
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(200);
        assertThat(h.results()).singleElement().extracting(CrmWebhookResult::accepted).isEqualTo(1);
        CrmParty party = OdooFlowSetup.await(() -> h.contact(ann));
        assertThat(party.email()).isEqualTo("ann@acme.test");

        PullState after = h.pullContacts();
        assertThat(after.applied()).as("the pull read Ann again: a duplicate").isEqualTo(applied);
        assertThat(h.contact(ann).orElseThrow().localId()).isEqualTo(party.localId());
    }

    @DbTest
    void webhooksTwiceAndOutOfOrderApplyTheNewestVersionOnce(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url(), "is_company"));
        long ann = h.partner("Ann Lee", "ann@acme.test");
        nextSecond();
        new OdooTestRpc(h.s().odoo()).execute("res.partner", "write", List.of(List.of(ann), Map.of("email", "ann.lee@acme.test")));
        h.s().odoo().webhooks().duplicateEach(true).outOfOrder(true);
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(200, 200, 200, 200);
        // each webhook reads the contact as it is now: the newest version, accepted once; the late one finds nothing newer
        assertThat(h.accepted()).isEqualTo(1);
        assertThat(OdooFlowSetup.await(() -> h.contact(ann)).email()).isEqualTo("ann.lee@acme.test");
    }

    @DbTest
    void aLostWebhookAndOneWhoseReadFailedAreCaughtByTheNextPull(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url(), "is_company"));
        long ann = h.partner("Ann Lee", "ann@acme.test");
        long bob = h.partner("Bob Stone", "bob@acme.test");
        h.s().odoo().webhooks().dropNext(1);                                           // Ann's never arrives
        h.s().odoo().failures().nextCall("res.partner", "search_read", Failure.SERVER_ERROR); // Bob's read fails
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(-1, 503);
        assertThat(h.results()).singleElement().satisfies(r -> assertThat(r.message()).contains("the next pull brings the change"));
        assertThat(h.contact(ann)).isEmpty();
        assertThat(h.contact(bob)).isEmpty();

        h.pullContacts();
        assertThat(OdooFlowSetup.await(() -> h.contact(ann)).name()).isEqualTo("Ann Lee");
        assertThat(OdooFlowSetup.await(() -> h.contact(bob)).name()).isEqualTo("Bob Stone");
    }

    @DbTest
    void ourOwnContactComingBackByWebhookIsAnEchoAndATaskBecomesATicket(TestDatabase db) {
        Hooked h = Hooked.start(db);
        h.s().odoo().automation(WebhookRule.onCreateOrWrite("res.partner", h.url()));   // no fields: both partner feeds are asked
        h.s().odoo().automation(WebhookRule.onCreate("project.task", h.url()));
        CrmParty bob = h.s().customers().contactFor(OdooFlowSetup.user("carol"), TARGET, "Bob Stone", "bob@example.com", null);
        String bobId = OdooFlowSetup.await(() -> Optional.ofNullable(
                h.s().customers().contactFor(SYSTEM, TARGET, "Bob Stone", "bob@example.com", null).externalId()));
        long task = new OdooTestRpc(h.s().odoo()).execute("project.task", "create", List.of(Map.of("name", "Drill broken",
                "project_id", h.s().support(), "partner_id", Long.parseLong(bobId)))).asLong();
        assertThat(h.s().odoo().webhooks().deliver()).containsExactly(200, 200);
        assertThat(h.results().get(0).accepted()).as("OAKit's own contact: an echo").isZero();
        assertThat(h.results().get(0).message()).doesNotContain("no record");
        assertThat(h.contact(Long.parseLong(bobId)).orElseThrow().localId()).isEqualTo(bob.localId());
        assertThat(h.results().get(1).accepted()).isEqualTo(1);
        long ticket = OdooFlowSetup.await(() -> h.s().ticketOf(task));
        assertThat(h.s().queries().detail(OdooFlowSetup.ADMIN, ticket).ticket().title()).isEqualTo("Drill broken");
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
        assertThat(ignored).extracting(CrmWebhookResult::status, CrmWebhookResult::accepted).containsExactly(200, 0);
        // the token in a header, for a relay that sets one; a partner id that is no partner
        CrmWebhookResult header = hooks.receive(SYSTEM, TARGET, null, Map.of("x-oakit-token", List.of(WEBHOOK_TOKEN)),
                "{\"_id\": 999, \"_model\": \"res.partner\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(header).extracting(CrmWebhookResult::status, CrmWebhookResult::accepted).containsExactly(200, 0);
        assertThat(header.message()).contains("no record");
        assertThat(ignored.message() + noModel.message() + header.message()).doesNotContain(WEBHOOK_TOKEN);
    }
}

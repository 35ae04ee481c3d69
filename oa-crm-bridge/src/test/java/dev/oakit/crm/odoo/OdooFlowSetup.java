package dev.oakit.crm.odoo;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CaseRouting;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.HelpDesk;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The whole bridge against a fake Odoo and a {@link HelpDesk}: complaints go to care, everything else to support; the
 * account, contact and case feeds pulled when asked.
 */
record OdooFlowSetup(FakeOdoo odoo, OaKit oa, long support, long acme, CrmCustomers customers, Tickets tickets, TicketQueries queries,
                     IdMap idMap, ChangePulls pulls) {
    static final String T = "t1";
    static final Actor ADMIN = Actor.admin(T, "root");
    static final Actor SYSTEM = Actor.system(T);
    static final String TARGET = "odoo-crm";
    /** The webhook token of the target: 32 random bytes in URL-safe base64, as a host would make it. */
    static final String WEBHOOK_TOKEN = "q3Vd8Zr1Lw6Ny0Tb4Kc7Hm2Xs9Pf5Ga1Ej8Ru3Oi6Yw";

    static OdooFlowSetup start(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        long support = OdooCrmSetup.seed(odoo);
        long acme = odoo.create("res.partner", Map.of("name", "Acme", "is_company", true, "ref", "ACME-1"));
        URI server = odoo.baseUri();
        String apiKey = odoo.apiKey();
        String webhookToken = WEBHOOK_TOKEN;
        // tag::odoo[]
        OdooCrmConnector crm = new OdooCrmConnector(OdooCrmConfig.of("odoo-crm", server, "odoo", "admin", apiKey)
                .withSupportProject("Support"));                           // the project whose tasks are cases
        CaseRouting routing = CaseRouting.of(new CaseRouting.Route("service", "support", null))
                .withType("Complaint", new CaseRouting.Route("complaint", "care", null))
                .withStatus(StateKind.WAITING, "Waiting on Customer");    // the CRM status of each ticket state
        // end::odoo[]
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                // tag::install[]
                .plugin(new CrmBridgePlugin(crm).caseRouting(routing)
                        .webhookTokens("odoo-crm", webhookToken))                  // only for Odoo webhooks (see below)
                // end::install[]
                .config("integration", OdooCrmSetup.FAST));
        HelpDesk.seed(oa, ADMIN);
        ChangePulls pulls = oa.service(ChangePulls.class);
        Actor admin = ADMIN;
        // tag::pulls[]
        for (String feed : List.of(CrmConnector.ACCOUNTS, CrmConnector.CONTACTS, CrmConnector.CASES, CrmConnector.CASE_COMMENTS)) {
            pulls.schedule(admin, PullSpec.of("odoo-crm", feed));          // add .every(Duration.ofMinutes(5)) to pull on a schedule
        }
        // end::pulls[]
        return new OdooFlowSetup(odoo, oa, support, acme, oa.service(CrmCustomers.class), oa.service(Tickets.class),
                oa.service(TicketQueries.class), oa.service(IdMap.class), pulls);
    }

    static Actor user(String id) {
        return Actor.of(T, id);
    }

    /** Pulls a feed now and waits until its records are applied as {@code until} tells. */
    <R> R pull(String feed, Callable<Optional<R>> until) {
        pulls.pullNow(ADMIN, TARGET, feed);
        return await(until);
    }

    static <R> R await(Callable<Optional<R>> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(until, Optional::isPresent).orElseThrow();
    }

    Optional<Long> ticketOf(long task) {
        return idMap.localId(SYSTEM, ExternalRef.of(TARGET, "case", String.valueOf(task))).map(Long::parseLong);
    }
}

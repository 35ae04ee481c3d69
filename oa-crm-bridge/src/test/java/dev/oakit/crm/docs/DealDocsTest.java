package dev.oakit.crm.docs;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmTemplateKeys;
import dev.oakit.crm.Customer360;
import dev.oakit.crm.CustomerKey;
import dev.oakit.crm.CustomerView;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealApprovals;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.deal.DealFixture;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.WebhookScheme;
import dev.oakit.integration.inbox.WebhookSpec;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.workflow.ProcessDefinitions;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.oakit.crm.deal.DealFixture.ADMIN;
import static dev.oakit.crm.deal.DealFixture.SARA;
import static org.assertj.core.api.Assertions.assertThat;

/** The deal approval, customer view and messages code of docs/crm-bridge.md, compiled and run against the fake Salesforce. */
class DealDocsTest {
    static void deploy(OaKit oa, Actor admin) {
        // tag::deploy[]
        ProcessDefinitions definitions = oa.service(ProcessDefinitions.class);
        definitions.deploy(admin, DealApproval.discount(
                new BigDecimal("10"),                 // above 10 %: the sales director
                new BigDecimal("25"),                 // above 25 %: finance too
                DealApproval.OnChanged.REEVALUATE));  // a quote changed meanwhile is approved anew
        definitions.deploy(admin, DealApproval.contract(DealApproval.OnChanged.FLAG)); // legal, then the director
        // end::deploy[]
    }

    static void pull(OaKit oa, Actor admin) {
        // tag::pull[]
        ChangePulls pulls = oa.service(ChangePulls.class);
        pulls.schedule(admin, PullSpec.of("salesforce", CrmConnector.DISCOUNT_REQUESTS));
        pulls.schedule(admin, PullSpec.of("salesforce", CrmConnector.CONTRACT_REQUESTS));
        // end::pull[]
    }

    static boolean webhook(OaKit oa, Actor admin, String secret, Map<String, String> headers, byte[] body) {
        // tag::webhook[]
        WebhookSpec spec = WebhookSpec.of(WebhookScheme.GITHUB, secret);
        boolean isNew = oa.service(DealApprovals.class).receive(admin, "salesforce",
                oa.service(Inbox.class).verify(spec, headers, body)); // body: the ApprovalRequest as JSON
        // end::webhook[]
        return isNew;
    }

    static List<DealRequest> rounds(OaKit oa, Actor user, String quoteId) {
        // tag::rounds[]
        List<DealRequest> rounds = oa.service(DealApprovals.class).rounds(user, "salesforce", ApprovalRequest.Kind.DISCOUNT, quoteId);
        // end::rounds[]
        return rounds;
    }

    static CustomerView customer(OaKit oa, Actor user, String accountId) {
        // tag::customer360[]
        CustomerView view = oa.service(Customer360.class).view(user, CustomerKey.crmAccount("salesforce", accountId));
        view.openTickets();        // what the user may see in oa-ticket
        view.approvalsInFlight();  // and in oa-workflow
        // end::customer360[]
        return view;
    }

    static void preferences(OaKit oa, Actor admin) {
        // tag::messages[]
        oa.service(Notifications.class).setPreference(admin, "alice", CrmTemplateKeys.DEAL_DECIDED, List.of("email"));
        // end::messages[]
    }

    @DbTest
    void aQuoteSentByWebhookIsApprovedAndShownInTheCustomerView(TestDatabase db) throws Exception {
        DealFixture f = DealFixture.start(db, null, null, b -> b.config("core", Map.of("jobs", Map.of("lease", "PT5S"), "notifications",
                Map.of("email", Map.of("host", "127.0.0.1", "port", 2525, "from", "OAKit <oakit@acme.test>"))))); // an e-mail channel to choose
        deploy(f.oa, ADMIN); // a second version of each: the route as the doc shows it
        String quote = f.quote("Q-900", "12");
        ApprovalRequest r = DealFixture.connector(f.sf).readApprovalRequest(new CallContext("t1", "salesforce", "read", Duration.ofSeconds(5)),
                ApprovalRequest.Kind.DISCOUNT, quote).orElseThrow();
        byte[] body = CrmRecords.payload(r).getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec-doc".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Map<String, String> headers = Map.of("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)),
                "X-GitHub-Delivery", "d-1");
        boolean first = webhook(f.oa, ADMIN, "whsec-doc", headers, body);
        boolean again = webhook(f.oa, ADMIN, "whsec-doc", headers, body);
        assertThat(first).isTrue();
        assertThat(again).as("the same delivery again").isFalse();
        pull(f.oa, ADMIN); // the pull reads the same version: nothing new
        DealRequest round = f.await(ApprovalRequest.Kind.DISCOUNT, quote, 1, DealStatus.IN_APPROVAL);
        f.kit.as("sara").awaitOpenTask(round.instanceId(), DealFixture.WAIT).approve(round.instanceId(), "ok");
        f.awaitRound(round.instanceId(), DealStatus.WRITTEN);
        assertThat(rounds(f.oa, ADMIN, quote)).hasSize(1);
        assertThat(customer(f.oa, SARA, f.account).approvalsDecided()).extracting(a -> a.request().requestId()).containsExactly(quote);
        preferences(f.oa, ADMIN);
        assertThat(f.oa.service(Notifications.class).preferences(ADMIN, "alice")).isNotEmpty();
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/crm-bridge.md"),
                Path.of("src/test/java/dev/oakit/crm/docs/DealDocsTest.java"))).hasSize(6);
    }
}

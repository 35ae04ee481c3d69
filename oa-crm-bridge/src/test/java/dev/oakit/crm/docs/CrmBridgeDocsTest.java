package dev.oakit.crm.docs;

import dev.oakit.core.Actor;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.Decision;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The code of docs/crm-bridge.md is this class's code, compiled; and it runs against the fake Salesforce. */
class CrmBridgeDocsTest {
    static SalesforceConnector salesforce(URI myDomain, String consumerKey, String consumerSecret, String refreshToken) {
        // tag::salesforce[]
        SalesforceConnector salesforce = new SalesforceConnector(SalesforceConfig.of(
                "salesforce", myDomain, consumerKey, consumerSecret, refreshToken)); // null refresh token: client credentials
        // end::salesforce[]
        return salesforce;
    }

    static OaKit start(TestDatabase db, SalesforceConnector salesforce) {
        return db.start(b -> b
                // tag::install[]
                .plugin(new IntegrationPlugin())
                .plugin(new WorkflowPlugin())
                .plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(salesforce))
                // end::install[]
                .config("integration", Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S", "retryMax", "PT0.3S")));
    }

    static RemoteWrite decide(OaKit oa, CrmConnector crm, CallContext call, Actor system, String quoteId) throws Exception {
        // tag::decision[]
        ApprovalRequest request = crm.readApprovalRequest(call, ApprovalRequest.Kind.DISCOUNT, quoteId).orElseThrow();
        Decision decision = new Decision(request.id(), request.kind(), Decision.Outcome.APPROVED,
                "within the regional policy", "Dana", request.version());
        RemoteWrite write = oa.service(RemoteWrites.class).request(system, new NewRemoteWrite(crm.id(), CrmConnector.DECISION,
                CrmConnector.decisionKey(request.id(), request.version()), null, decision));
        // end::decision[]
        return write;
    }

    @DbTest
    void aDecisionGoesBackToTheFakeSalesforceThroughThePlugin(TestDatabase db) throws Exception {
        // tag::fake[]
        FakeSalesforce sf = FakeSalesforce.start();                             // a free port on 127.0.0.1
        String quote = sf.insert("Quote", Map.of("Name", "Q-00042", "Discount", 25, "OAKit_Approval_Status__c", "Requested"));
        sf.failures().nextCall("Quote", "update", Failure.COMMIT_THEN_TIMEOUT); // saved, then the answer is late
        sf.lockRows(1);                                                         // the next write: UNABLE_TO_LOCK_ROW
        // end::fake[]
        sf.failures().responseDelay(Duration.ofSeconds(3));
        db.closeLater(sf);
        SalesforceConnector salesforce = salesforce(sf.baseUri(), sf.clientId(), sf.clientSecret(), sf.refreshToken());
        OaKit oa = start(db, salesforce);
        Actor system = Actor.system("t1");
        RemoteWrite w = decide(oa, salesforce, new CallContext("t1", "salesforce", "read", Duration.ofSeconds(5)), system, quote);
        RemoteWrites writes = oa.service(RemoteWrites.class);
        await().atMost(Duration.ofSeconds(40)).until(() -> writes.get(system, w.id()).orElseThrow().status() == WriteStatus.CONFIRMED);
        assertThat(sf.record("Quote", quote).orElseThrow()).containsEntry("OAKit_Approval_Status__c", "Approved");
        assertThat(sf.callCount("update")).isEqualTo(2);
    }

    @Test
    void twoConnectorsWithOneIdAreABootErrorNamingTheFix() {
        SalesforceConnector a = salesforce(URI.create("https://a.my.salesforce.com"), "k", "s", null);
        SalesforceConnector b = salesforce(URI.create("https://b.my.salesforce.com"), "k", "s", null);
        assertThatThrownBy(() -> OaKit.builder().plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(a, b)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OA-CRM/NO_TARGET").hasMessageContaining("'salesforce'");
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/crm-bridge.md"),
                Path.of("src/test/java/dev/oakit/crm/docs/CrmBridgeDocsTest.java"))).hasSize(4);
    }
}

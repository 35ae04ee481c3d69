package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad case routing is refused where it is written, naming what is wrong and how to fix it. */
class CaseRoutingTest {
    private static final CaseRouting.Route SERVICE = new CaseRouting.Route("service", "support", null);

    @Test
    void anEmptyCaseTypeIsRefused() {
        assertThatThrownBy(() -> CaseRouting.of(SERVICE).withType(" ", SERVICE)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("caseType").hasMessageContaining("the CRM's name of the case type");
    }

    @Test
    void aCaseTypeWithoutARouteIsRefused() {
        assertThatThrownBy(() -> CaseRouting.of(SERVICE).withType("Complaint", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("byType.Complaint").hasMessageContaining("new CaseRouting.Route(ticketType, queue, slaPolicy)");
    }

    @Test
    void aRouteWithoutATicketTypeOrWithABlankQueueOrPolicyIsRefused() {
        assertThatThrownBy(() -> new CaseRouting.Route(" ", "care", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ticketType").hasMessageContaining("the key of a ticket type");
        assertThatThrownBy(() -> new CaseRouting.Route("complaint", "", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("queue").hasMessageContaining("null for the ticket type's default queue");
        assertThatThrownBy(() -> new CaseRouting.Route("complaint", "care", " ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("slaPolicy").hasMessageContaining("null for the default policy");
    }

    @Test
    void aBlankStatusIsRefusedAndNullWritesNone() {
        assertThatThrownBy(() -> CaseRouting.of(SERVICE).withStatus(StateKind.WAITING, " ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("statuses.WAITING").hasMessageContaining("null to write none");
        assertThat(CaseRouting.of(SERVICE).withStatus(StateKind.WAITING, null).status(StateKind.WAITING)).isNull();
    }

    @Test
    void thePluginRefusesNoRouting() {
        assertThatThrownBy(() -> new CrmBridgePlugin().caseRouting(null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("caseRouting").hasMessageContaining("CaseRouting.of(");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aRouteToAQueueThatDoesNotExistIsReportedNamingTheRouteAndTheFix(TestDatabase db) throws Exception {
        Actor admin = Actor.admin("t1", "root");
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        SalesforceConnector connector = new SalesforceConnector(SalesforceConfig.of("salesforce", sf.baseUri(), sf.clientId(), sf.clientSecret(),
                sf.refreshToken()));
        CaseRouting routing = CaseRouting.of(SERVICE).withType("Problem", new CaseRouting.Route("complaint", "carre", null));
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(connector).caseRouting(routing)));
        HelpDesk.seed(oa, admin);
        sf.insert("Case", Map.of("Subject", "Drill broken", "Type", "Problem", "Status", "New"));
        ChangePulls pulls = oa.service(ChangePulls.class);
        pulls.schedule(admin, PullSpec.of("salesforce", CrmConnector.CASES));
        pulls.pullNow(admin, "salesforce", CrmConnector.CASES);
        String error = Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> lastError(db, "%CaseRouting%"), Optional::isPresent).orElseThrow();
        assertThat(error).contains("case type 'Problem'").contains("queue 'carre' does not exist")
                .contains("Queues.saveQueue").contains("CaseRouting");
    }

    private static Optional<String> lastError(TestDatabase db, String like) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             var s = c.prepareStatement("SELECT last_error FROM oa_core_job WHERE last_error LIKE ?")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}

package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pulled page of contacts costs a fixed number of statements, however many contacts it holds: the inbox's versions,
 * the parties, the ID-map links, the watermark and the audit entry of a page in one transaction, with multi-row
 * inserts. The job table's own statements (polls, claims, lease renewals) are left out of the count: they are per
 * run, not per page or record.
 */
class ContactPageStatementsTest {
    private static final Actor ADMIN = Actor.admin("t1", "root");
    private static final String SF = "salesforce";
    private static final int PAGE = 100;
    private static final String LINKS = "SELECT COUNT(*) FROM oa_int_id_link WHERE system_id = 'salesforce' AND entity_type = 'contact'";

    private record Run(FakeSalesforce sf, ManualClock clock, CountingDataSource counting, ChangePulls pulls, TestDatabase db) {
        int total() {
            return sf.records("Contact").size();
        }

        /** @return the statements of a pull of {@code contacts} new contacts (and the last one before), less the job table's */
        List<String> pull(int contacts) throws Exception {
            int from = total();
            for (int i = 0; i < contacts; i++) {
                clock.advance(Duration.ofSeconds(1)); // one contact a second: a run reads the last run's last contact again, and no other
                sf.insert("Contact", Map.of("FirstName", "C", "LastName", "L" + (from + i), "Email", "c" + (from + i) + "@acme.test"));
            }
            counting.reset();
            counting.logging(true);
            pulls.pullNow(ADMIN, SF, CrmConnector.CONTACTS);
            // the last page's links commit with the page, the watermark and its audit entry: after them only the job table is written
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> db.queryLong(LINKS) == total());
            counting.logging(false);
            return counting.log().stream().filter(sql -> !sql.contains("oa_core_job")).toList();
        }
    }

    @DbTest
    void aPageOfContactsCostsAFixedNumberOfStatementsWhateverItsSize(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        FakeSalesforce sf = db.closeLater(FakeSalesforce.builder().clock(clock).start());
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        SalesforceConnector connector = new SalesforceConnector(SalesforceConfig.of(SF, sf.baseUri(), sf.clientId(), sf.clientSecret(),
                sf.refreshToken()));
        // the workers poll only when woken by a scheduled job, and no audit sealing runs meanwhile
        OaKit oa = db.start(b -> b.dataSource(counting).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(connector))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT1H", "lease", "PT10M"), "audit", Map.of("sealInterval", "PT0S"))));
        ChangePulls pulls = oa.service(ChangePulls.class);
        pulls.schedule(ADMIN, new PullSpec(SF, CrmConnector.CONTACTS, null, Duration.ZERO, PAGE));
        Run run = new Run(sf, clock, counting, pulls, db);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pulls.state(ADMIN, SF, CrmConnector.CONTACTS).orElseThrow().lastRunAt() != null
                && !pulls.state(ADMIN, SF, CrmConnector.CONTACTS).orElseThrow().running());

        List<String> first = run.pull(10);
        assertThat(first).as("the pull's first page is inserted without reading the stored versions, parties or links (there are none)")
                .noneMatch(sql -> sql.startsWith("SELECT entity_id, remote_version FROM oa_int_inbox_entity"))
                .noneMatch(sql -> sql.contains("FROM oa_crm_party"))
                .noneMatch(sql -> sql.startsWith("SELECT external_id, local_id FROM oa_int_id_link"));

        List<String> one = run.pull(10);          // one page of 11
        List<String> two = run.pull(150);         // pages of 100 and 51
        List<String> three = run.pull(250);       // pages of 100, 100 and 51
        int perPage = two.size() - one.size();
        assertThat(perPage).as("a page costs a few statements:\n" + String.join("\n", two)).isBetween(5, 20);
        assertThat(three.size() - two.size()).as("another page costs the same, whatever its size:\n" + String.join("\n", three)).isEqualTo(perPage);
        assertThat(three.stream().filter(sql -> sql.startsWith("INSERT INTO oa_crm_party")))
                .as("the new contacts of a page in one multi-row insert").hasSize(3);
        assertThat(three.stream().filter(sql -> sql.startsWith("INSERT INTO oa_int_id_link"))).as("their links too").hasSize(3);
        assertThat((double) three.size() / 250).as("statements per contact").isLessThan(0.25);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_crm_party WHERE kind = 'CONTACT'")).isEqualTo(run.total());
        assertThat(db.queryLong(LINKS)).isEqualTo(run.total());
    }
}

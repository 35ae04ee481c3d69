package dev.oakit.examples.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.examples.DemoSteps;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.Role;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealApprovals;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.oakit.examples.DemoSteps.await;
import static dev.oakit.examples.DemoSteps.check;
import static dev.oakit.examples.DemoSteps.task;

/**
 * Deal approvals against a CRM: a sales rep asks in a fake Salesforce for a 30 % discount on a quote;
 * OAKit pulls the request, the sales director and finance approve, and the decision with their comments
 * is written back to the quote once. A second quote is changed in Salesforce while it is approved: the
 * decision is not applied to the changed quote, which is approved anew.
 */
public final class DealApprovalDemo {
    private static final String T = "acme";
    private static final Actor ADMIN = Actor.admin(T, "it-admin");
    private static final Actor SUN = Actor.of(T, "sun");
    private static final Actor FANG = Actor.of(T, "fang");

    private DealApprovalDemo() {
    }

    /** Runs the deal approval part on its own H2 database under {@code data}; returns the number of checks that failed. */
    public static int run(Path data, PrintStream out) throws InterruptedException {
        int failed = 0;
        try (FakeSalesforce sf = FakeSalesforce.start()) {
            String account = sf.insert("Account", Map.of("Name", "Globex Ltd"));
            out.println("fake Salesforce serving at " + sf.baseUri() + " (account Globex Ltd)");
            SalesforceConnector salesforce = new SalesforceConnector(SalesforceConfig.of("salesforce", sf.baseUri(), sf.clientId(),
                    sf.clientSecret(), sf.refreshToken()));
            try (OaKit oa = node(data, salesforce)) {
                seed(oa);
                Approvals approvals = oa.service(Approvals.class);
                ApprovalQueries queries = oa.service(ApprovalQueries.class);
                DealApprovals deals = oa.service(DealApprovals.class);

                out.println("\n-- a 30 % discount asked for in Salesforce");
                String quote = sf.insert("Quote", Map.of("Name", "Q-2031 Globex renewal", "AccountId", account, "GrandTotal",
                        new BigDecimal("48000.00"), "Discount", new BigDecimal("30"), "OAKit_Approval_Status__c", "Pending",
                        "OAKit_Requested_By__c", "li@acme.cn"));
                out.println("   li (sales) sets quote " + quote + " to Pending: 48,000.00 at 30 % off");
                pull(oa);
                DealRequest round = awaitRound(deals, quote, 1, DealStatus.IN_APPROVAL);
                out.println("   OAKit pulled it and started discount approval " + round.instanceId() + " (version " + round.version() + ")");
                approvals.approve(SUN, task(queries, SUN, round.instanceId()).id(), Decision.comment("OK for a three-year renewal"));
                out.println("   sun (sales director) approves: over 25 %, so finance decides too");
                approvals.approve(FANG, task(queries, FANG, round.instanceId()).id(), Decision.comment("Margin still 18 %"));
                out.println("   fang (finance) approves");
                DealRequest written = awaitRound(deals, quote, 1, DealStatus.WRITTEN);
                Map<String, Object> q = sf.record("Quote", quote).orElseThrow();
                out.println("   Salesforce quote now: status " + q.get("OAKit_Approval_Status__c") + ", decision key "
                        + q.get("OAKit_Decision_Key__c") + ", comment \"" + String.valueOf(q.get("OAKit_Approval_Comment__c")).replace('\n', ';') + "\"");
                timeline(queries, round.instanceId()).forEach(h -> out.println("     " + h.action() + " by " + h.actorId()
                        + (h.comment() == null ? "" : " — " + h.comment())));
                failed += check(out, written.status() == DealStatus.WRITTEN && "Approved".equals(q.get("OAKit_Approval_Status__c"))
                        && decisionWrites(sf) == 1, "the decision and both comments are on the quote, written once");

                out.println("\n-- the quote changes in Salesforce while it is approved");
                String second = sf.insert("Quote", Map.of("Name", "Q-2032 Globex add-on", "AccountId", account, "GrandTotal",
                        new BigDecimal("6000.00"), "Discount", new BigDecimal("15"), "OAKit_Approval_Status__c", "Pending",
                        "OAKit_Requested_By__c", "li@acme.cn"));
                pull(oa);
                DealRequest first = awaitRound(deals, second, 1, DealStatus.IN_APPROVAL);
                out.println("   quote " + second + " at 15 % is under approval " + first.instanceId());
                sf.update("Quote", second, Map.of("Discount", new BigDecimal("20")));
                out.println("   li raises the discount to 20 % in Salesforce before sun decides");
                approvals.approve(SUN, task(queries, SUN, first.instanceId()).id(), Decision.comment("OK at 15 %"));
                DealRequest again = awaitRound(deals, second, 2, DealStatus.IN_APPROVAL);
                DealRequest closed = deals.byInstance(ADMIN, first.instanceId()).orElseThrow();
                out.println("   Salesforce refused the decision (412: the quote changed); approval " + first.instanceId() + " is "
                        + closed.status() + ": " + closed.reason());
                out.println("   approval " + again.instanceId() + " approves version " + again.version() + " (20 %)");
                approvals.approve(SUN, task(queries, SUN, again.instanceId()).id(), Decision.comment("OK at 20 %"));
                awaitRound(deals, second, 2, DealStatus.WRITTEN);
                Map<String, Object> q2 = sf.record("Quote", second).orElseThrow();
                out.println("   Salesforce quote now: " + q2.get("OAKit_Approval_Status__c") + " with key " + q2.get("OAKit_Decision_Key__c"));
                failed += check(out, closed.status() == DealStatus.REEVALUATED && String.valueOf(q2.get("OAKit_Decision_Key__c"))
                        .endsWith("@" + again.version()), "the stale decision was not applied; the new version's decision was");
            }
        }
        return failed;
    }

    private static OaKit node(Path data, CrmConnector crm) {
        return OaKit.builder().dataDirectory(data).tenant(T, "ACME 公司")
                .plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin()).plugin(new CrmBridgePlugin(crm))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S", "lease", "PT1S", "shutdownTimeout", "PT0.2S")))
                .config("integration", Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.1S", "retryMax", "PT0.5S"))
                .build().start();
    }

    private static void seed(OaKit oa) {
        Directory directory = oa.service(Directory.class);
        directory.saveRole(ADMIN, new Role(DealApproval.SALES_DIRECTOR, "销售总监"));
        directory.saveRole(ADMIN, new Role(DealApproval.FINANCE, "财务"));
        directory.importUsers(ADMIN, ImportFormat.CSV, new StringReader("""
                id,name,email,manager,departments,roles,active
                sun,孙总监,sun@acme.cn,,,sales-director,true
                fang,方财务,fang@acme.cn,,,finance,true
                li,李销售,li@acme.cn,,,,true
                """));
        oa.service(ProcessDefinitions.class).deploy(ADMIN, DealApproval.discount());
    }

    private static void pull(OaKit oa) {
        oa.service(ChangePulls.class).pullNow(ADMIN, "salesforce", CrmConnector.DISCOUNT_REQUESTS);
    }

    private static DealRequest awaitRound(DealApprovals deals, String quote, int rounds, DealStatus status) throws InterruptedException {
        await(() -> {
            List<DealRequest> l = deals.rounds(ADMIN, "salesforce", ApprovalRequest.Kind.DISCOUNT, quote);
            return l.size() == rounds && l.get(rounds - 1).status() == status;
        });
        List<DealRequest> l = deals.rounds(ADMIN, "salesforce", ApprovalRequest.Kind.DISCOUNT, quote);
        return Optional.of(l).filter(x -> x.size() == rounds && x.get(rounds - 1).status() == status).map(x -> x.get(rounds - 1))
                .orElseThrow(() -> new IllegalStateException("quote " + quote + " did not reach " + status + " in round " + rounds + ": " + l));
    }


    private static List<HistoryEntry> timeline(ApprovalQueries queries, long instanceId) {
        return queries.detail(ADMIN, instanceId).timeline();
    }

    private static long decisionWrites(FakeSalesforce sf) {
        return sf.calls().stream().filter(c -> c.target().equals("Quote") && c.action().equals("update") && c.status() < 300).count();
    }

}

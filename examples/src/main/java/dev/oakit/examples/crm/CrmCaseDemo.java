package dev.oakit.examples.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.crm.CaseRouting;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.oakit.examples.DemoSteps.await;
import static dev.oakit.examples.DemoSteps.check;

/**
 * A CRM case handled as a ticket, end to end: a customer's case in a fake Salesforce becomes a ticket in the
 * complaints queue; the agent's reply, the status and the resolution reach the case once; the customer's comment in
 * Salesforce comes back as the requester's reply, and the agent's own comment, read back, is recognised as an echo.
 */
public final class CrmCaseDemo {
    private static final String T = "acme";
    private static final Actor ADMIN = Actor.admin(T, "it-admin");
    private static final Actor ZHAO = Actor.of(T, "zhao");
    private static final String SF = "salesforce";

    private CrmCaseDemo() {
    }

    /** Runs the CRM case part on its own H2 database under {@code data}; returns the number of checks that failed. */
    public static int run(Path data, PrintStream out) throws InterruptedException {
        int failed = 0;
        try (FakeSalesforce sf = FakeSalesforce.start()) {
            String account = sf.insert("Account", Map.of("Name", "Globex Ltd"));
            String wang = sf.insert("Contact", Map.of("FirstName", "Wei", "LastName", "Wang", "Email", "wang@globex.cn", "AccountId", account));
            String wangUser = sf.user("Wei", "Wang", "wang@globex.cn", wang); // Wang's login to the customer community
            out.println("fake Salesforce serving at " + sf.baseUri() + " (account Globex Ltd, contact Wei Wang)");
            SalesforceConnector salesforce = new SalesforceConnector(SalesforceConfig.of(SF, sf.baseUri(), sf.clientId(), sf.clientSecret(),
                    sf.refreshToken()));
            CaseRouting routing = CaseRouting.of(new CaseRouting.Route("service", "support", null))
                    .withType("Problem", new CaseRouting.Route("complaint", "care", null))
                    .withStatus(StateKind.ASSIGNED, "Working").withStatus(StateKind.IN_PROGRESS, "Working")
                    .withStatus(StateKind.RESOLVED, "Closed").withStatus(StateKind.CLOSED, "Closed");
            try (OaKit oa = node(data, salesforce, routing)) {
                seed(oa);
                ChangePulls pulls = oa.service(ChangePulls.class);
                for (String feed : List.of(CrmConnector.ACCOUNTS, CrmConnector.CONTACTS, CrmConnector.CASES, CrmConnector.CASE_COMMENTS)) {
                    pulls.schedule(ADMIN, PullSpec.of(SF, feed));
                }
                CrmCustomers customers = oa.service(CrmCustomers.class);
                pulls.pullNow(ADMIN, SF, CrmConnector.ACCOUNTS);
                pulls.pullNow(ADMIN, SF, CrmConnector.CONTACTS);
                await(() -> customers.party(ADMIN, SF, CrmParty.Kind.CONTACT, wang).isPresent());

                out.println("\n-- a customer's case in Salesforce becomes a ticket");
                String caseId = sf.insert("Case", Map.of("Subject", "Invoice printer jams every morning", "Type", "Problem", "Priority", "High",
                        "Status", "New", "Origin", "Web", "ContactId", wang, "AccountId", account));
                out.println("   Wang opens case " + caseId + " (Problem, High) on the customer portal");
                IdMap idMap = oa.service(IdMap.class);
                ExternalRef ref = ExternalRef.of(SF, "case", caseId);
                pulls.pullNow(ADMIN, SF, CrmConnector.CASES);
                await(() -> idMap.localId(ADMIN, ref).isPresent());
                TicketQueries queries = oa.service(TicketQueries.class);
                Ticket ticket = queries.detail(ADMIN, Long.parseLong(idMap.localId(ADMIN, ref).orElseThrow(() ->
                        new IllegalStateException("case " + caseId + " became no ticket")))).ticket();
                out.println("   OAKit pulled it: ticket " + ticket.number() + ", type " + ticket.type() + ", queue " + ticket.queue() + ", priority "
                        + ticket.priority() + ", requester " + ticket.requester().contactName() + " <" + ticket.requester().contactEmail() + ">");
                failed += check(out, "complaint".equals(ticket.type()) && "care".equals(ticket.queue())
                        && "wang@globex.cn".equals(ticket.requester().contactEmail()), "the case is a complaint in the care queue, from Wang");

                out.println("\n-- the agent answers; the customer comments in Salesforce");
                Tickets tickets = oa.service(Tickets.class);
                long id = ticket.id();
                tickets.claim(ZHAO, id);
                tickets.reply(ZHAO, id, "We send a technician on Monday at 9:00.", List.of());
                out.println("   zhao (care) claims the ticket and replies");
                await(() -> comments(sf, caseId, "We send a technician") == 1 && "Working".equals(status(sf, caseId)));
                out.println("   Salesforce case now: status " + status(sf, caseId) + ", published comment by " + author(sf, caseId, "We send"));
                sf.insertAs(wangUser, "CaseComment", Map.of("ParentId", caseId, "CommentBody", "Monday 9:00 suits us, thank you.", "IsPublished", true));
                out.println("   Wang comments on the case in the portal");
                pulls.pullNow(ADMIN, SF, CrmConnector.CASE_COMMENTS);
                await(() -> replies(queries, id, TicketEventKind.REQUESTER_REPLY) == 1);
                queries.detail(ADMIN, id).timeline().stream().filter(e -> e.kind() == TicketEventKind.REQUESTER_REPLY)
                        .forEach(e -> out.println("   ticket " + ticket.number() + ": requester's reply \"" + e.body() + "\" (channel crm)"));
                failed += check(out, replies(queries, id, TicketEventKind.REQUESTER_REPLY) == 1,
                        "the customer's comment is the requester's reply on the ticket");

                out.println("\n-- the agent resolves the ticket");
                tickets.resolve(ZHAO, id, "Replaced the worn feed roller.");
                await(() -> "Closed".equals(status(sf, caseId)) && sf.record("Case", caseId).map(c -> c.get("OAKit_Resolution__c")).isPresent());
                Map<String, Object> c = sf.record("Case", caseId).orElseThrow();
                out.println("   Salesforce case now: status " + c.get("Status") + ", resolution \"" + c.get("OAKit_Resolution__c") + "\"");
                pulls.pullNow(ADMIN, SF, CrmConnector.CASE_COMMENTS); // the agent's comment read back is an echo, not a reply
                await(() -> pulls.state(ADMIN, SF, CrmConnector.CASE_COMMENTS).filter(st -> st.echoes() >= 1 && !st.running()).isPresent());
                long echoes = pulls.state(ADMIN, SF, CrmConnector.CASE_COMMENTS).map(st -> st.echoes()).orElse(0L);
                out.println("   the pulls of case comments read zhao's reply back: " + echoes + " echo, not applied");
                failed += check(out, "Closed".equals(c.get("Status")) && "Replaced the worn feed roller.".equals(c.get("OAKit_Resolution__c"))
                        && comments(sf, caseId, "We send a technician") == 1 && sf.records("CaseComment").size() == 2
                        && replies(queries, id, TicketEventKind.REQUESTER_REPLY) == 1 && replies(queries, id, TicketEventKind.AGENT_REPLY) == 1,
                        "reply, status and resolution are on the case once; each comment is on the other side once");
            }
        }
        return failed;
    }

    private static OaKit node(Path data, CrmConnector crm, CaseRouting routing) {
        return OaKit.builder().dataDirectory(data).tenant(T, "ACME 公司")
                .plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(crm).caseRouting(routing))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S", "lease", "PT1S", "shutdownTimeout", "PT0.2S")))
                .config("integration", Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.1S", "retryMax", "PT0.5S"))
                .build().start();
    }

    private static void seed(OaKit oa) {
        oa.service(Directory.class).importUsers(ADMIN, ImportFormat.CSV, new StringReader("""
                id,name,email,manager,departments,roles,active
                zhao,赵客服,zhao@acme.cn,,,,true
                qian,钱主管,qian@acme.cn,,,,true
                """));
        Queues queues = oa.service(Queues.class);
        queues.saveQueue(ADMIN, Queue.of("support", "Support"));
        queues.saveQueue(ADMIN, Queue.of("care", "Customer care"));
        queues.setMembers(ADMIN, "support", List.of(QueueMember.agent("zhao")));
        queues.setMembers(ADMIN, "care", List.of(QueueMember.agent("zhao"), QueueMember.dispatcher("qian")));
        TicketCatalog catalog = oa.service(TicketCatalog.class);
        catalog.saveType(ADMIN, TicketType.of("service", "Service request").withDefaultQueue("support"));
        catalog.saveType(ADMIN, TicketType.of("complaint", "Complaint").withDefaultQueue("care"));
    }

    private static String status(FakeSalesforce sf, String caseId) {
        return sf.record("Case", caseId).map(c -> String.valueOf(c.get("Status"))).orElse(null);
    }

    private static long comments(FakeSalesforce sf, String caseId, String start) {
        return sf.records("CaseComment").stream().filter(c -> caseId.equals(c.get("ParentId")) && String.valueOf(c.get("CommentBody")).startsWith(start))
                .count();
    }

    private static String author(FakeSalesforce sf, String caseId, String start) {
        return sf.records("CaseComment").stream().filter(c -> caseId.equals(c.get("ParentId")) && String.valueOf(c.get("CommentBody")).startsWith(start))
                .findFirst().flatMap(c -> sf.record("User", String.valueOf(c.get("CreatedById")))).map(u -> String.valueOf(u.get("Name"))).orElse("?");
    }

    private static long replies(TicketQueries queries, long ticketId, TicketEventKind kind) {
        List<TicketEvent> timeline = queries.detail(ADMIN, ticketId).timeline();
        return timeline.stream().filter(e -> e.kind() == kind).count();
    }
}

package dev.oakit.crm.salesforce;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CaseRouting;
import dev.oakit.crm.CrmBridgePlugin;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.CrmTemplateKeys;
import dev.oakit.crm.HelpDesk;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.Failure;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.workflow.WorkflowPlugin;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer and case flows against the fake Salesforce: the same bridge code as for Odoo, another connector. */
class SalesforceFlowsTest {
    private static final Actor ADMIN = Actor.admin("t1", "root");
    private static final Actor SYSTEM = Actor.system("t1");

    private record Setup(FakeSalesforce sf, OaKit oa, ChangePulls pulls, CrmCustomers customers) {
        <R> R pull(String feed, Callable<Optional<R>> until) {
            pulls.pullNow(ADMIN, "salesforce", feed);
            return await(until);
        }
    }

    private static <R> R await(Callable<Optional<R>> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(until, Optional::isPresent).orElseThrow();
    }

    private static Setup start(TestDatabase db) {
        FakeSalesforce sf = db.closeLater(FakeSalesforce.start());
        SalesforceConnector connector = new SalesforceConnector(SalesforceConfig.of("salesforce", sf.baseUri(), sf.clientId(), sf.clientSecret(),
                sf.refreshToken()));
        CaseRouting routing = CaseRouting.of(new CaseRouting.Route("service", "support", null))
                .withType("Problem", new CaseRouting.Route("complaint", "care", null))
                .withStatus(StateKind.ASSIGNED, "Working").withStatus(StateKind.IN_PROGRESS, "Working")
                .withStatus(StateKind.RESOLVED, "Closed").withStatus(StateKind.CLOSED, "Closed");
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                .plugin(new CrmBridgePlugin(connector).caseRouting(routing)).config("integration", SalesforceSetup.FAST));
        HelpDesk.seed(oa, ADMIN);
        ChangePulls pulls = oa.service(ChangePulls.class);
        for (String feed : List.of(CrmConnector.ACCOUNTS, CrmConnector.CONTACTS, CrmConnector.CASES, CrmConnector.CASE_COMMENTS)) {
            pulls.schedule(ADMIN, PullSpec.of("salesforce", feed));
        }
        return new Setup(sf, oa, pulls, oa.service(CrmCustomers.class));
    }

    @DbTest
    void aCaseBecomesATicketAndItsReplyStatusAndResolutionGoBack(TestDatabase db) {
        Setup s = start(db);
        String acme = s.sf().insert("Account", Map.of("Name", "Acme"));
        String ann = s.sf().insert("Contact", Map.of("FirstName", "Ann", "LastName", "Lee", "Email", "ann@acme.test", "AccountId", acme));
        CrmParty account = s.pull(CrmConnector.ACCOUNTS, () -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.ACCOUNT, acme));
        s.pull(CrmConnector.CONTACTS, () -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.CONTACT, ann));
        String caseId = s.sf().insert("Case", Map.of("Subject", "Drill broken", "Type", "Problem", "Priority", "High", "Status", "New",
                "ContactId", ann, "AccountId", acme));
        IdMap idMap = s.oa().service(IdMap.class);
        long ticketId = s.pull(CrmConnector.CASES, () -> idMap.localId(SYSTEM, ExternalRef.of("salesforce", "case", caseId)).map(Long::parseLong));
        Ticket t = s.oa().service(TicketQueries.class).detail(ADMIN, ticketId).ticket();
        assertThat(t.type()).isEqualTo("complaint");
        assertThat(t.queue()).isEqualTo("care");
        assertThat(t.requester()).isEqualTo(Requester.contact("Ann Lee", "ann@acme.test", account.localId()));

        Tickets tickets = s.oa().service(Tickets.class);
        Actor dave = Actor.of("t1", "dave");
        tickets.claim(dave, ticketId);
        tickets.reply(dave, ticketId, "A technician comes on Monday.", List.of());
        tickets.resolve(dave, ticketId, "Motor replaced");
        // the state change and the resolution are two ticket events, two writes: wait for both
        await(() -> s.sf().record("Case", caseId).filter(c -> "Closed".equals(c.get("Status")) && "Motor replaced".equals(c.get("OAKit_Resolution__c"))));
        await(() -> Optional.ofNullable(s.sf().records("CaseComment").isEmpty() ? null : true));
        assertThat(s.sf().records("CaseComment")).singleElement().satisfies(c ->
                assertThat(String.valueOf(c.get("CommentBody"))).startsWith("A technician comes on Monday."));
    }

    @DbTest
    void aCaseCommentOnEitherSideAppearsOnceOnTheOther(TestDatabase db) {
        Setup s = start(db);
        String acme = s.sf().insert("Account", Map.of("Name", "Acme"));
        String ann = s.sf().insert("Contact", Map.of("FirstName", "Ann", "LastName", "Lee", "Email", "ann@acme.test", "AccountId", acme));
        s.pull(CrmConnector.ACCOUNTS, () -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.ACCOUNT, acme));
        s.pull(CrmConnector.CONTACTS, () -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.CONTACT, ann));
        String caseId = s.sf().insert("Case", Map.of("Subject", "Drill broken", "Type", "Problem", "Status", "New", "ContactId", ann, "AccountId", acme));
        IdMap idMap = s.oa().service(IdMap.class);
        long ticketId = s.pull(CrmConnector.CASES, () -> idMap.localId(SYSTEM, ExternalRef.of("salesforce", "case", caseId)).map(Long::parseLong));
        TicketQueries queries = s.oa().service(TicketQueries.class);

        // Ann comments in the customer community; an agent in Salesforce adds a private note and a published comment
        String annUser = s.sf().user("Ann", "Lee", "ann@acme.test", ann);
        s.sf().insertAs(annUser, "CaseComment", Map.of("ParentId", caseId, "CommentBody", "Still smoking!", "IsPublished", true));
        s.sf().insert("CaseComment", Map.of("ParentId", caseId, "CommentBody", "check the warranty", "IsPublished", false));
        s.sf().insert("CaseComment", Map.of("ParentId", caseId, "CommentBody", "A spare part is ordered.", "IsPublished", true));
        TicketEvent fromAnn = s.pull(CrmConnector.CASE_COMMENTS, () -> queries.detail(ADMIN, ticketId).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).findFirst());
        assertThat(fromAnn.body()).isEqualTo("Still smoking!");
        TicketEvent byAdmin = await(() -> queries.detail(ADMIN, ticketId).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.INTERNAL_NOTE && e.body().contains("A spare part is ordered.")).findFirst());
        assertThat(byAdmin.body()).contains("comment by Org Admin");

        // the agent answers in OAKit: one published comment on the case, read back by the next pull as an echo, not a reply
        Tickets tickets = s.oa().service(Tickets.class);
        Actor dave = Actor.of("t1", "dave");
        tickets.claim(dave, ticketId);
        tickets.reply(dave, ticketId, "Please unplug it.", List.of());
        await(() -> Optional.ofNullable(s.sf().records("CaseComment").stream()
                .anyMatch(c -> String.valueOf(c.get("CommentBody")).startsWith("Please unplug it.")) ? true : null));
        s.pull(CrmConnector.CASE_COMMENTS, () -> s.pulls().state(SYSTEM, "salesforce", CrmConnector.CASE_COMMENTS)
                .filter(st -> st.echoes() >= 1 && !st.running()));
        s.pull(CrmConnector.CASE_COMMENTS, () -> s.pulls().state(SYSTEM, "salesforce", CrmConnector.CASE_COMMENTS)
                .filter(st -> st.pulled() >= 8 && !st.running()));
        List<TicketEvent> timeline = queries.detail(ADMIN, ticketId).timeline();
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).hasSize(1);
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.AGENT_REPLY).hasSize(1);
        assertThat(timeline).filteredOn(e -> e.body() != null && e.body().contains("A spare part")).hasSize(1);
        assertThat(timeline).filteredOn(e -> e.body() != null && e.body().contains("warranty")).isEmpty();
        assertThat(s.sf().records("CaseComment")).filteredOn(c -> String.valueOf(c.get("CommentBody")).startsWith("Please unplug it."))
                .singleElement().satisfies(c -> assertThat(c).containsEntry("CreatedById", s.sf().integrationUserId()));
    }

    @DbTest
    void anEscalatedCaseTellsTheAssigneeAndTheQueueLeadOncePerEscalation(TestDatabase db) throws Exception {
        Setup s = start(db);
        s.oa().service(Queues.class).setMembers(ADMIN, "care", List.of(QueueMember.agent("dave"), QueueMember.dispatcher("carol")));
        Notifications notifications = s.oa().service(Notifications.class);
        String caseId = s.sf().insert("Case", Map.of("Subject", "Drill broken", "Type", "Problem", "Priority", "Medium", "Status", "New"));
        IdMap idMap = s.oa().service(IdMap.class);
        long ticketId = s.pull(CrmConnector.CASES, () -> idMap.localId(SYSTEM, ExternalRef.of("salesforce", "case", caseId)).map(Long::parseLong));
        s.oa().service(Tickets.class).claim(Actor.of("t1", "dave"), ticketId);
        // the claim writes the case's status: let it land first, so the versions below are the admin's changes
        await(() -> s.sf().record("Case", caseId).filter(c -> "Working".equals(c.get("Status"))));
        Callable<List<Delivery>> told = () -> notifications.deliveries(ADMIN, DeliveryQuery.all()).stream()
                .filter(d -> d.templateKey().equals(CrmTemplateKeys.CASE_ESCALATED)).toList();

        s.sf().update("Case", caseId, Map.of("IsEscalated", true));
        pullApplied(s, caseId);
        assertThat(told.call()).extracting(Delivery::recipientId).containsExactlyInAnyOrder("dave", "carol");
        // another change of the escalated case: nobody is told again
        s.sf().update("Case", caseId, Map.of("Description", "It smokes"));
        pullApplied(s, caseId);
        assertThat(told.call()).hasSize(2);
        // the priority raised is a new escalation; lowered and de-escalated nothing; escalated again, another
        s.sf().update("Case", caseId, Map.of("Priority", "High"));
        pullApplied(s, caseId);
        assertThat(told.call()).hasSize(4);
        s.sf().update("Case", caseId, Map.of("IsEscalated", false, "Priority", "Low"));
        pullApplied(s, caseId);
        assertThat(told.call()).hasSize(4);
        s.sf().update("Case", caseId, Map.of("IsEscalated", true));
        pullApplied(s, caseId);
        assertThat(told.call()).hasSize(6);
        Ticket t = s.oa().service(TicketQueries.class).detail(ADMIN, ticketId).ticket();
        assertThat(notifications.render(CrmTemplateKeys.CASE_ESCALATED, java.util.Locale.ENGLISH, Map.of("case", "00001001", "subject", "Drill broken",
                "ticket", t.number(), "queue", "care", "why", "marked escalated", "crm", "salesforce")).subject())
                .isEqualTo("Case escalated: Drill broken (" + t.number() + ")");
    }

    /** Pulls the case feed until the case's version in the fake is applied (its sync audited). */
    private static void pullApplied(Setup s, String caseId) {
        long version = OffsetDateTime.parse((String) s.sf().record("Case", caseId).orElseThrow().get("SystemModstamp"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant().toEpochMilli();
        AuditLog audit = s.oa().service(AuditLog.class);
        s.pull(CrmConnector.CASES, () -> audit.forTarget(ADMIN, "crm-case", "salesforce/" + caseId).stream()
                .filter(a -> a.action().equals("crm.case.sync") && appliedVersion(a.summary()) >= version).findFirst());
    }

    private static long appliedVersion(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at version (\\d+)").matcher(summary);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @DbTest
    void aContactCreatedInOakitIsUpsertedOnceByItsKey(TestDatabase db) {
        Setup s = start(db);
        s.sf().failures().responseDelay(Duration.ofSeconds(3)).nextCall("upsert", Failure.COMMIT_THEN_TIMEOUT);
        CrmParty bob = s.customers().contactFor(Actor.of("t1", "carol"), "salesforce", "Bob Stone", "bob@example.com", null);
        CrmParty confirmed = await(() -> Optional.of(s.customers().contactFor(SYSTEM, "salesforce", "Bob Stone", "bob@example.com", null))
                .filter(p -> p.externalId() != null));
        assertThat(s.sf().records("Contact")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("OAKit_Key__c", bob.key()).containsEntry("LastName", "Stone").containsEntry("FirstName", "Bob");
            assertThat(c.get("Id")).isEqualTo(confirmed.externalId());
        });
        assertThat(s.sf().callCount("upsert")).isEqualTo(1);
    }

    @DbTest
    void pulledContactsCostNoEventDeliveryAndAWebhooksContactOne(TestDatabase db) throws Exception {
        Setup s = start(db);
        List<String> ids = List.of(s.sf().insert("Contact", Map.of("LastName", "One", "Email", "one@acme.test")),
                s.sf().insert("Contact", Map.of("LastName", "Two", "Email", "two@acme.test")),
                s.sf().insert("Contact", Map.of("LastName", "Three", "Email", "three@acme.test")));
        for (String id : ids) {
            s.pull(CrmConnector.CONTACTS, () -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.CONTACT, id));
        }
        // a pulled page is applied in its own transaction; only a record the inbox accepts on its own (a webhook) is an event
        String deliveries = "SELECT COUNT(*) FROM oa_core_job WHERE type = 'core.event.listener' AND payload LIKE ";
        assertThat(db.queryLong(deliveries + "'%\"crm.inbox\"%'")).isZero();

        CrmContact four = new CrmContact("003WEBHOOK00000001", null, null, "Fay", "Four", "four@acme.test", null, 1_000L);
        assertThat(s.oa().service(dev.oakit.integration.inbox.Inbox.class).accept(SYSTEM, dev.oakit.integration.inbox.InboundEvent.ofVersion(
                "salesforce", CrmConnector.CONTACTS, four.id(), four.version(), dev.oakit.crm.spi.CrmRecords.payload(four))).accepted()).isTrue();
        await(() -> s.customers().party(SYSTEM, "salesforce", CrmParty.Kind.CONTACT, four.id()));
        // one listener of the bridge takes the inbox's events: a second would cost every record a job that does nothing
        assertThat(db.queryLong(deliveries + "'%\"crm.inbox\"%'")).isEqualTo(1);
        assertThat(db.queryLong(deliveries + "'%\"crm.deal\"%'")).isZero();
    }
}

package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.CrmTemplateKeys;
import dev.oakit.fakes.Failure;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.oakit.crm.odoo.OdooFlowSetup.ADMIN;
import static dev.oakit.crm.odoo.OdooFlowSetup.SYSTEM;
import static dev.oakit.crm.odoo.OdooFlowSetup.TARGET;
import static dev.oakit.crm.odoo.OdooFlowSetup.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Flow 2 against the fake Odoo: a service request becomes one ticket; replies, status and resolution go back once; the status rule. */
class OdooCasesFlowTest {
    private static long ann;

    /** Acme and Ann pulled, and a complaint from Ann in the support project pulled as a ticket. */
    private static Ticket complaint(OdooFlowSetup s) {
        ann = s.odoo().create("res.partner", Map.of("name", "Ann Lee", "parent_id", s.acme(), "email", "ann@acme.test"));
        s.pull("account", () -> s.customers().party(SYSTEM, TARGET, CrmParty.Kind.ACCOUNT, String.valueOf(s.acme())));
        s.pull("contact", () -> s.customers().party(SYSTEM, TARGET, CrmParty.Kind.CONTACT, String.valueOf(ann)));
        long tag = s.odoo().create("project.tags", Map.of("name", "Complaint"));
        long task = s.odoo().create("project.task", Map.of("name", "Drill broken", "project_id", s.support(), "partner_id", ann,
                "description", "<p>It smokes</p>", "priority", "1", "tag_ids", List.of(tag)));
        long ticketId = s.pull("case", () -> s.ticketOf(task));
        return s.queries().detail(ADMIN, ticketId).ticket();
    }

    private static long task(OdooFlowSetup s) {
        return (Long) s.odoo().records("project.task").get(0).get("id");
    }

    private static List<Map<String, Object>> chatter(OdooFlowSetup s, long task) {
        return s.odoo().records("mail.message").stream().filter(m -> Long.valueOf(task).equals(m.get("res_id"))).toList();
    }

    @DbTest
    void aServiceRequestBecomesOneTicketOfTheMappedTypeQueueAndRequester(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        assertThat(t.type()).isEqualTo("complaint");
        assertThat(t.queue()).isEqualTo("care");
        assertThat(t.channel()).isEqualTo("crm");
        assertThat(t.title()).isEqualTo("Drill broken");
        assertThat(t.description()).isEqualTo("It smokes");
        CrmParty acme = s.customers().party(SYSTEM, TARGET, CrmParty.Kind.ACCOUNT, String.valueOf(s.acme())).orElseThrow();
        assertThat(t.requester()).isEqualTo(Requester.contact("Ann Lee", "ann@acme.test", acme.localId()));
        // pulled again (the overlap re-reads it): still one ticket
        s.pull("case", () -> s.pulls().state(SYSTEM, TARGET, "case").filter(st -> !st.running() && st.pulled() >= 2));
        assertThat(s.queries().detail(ADMIN, t.id()).ticket().id()).isEqualTo(t.id());
        assertThat(s.idMap().localId(SYSTEM, dev.oakit.integration.ExternalRef.of(TARGET, "case", String.valueOf(task(s))))).contains(String.valueOf(t.id()));
    }

    @DbTest
    void aPublicReplyAndTheResolutionReachTheCaseOnceAndInternalNotesNever(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        long task = task(s);
        s.tickets().claim(user("dave"), t.id());
        s.tickets().start(user("dave"), t.id());
        s.tickets().note(user("dave"), t.id(), "internal: customer is grumpy");
        s.odoo().failures().responseDelay(Duration.ofSeconds(3)).nextCall("project.task", "message_post", Failure.COMMIT_THEN_TIMEOUT);
        s.tickets().reply(user("dave"), t.id(), "A technician comes on Monday.", List.of());
        OdooFlowSetup.await(() -> Optional.ofNullable(chatter(s, task).isEmpty() ? null : true));
        s.tickets().resolve(user("dave"), t.id(), "Motor replaced");
        OdooFlowSetup.await(() -> Optional.ofNullable("1_done".equals(s.odoo().record("project.task", task).orElseThrow().get("state"))
                && chatter(s, task).size() >= 2 ? true : null));
        OdooFlowSetup.await(() -> Optional.ofNullable(s.odoo().callCount("message_post") >= 2 ? true : null));
        assertThat(chatter(s, task)).extracting(m -> m.get("body")).containsExactly("A technician comes on Monday.", "Resolution: Motor replaced");
        Map<String, Object> odooTask = s.odoo().record("project.task", task).orElseThrow();
        assertThat(((List<?>) odooTask.get("stage_id")).get(1)).as("started: In Progress").isEqualTo("In Progress");
    }

    @DbTest
    void aCommentOnEitherSideAppearsOnceOnTheOther(TestDatabase db) {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        long task = task(s);
        OdooTestRpc odoo = new OdooTestRpc(s.odoo());
        // the customer comments on the portal: a public discussion by Ann
        odoo.execute("project.task", "message_post", List.of(List.of(task)), Map.of("body", "<p>Still smoking!</p>", "body_is_html", true,
                "message_type", "comment", "subtype_xmlid", "mail.mt_comment", "author_id", ann));
        // an internal note in Odoo stays there
        odoo.execute("project.task", "message_post", List.of(List.of(task)), Map.of("body", "check the warranty"));
        TicketEvent fromAnn = s.pull("case-comment", () -> s.queries().detail(ADMIN, t.id()).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).findFirst());
        assertThat(fromAnn.body()).isEqualTo("Still smoking!");
        // the agent answers in OAKit: it reaches the chatter once, and comes back from the next pull as an echo, not a reply
        s.tickets().claim(user("dave"), t.id());
        s.tickets().reply(user("dave"), t.id(), "Please unplug it.", List.of());
        OdooFlowSetup.await(() -> Optional.ofNullable(chatter(s, task).stream().anyMatch(m -> "Please unplug it.".equals(m.get("body"))) ? true : null));
        s.pull("case-comment", () -> s.pulls().state(SYSTEM, TARGET, "case-comment").filter(st -> st.echoes() >= 1 && !st.running()));
        List<TicketEvent> timeline = s.queries().detail(ADMIN, t.id()).timeline();
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).hasSize(1);
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.AGENT_REPLY).hasSize(1);
        assertThat(timeline).filteredOn(e -> e.body() != null && e.body().contains("warranty")).isEmpty();
        assertThat(chatter(s, task)).filteredOn(m -> "Please unplug it.".equals(m.get("body"))).hasSize(1);
    }

    @DbTest
    void anEscalatedTagTellsTheAssigneeOnce(TestDatabase db) throws Exception {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        long task = task(s);
        s.tickets().claim(user("dave"), t.id());
        Thread.sleep(1100); // write_date has whole seconds: the change must be stamped after the first pull's second
        long escalated = s.odoo().create("project.tags", Map.of("name", "Escalated"));
        List<Long> tags = new java.util.ArrayList<>();
        ((List<?>) s.odoo().record("project.task", task).orElseThrow().get("tag_ids")).forEach(x -> tags.add(((Number) x).longValue()));
        tags.add(escalated);
        new OdooTestRpc(s.odoo()).execute("project.task", "write", List.of(List.of(task), Map.of("tag_ids", List.of(List.of(6, 0, tags)))));
        Notifications notifications = s.oa().service(Notifications.class);
        java.util.concurrent.Callable<List<Delivery>> told = () -> notifications.deliveries(ADMIN, DeliveryQuery.all()).stream()
                .filter(d -> d.templateKey().equals(CrmTemplateKeys.CASE_ESCALATED)).toList();
        List<Delivery> first = s.pull("case", () -> Optional.of(told.call()).filter(l -> !l.isEmpty()));
        assertThat(first).extracting(Delivery::recipientId).containsExactly("dave");
        assertThat(s.queries().detail(ADMIN, t.id()).ticket().type()).as("the tag is no case type").isEqualTo("complaint");
        s.pull("case", () -> s.pulls().state(SYSTEM, TARGET, "case").filter(st -> !st.running() && st.pulled() >= 3));
        assertThat(told.call()).hasSize(1);
    }

    @DbTest
    void bothSidesChangingTheStatusAtOnceTheTicketWinsAndTheConflictIsRecorded(TestDatabase db) throws Exception {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        long task = task(s);
        Thread.sleep(1100); // write_date has whole seconds: the CRM's change must be stamped after the first pull's second
        long waiting = (Long) s.odoo().records("project.task.type").stream().filter(x -> "Waiting on Customer".equals(x.get("name")))
                .findFirst().orElseThrow().get("id");
        new OdooTestRpc(s.odoo()).execute("project.task", "write", List.of(List.of(task), Map.of("stage_id", waiting)));
        // meanwhile in OAKit, before the CRM's change is pulled: dave claims the ticket (its state changes too); Odoo is
        // busy for two seconds (429 with Retry-After), so OAKit's status reaches it only after the pull read the CRM's
        s.odoo().failures().retryAfter(Duration.ofSeconds(2)).nextCalls(2, "write", Failure.RATE_LIMITED);
        s.tickets().claim(user("dave"), t.id());
        s.pulls().pullNow(ADMIN, TARGET, "case");
        TicketEvent note = OdooFlowSetup.await(() -> s.queries().detail(ADMIN, t.id()).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.INTERNAL_NOTE && e.body().contains("status conflict")).findFirst());
        assertThat(note.body()).contains("'Waiting on Customer'", "the ticket wins", "'In Progress'");
        try {
            OdooFlowSetup.await(() -> Optional.ofNullable("In Progress".equals(((List<?>) s.odoo().record("project.task", task).orElseThrow()
                    .get("stage_id")).get(1)) ? true : null));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("task " + s.odoo().record("project.task", task) + "; calls " + s.odoo().calls(), e);
        }
    }
}

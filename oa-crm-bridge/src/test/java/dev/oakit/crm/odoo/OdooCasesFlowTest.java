package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.CrmParty;
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
    void bothSidesChangingTheStatusAtOnceTheTicketWinsAndTheConflictIsRecorded(TestDatabase db) throws Exception {
        OdooFlowSetup s = OdooFlowSetup.start(db);
        Ticket t = complaint(s);
        long task = task(s);
        Thread.sleep(1100); // write_date has whole seconds: the CRM's change must be stamped after the first pull's second
        long waiting = (Long) s.odoo().records("project.task.type").stream().filter(x -> "Waiting on Customer".equals(x.get("name")))
                .findFirst().orElseThrow().get("id");
        new OdooTestRpc(s.odoo()).execute("project.task", "write", List.of(List.of(task), Map.of("stage_id", waiting)));
        // meanwhile in OAKit, before the CRM's change is pulled: dave claims the ticket (its state changes too); Odoo is
        // busy for a moment, so OAKit's status reaches it only after the pull read the CRM's
        s.odoo().failures().nextCalls(8, "write", Failure.SERVER_ERROR);
        s.tickets().claim(user("dave"), t.id());
        s.pulls().pullNow(ADMIN, TARGET, "case");
        TicketEvent note = OdooFlowSetup.await(() -> s.queries().detail(ADMIN, t.id()).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.INTERNAL_NOTE && e.body().contains("status conflict")).findFirst());
        assertThat(note.body()).contains("'Waiting on Customer'", "the ticket wins", "'In Progress'");
        OdooFlowSetup.await(() -> Optional.ofNullable("In Progress".equals(((List<?>) s.odoo().record("project.task", task).orElseThrow()
                .get("stage_id")).get(1)) ? true : null));
    }
}

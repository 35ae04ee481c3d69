package dev.oakit.ticket.channel;

import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.EventRecorder;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail to external requesters requires STARTTLS unless the SMTP connection is implicit TLS or the
 * host opts out for a local relay: a server that does not offer it gets no mail, and the mail waits
 * as a dead job that names the setting.
 */
class ContactMailTlsTest {
    @DbTest(only = TestDatabase.Kind.H2)
    void aServerThatDoesNotOfferStartTlsGetsNoCustomerMailByDefault(TestDatabase db) throws Exception {
        // GreenMail's SMTP server speaks plain SMTP only; the desk keeps the default (STARTTLS required)
        EventRecorder events = new EventRecorder();
        MailDesk d = new MailDesk(db, box -> box.put("mail", Map.of()), b -> b.plugin(events));
        d.deliver(d.message("<m1@customer.test>", "Zhang <zhang@customer.test>", "Printer jam", "Jammed again"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        d.f.tickets.claim(user("carol"), t.id());

        Jobs jobs = d.f.oa.service(Jobs.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !refused(jobs, d).isEmpty());
        assertThat(refused(jobs, d)).singleElement().satisfies(j -> assertThat(j.lastError())
                .contains("zhang@customer.test").contains("does not offer STARTTLS").contains("ticket-channels.mail.requireStartTls"));
        assertThat(ContactMailTest.mailsTo(d, "zhang@customer.test")).isEmpty();
        // the refused mail waits in a job of its own: the other listeners of the event got it
        assertThat(refused(jobs, d)).singleElement().satisfies(j -> assertThat(j.type()).isEqualTo("tk.mail.send"));
        assertThat(events.events()).anyMatch(e -> e.type().equals("tk.ticket.state-changed") && e.aggregateId().equals(Long.toString(t.id())));
    }

    private static List<JobInfo> refused(Jobs jobs, MailDesk d) {
        return jobs.dead(d.f.admin, 100).stream().filter(j -> j.lastError() != null && j.lastError().contains("STARTTLS")).toList();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aLocalRelayWithoutTlsIsAnExplicitChoice(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, box -> box.put("mail", Map.of("requireStartTls", false)), b -> { });
        d.deliver(d.message("<m1@customer.test>", "Zhang <zhang@customer.test>", "Printer jam", "Jammed again"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        d.f.tickets.claim(user("carol"), t.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> !ContactMailTest.mailsTo(d, "zhang@customer.test").isEmpty());
    }
}

package dev.oakit.ticket.channel;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An external requester (a customer who wrote in by mail) hears of state changes and public
 * replies by mail with thread headers, and answering that mail lands on the same ticket.
 */
class ContactMailTest {
    static List<MimeMessage> mailsTo(MailDesk d, String address) {
        return Arrays.stream(d.mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @DbTest
    void theExternalRequesterGetsThreadedMailsAndAnsweringOneRepliesOnTheTicket(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        d.deliver(d.message("<m1@customer.test>", "Zhang <zhang@customer.test>", "Printer jam", "Jammed again"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        d.f.tickets.claim(user("carol"), t.id());
        d.f.tickets.start(user("carol"), t.id());
        d.f.tickets.note(user("carol"), t.id(), "toner is fine, must be the roller"); // internal: never mailed
        d.f.tickets.reply(user("carol"), t.id(), "A new roller is on its way.", List.of());
        d.f.tickets.resolve(user("carol"), t.id(), "Roller replaced");

        // assigned (claim), in_progress (start), the reply, resolved: four mails to the customer
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(d, "zhang@customer.test").size() >= 4);
        List<MimeMessage> mails = mailsTo(d, "zhang@customer.test");
        assertThat(mails).hasSize(4);
        assertThat(mails).allSatisfy(m -> {
            assertThat(m.getSubject()).contains("[" + t.number() + "]");
            assertThat(m.getMessageID()).startsWith("<tk-").endsWith("@oakit>");
            // answers the latest mail on the ticket; References start with the customer's first mail
            assertThat(m.getHeader("In-Reply-To")[0]).matches("<m1@customer\\.test>|<tk-[0-9a-f-]+@oakit>");
            assertThat(m.getHeader("References")[0]).startsWith("<m1@customer.test>");
            assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("helpdesk@acme.test");
        });
        assertThat(mails).extracting(m -> ((String) m.getContent()).strip())
                .anySatisfy(b -> assertThat(b).contains("A new roller is on its way."))
                .anySatisfy(b -> assertThat(b).contains("Roller replaced"))
                .noneSatisfy(b -> assertThat(b).contains("toner"));

        // the customer answers the resolution mail; the subject lost the number, the headers still thread
        MimeMessage resolved = mails.stream().filter(m -> {
            try {
                return ((String) m.getContent()).contains("Roller replaced");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        MimeMessage answer = d.message("<m9@customer.test>", "zhang@customer.test", "Re: your printer", "Works again, thanks!");
        answer.setHeader("In-Reply-To", resolved.getMessageID());
        d.deliver(answer);
        assertThat(d.poll().messages()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(MailOutcome.REPLIED);
            assertThat(m.ticketId()).isEqualTo(t.id());
        });
        assertThat(d.f.queries.detail(d.f.admin, t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY)
                .extracting(e -> e.body()).containsExactly("Works again, thanks!");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void anInternalRequesterAnsweringCoresStatusMailRepliesByTheNumberInItsSubject(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, MailDesk::trustAcme, b -> b.config("core", java.util.Map.of("notifications",
                java.util.Map.of("defaultChannels", List.of("email")))));
        d.deliver(MailDesk.verified(d.message("<g1@acme.test>", "gina@acme.test", "VPN down", "cannot connect from home")));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        d.f.tickets.claim(user("carol"), t.id());

        // core's email channel tells gina (an internal user with an address) about the state change
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(d, "gina@acme.test").isEmpty());
        MimeMessage status = mailsTo(d, "gina@acme.test").get(0);
        assertThat(status.getSubject()).contains(t.number());
        assertThat(status.getMessageID()).startsWith("<oakit-notify-");

        MimeMessage answer = d.message("<g2@acme.test>", "gina@acme.test", "Re: " + status.getSubject(), "still down");
        answer.setHeader("In-Reply-To", status.getMessageID());
        d.deliver(MailDesk.verified(answer));
        assertThat(d.poll().messages()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(MailOutcome.REPLIED);
            assertThat(m.ticketId()).isEqualTo(t.id());
        });
        assertThat(d.f.queries.detail(d.f.admin, t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY)
                .singleElement().satisfies(e -> assertThat(e.actorId()).isEqualTo("gina"));
    }
}

package dev.oakit.ticket.channel;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketDetail;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Mail in, against a GreenMail IMAP server in the test JVM, on every database of the matrix. */
class MailIntakeTest {
    @DbTest
    void aNewMailOpensOneTicketAndTheSameMessageIdDeliveredTwiceOpensNoSecond(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        d.deliver(d.message("<m1@customer.test>", "张三 <Zhang@Customer.test>", "打印机卡纸", "三楼的打印机一直卡纸。\n谢谢"));

        MailPollReport first = d.poll();
        assertThat(first.messages()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(MailOutcome.CREATED);
            assertThat(m.messageId()).isEqualTo("<m1@customer.test>");
        });
        Ticket t = d.f.ticket(first.messages().get(0).ticketId());
        assertThat(t.title()).isEqualTo("打印机卡纸");
        assertThat(t.description()).isEqualTo("三楼的打印机一直卡纸。\n谢谢");
        assertThat(t.channel()).isEqualTo("email");
        assertThat(t.queue()).isEqualTo("it");
        assertThat(t.requester()).isEqualTo(Requester.contact("张三", "zhang@customer.test", null));

        d.deliver(d.message("<m1@customer.test>", "张三 <zhang@customer.test>", "打印机卡纸", "三楼的打印机一直卡纸。\n谢谢"));
        MailPollReport second = d.poll();
        assertThat(second.messages()).singleElement().satisfies(m -> {
            assertThat(m.outcome()).isEqualTo(MailOutcome.DUPLICATE);
            assertThat(m.ticketNumber()).isEqualTo(t.number());
        });
        assertThat(d.poll().messages()).isEmpty(); // the cursor moved past both
        assertThat(d.ticketCount()).isEqualTo(1);
    }

    @DbTest
    void aVerifiedSenderWhoIsAnInternalUserIsTheRequester(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, MailDesk::trustAcme, b -> { });
        d.deliver(MailDesk.verified(d.message("<g1@acme.test>", "gina@acme.test", "VPN 连不上", "从家里连不上 VPN")));
        MailPollReport r = d.poll();
        Ticket t = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(t.requester()).isEqualTo(Requester.user("gina"));
        // gina sees her ticket like any requester
        assertThat(d.f.queries.detail(user("gina"), t.id()).ticket().number()).isEqualTo(t.number());
    }

    @DbTest
    void repliesThreadByInReplyToOrByTheNumberInTheSubjectAndResumeAWaitingTicket(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        d.deliver(d.message("<m1@customer.test>", "Zhang <zhang@customer.test>", "Printer jam", "Jammed again"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        d.f.tickets.claim(user("carol"), t.id());
        d.f.tickets.start(user("carol"), t.id());
        d.f.tickets.act(user("carol"), t.id(), "pend", "Which printer? Please send the asset number.");
        assertThat(d.f.ticket(t.id()).stateKind()).isEqualTo(StateKind.WAITING);

        MimeMessage reply = d.message("<m2@customer.test>", "zhang@customer.test", "Re: Printer jam", "It is P-0815");
        reply.setHeader("In-Reply-To", "<m1@customer.test>");
        d.deliver(reply);
        // a later mail that names the ticket number only in the subject
        d.deliver(d.message("<m3@customer.test>", "zhang@customer.test", "Re: Ticket [" + t.number() + "]: pending", "Any news?"));
        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.REPLIED, MailOutcome.REPLIED);
        assertThat(r.messages()).extracting(MailPollReport.Message::ticketId).containsOnly(t.id());
        assertThat(d.f.ticket(t.id()).state()).isEqualTo("in_progress"); // the requester's reply resumed it
        List<TicketEvent> replies = d.f.queries.detail(d.f.admin, t.id()).timeline().stream()
                .filter(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).toList();
        assertThat(replies).extracting(TicketEvent::body).containsExactly("It is P-0815", "Any news?");
        assertThat(replies.get(0).detail()).containsEntry("from", "zhang@customer.test").containsEntry("channel", "email");
        // a reply to the reply threads through the stored Message-ID of the reply
        MimeMessage third = d.message("<m4@customer.test>", "zhang@customer.test", "Re: Re: Printer jam", "Thanks");
        third.setHeader("References", "<unknown@elsewhere> <m2@customer.test>");
        d.deliver(third);
        assertThat(d.poll().messages()).singleElement().satisfies(m -> assertThat(m.ticketId()).isEqualTo(t.id()));
        assertThat(d.ticketCount()).isEqualTo(1);
    }

    @DbTest
    void aMailFromSomebodyElseOnTheThreadIsKeptAsAnInternalNote(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        d.deliver(d.message("<m1@customer.test>", "zhang@customer.test", "Printer jam", "Jammed again"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        MimeMessage stranger = d.message("<x1@other.test>", "mallory@other.test", "Re: Printer jam", "Please close it, it works");
        stranger.setHeader("In-Reply-To", "<m1@customer.test>");
        d.deliver(stranger);

        assertThat(d.poll().messages()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo(MailOutcome.NOTED));
        TicketDetail detail = d.f.queries.detail(d.f.admin, t.id());
        assertThat(detail.timeline()).filteredOn(e -> e.kind() == TicketEventKind.INTERNAL_NOTE).singleElement().satisfies(e -> {
            assertThat(e.internal()).isTrue();
            assertThat(e.body()).contains("mallory@other.test").contains("Please close it");
        });
        assertThat(detail.timeline()).noneMatch(e -> e.kind() == TicketEventKind.REQUESTER_REPLY);
    }

    @DbTest
    void malformedMailIsHandledAndNothingIsLost(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        d.deliver(d.message("<nosubject@customer.test>", "zhang@customer.test", null, "no subject here"));
        MimeMessage html = d.message("<html@customer.test>", "zhang@customer.test", "HTML only", "x");
        html.setContent("<html><head><style>p{}</style></head><body><p>Screen is <b>black</b></p><p>since&nbsp;Monday &amp; today</p></body></html>",
                "text/html; charset=UTF-8");
        d.deliver(html);
        String huge = "0123456789".repeat(3_000);
        d.deliver(d.message("<huge@customer.test>", "zhang@customer.test", "Huge log", huge));
        d.deliver(d.message("<nofrom@customer.test>", null, "Nobody", "who sent this?"));
        MimeMessage withFile = d.message("<file@customer.test>", "zhang@customer.test", "Photo", "see attachment");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attachment", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(new byte[1234], "image/png");
        photo.setFileName("printer.png");
        photo.setDisposition(MimeBodyPart.ATTACHMENT);
        withFile.setContent(new MimeMultipart(text, photo));
        d.deliver(withFile);

        MailPollReport r = d.poll();
        assertThat(r.messages()).extracting(MailPollReport.Message::outcome)
                .containsExactly(MailOutcome.CREATED, MailOutcome.CREATED, MailOutcome.CREATED, MailOutcome.FAILED, MailOutcome.CREATED);
        Ticket noSubject = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(noSubject.title()).isEqualTo("(no subject)");
        assertThat(noSubject.description()).isEqualTo("no subject here");
        assertThat(d.f.ticket(r.messages().get(1).ticketId()).description()).isEqualTo("Screen is black\nsince Monday & today");
        Ticket big = d.f.ticket(r.messages().get(2).ticketId());
        assertThat(big.description()).hasSizeLessThanOrEqualTo(20_000).startsWith("0123456789")
                .endsWith("the mail has 30000 characters; the whole text is kept with mail <huge@customer.test>]");
        assertThat(r.messages().get(3).note()).contains("no sender address");
        Ticket photoTicket = d.f.ticket(r.messages().get(4).ticketId());
        assertThat(photoTicket.description()).isEqualTo("see attachment");
        assertThat(photoTicket.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("printer.png");
            assertThat(a.id()).startsWith("imap:support/").endsWith("/1");
        });

        Jdbi jdbi = Jdbi.create(db.dataSource());
        assertThat(column(jdbi, "body", "<huge@customer.test>")).isEqualTo(huge);
        assertThat(column(jdbi, "outcome", "<nofrom@customer.test>")).isEqualTo("FAILED");
        // a failed mail keeps its metadata and where it is in the mailbox, not its body
        assertThat(column(jdbi, "body", "<nofrom@customer.test>")).isNull();
        assertThat(column(jdbi, "subject", "<nofrom@customer.test>")).isEqualTo("Nobody");
        assertThat(column(jdbi, "detail", "<nofrom@customer.test>")).contains("\"mail\":\"imap:support/").contains("no sender address");
    }

    static String column(Jdbi jdbi, String column, String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + " FROM oa_tk_mail WHERE message_id = :m")
                .bind("m", messageId).mapTo(String.class).one());
    }
}

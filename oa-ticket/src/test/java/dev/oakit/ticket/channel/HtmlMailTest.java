package dev.oakit.ticket.channel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTML-only mail: only the first {@code maxHtmlChars} of the HTML part are turned into text. */
class HtmlMailTest {
    private static void htmlMail(MailDesk d, String id, String html) throws Exception {
        MimeMessage m = d.message(id, "zhang@customer.test", "Newsletter", "x");
        m.setContent(html, "text/html; charset=UTF-8");
        d.deliver(m);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyTheFirstMaxHtmlCharsOfAnHtmlPartAreConvertedAndTheTextSaysSo(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        String html = "<html><body><p>Start of the mail</p>" + "<b>x</b> ".repeat(70_000) + "<p>TAIL</p></body></html>";
        htmlMail(d, "<big@customer.test>", html);

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.CREATED);
        Ticket big = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(big.description()).startsWith("Start of the mail\nx x x");
        String stored = MailIntakeTest.column(Jdbi.create(db.dataSource()), "body", "<big@customer.test>");
        assertThat(stored).doesNotContain("TAIL")
                .endsWith("[… cut: the HTML part has " + html.length() + " characters; only the first 500000 were turned into text]");
        assertThat(MailIntakeTest.column(Jdbi.create(db.dataSource()), "detail", "<big@customer.test>")).contains("\"htmlCut\":true");
    }

    /** 80 KB of '<' took the old regular expressions 14 s; this is six times that, at the default limit. */
    @DbTest(only = TestDatabase.Kind.H2)
    void aCraftedPartAtTheLimitIsTurnedIntoText(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        htmlMail(d, "<lt@customer.test>", "<p>Lots of brackets</p>" + "<".repeat(500_000 - 23));
        MailPollReport r = d.poll();
        Ticket lt = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(lt.description()).startsWith("Lots of brackets\n<<<<");
        assertThat(MailIntakeTest.column(Jdbi.create(db.dataSource()), "body", "<lt@customer.test>"))
                .isEqualTo("Lots of brackets\n" + "<".repeat(500_000 - 23));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theLimitIsASettingOfTheMailbox(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, box -> box.put("maxHtmlChars", 20_000), b -> { });
        htmlMail(d, "<mid@customer.test>", "<p>Head</p>" + "<i>y</i>".repeat(5_000) + "<p>TAIL</p>");
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        assertThat(t.description()).startsWith("Head\nyyy").doesNotContain("TAIL").contains("only the first 20000 were turned into text");

        Map<String, Object> box = new HashMap<>(Map.of("name", "support", "tenant", "acme", "host", "imap.acme.test", "user", "u",
                "password", "p", "type", "it", "maxHtmlChars", 50));
        assertThatThrownBy(() -> db.builder().plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())
                .config(TicketChannelsPlugin.ID, Map.of("mailboxes", List.of(box))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket-channels.mailboxes[0].maxHtmlChars must be 10000 to 5000000, was 50");
    }
}

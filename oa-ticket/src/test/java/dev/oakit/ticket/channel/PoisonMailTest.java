package dev.oakit.ticket.channel;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail carrying what a database cannot store (NUL, which PostgreSQL refuses in text; characters
 * outside the BMP, which MariaDB refuses in utf8mb3 columns) is taken with those characters
 * replaced, the record of a failed mail cannot fail on the mail's content, and one bad mail never
 * stops the mailbox: the cursor moves past it and the next mail is taken.
 */
class PoisonMailTest {
    private static final String R = "\uFFFD";

    private static void nulMail(MailDesk d, String id) throws Exception {
        d.deliverRaw("Message-ID: <" + id + "\u0000x@customer.test>", "From: =?UTF-8?Q?Zh=00ang?= <zhang@customer.test>",
                "To: " + MailDesk.SUPPORT, "Subject: =?UTF-8?Q?Printer=00jam?=", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "",
                "Line one=00 and=01 more=00", "Tab\tstays");
    }

    @DbTest
    void aMailWithNulCharactersBecomesATicketAndTheNextMailIsTakenToo(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        nulMail(d, "nul1");
        d.deliver(d.message("<fine@customer.test>", "li@customer.test", "Monitor", "flickers"));

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.CREATED, MailOutcome.CREATED);
        assertThat(r.messages().get(0).messageId()).isEqualTo("<nul1" + R + "x@customer.test>");
        Ticket t = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(t.title()).isEqualTo("Printer" + R + "jam");
        assertThat(t.description().replace("\r\n", "\n")).isEqualTo("Line one" + R + " and" + R + " more" + R + "\nTab\tstays");
        assertThat(t.requester()).isEqualTo(Requester.contact("Zh" + R + "ang", "zhang@customer.test", null));
        assertThat(d.f.ticket(r.messages().get(1).ticketId()).title()).isEqualTo("Monitor");
        assertThat(d.poll().messages()).isEmpty(); // the cursor moved past both
    }

    @DbTest
    void aFailedMailIsRecordedWithSafeBoundedMetadataOnlyAndTheMailboxCarriesOn(TestDatabase db) throws Exception {
        // every mail of this mailbox fails: its ticket type does not exist
        MailDesk d = new MailDesk(db, box -> box.put("type", "gone"), b -> { });
        nulMail(d, "nul2");
        d.deliver(d.message("<plain@customer.test>", "li@customer.test", "Monitor", "flickers"));

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.FAILED, MailOutcome.FAILED);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        List<Map<String, String>> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT message_id, outcome, address, subject, body, detail FROM oa_tk_mail ORDER BY id").map((rs, c) -> {
                    Map<String, String> row = new java.util.HashMap<>();
                    for (int i = 1; i <= 6; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                    }
                    return row;
                }).list());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("message_id", "<nul2" + R + "x@customer.test>").containsEntry("outcome", "FAILED")
                .containsEntry("address", "zhang@customer.test").containsEntry("subject", "Printer" + R + "jam").containsEntry("body", null);
        assertThat(rows.get(0).get("detail")).contains("\"mail\":\"imap:support/").contains("gone");
        assertThat(rows.get(1)).containsEntry("message_id", "<plain@customer.test>").containsEntry("body", null);
        assertThat(d.poll().messages()).isEmpty();
        assertThat(d.ticketCount()).isZero();
    }

    @DbTest(only = TestDatabase.Kind.MARIADB)
    void onUtf8mb3TablesCharactersOutsideTheBmpAreReplacedInsteadOfFailingTheMail(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        for (String table : List.of("oa_tk_mail", "oa_tk_ticket", "oa_tk_event")) {
            jdbi.useHandle(h -> h.execute("ALTER TABLE " + table + " CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci"));
        }
        d.deliver(d.message("<emoji@customer.test>", "zhang@customer.test", "Printer \uD83D\uDDA8 jam", "broken \uD83D\uDE2D 打印机"));
        d.deliver(d.message("<next@customer.test>", "li@customer.test", "Monitor", "flickers"));

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.CREATED, MailOutcome.CREATED);
        Ticket t = d.f.ticket(r.messages().get(0).ticketId());
        assertThat(t.title()).isEqualTo("Printer " + R + " jam");
        assertThat(t.description()).isEqualTo("broken " + R + " 打印机");
    }
}

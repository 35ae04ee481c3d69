package dev.oakit.ticket.channel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole text of a mail is kept in {@code oa_tk_mail} only for {@code ticket-channels.mail.retention};
 * a purge job drops older texts in small batches. The tickets keep their descriptions and replies,
 * and the mail records keep their Message-IDs, so dedupe and threading still work.
 */
class MailRetentionTest {
    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");

    private static long bodies(Jdbi jdbi, String direction) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_tk_mail WHERE direction = :d AND body IS NOT NULL")
                .bind("d", direction).mapTo(Long.class).one());
    }

    @DbTest
    void textsOlderThanTheRetentionGoInBatchesAndTicketsRepliesAndThreadsStay(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        MailDesk d = new MailDesk(db, box -> box.put("mail", Map.of("requireStartTls", false, "retention", "P30D", "purgeBatchSize", 2)),
                b -> b.clock(clock));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        d.deliver(d.message("<old1@customer.test>", "zhang@customer.test", "Printer jam", "Jammed since Monday"));
        Ticket t = d.f.ticket(d.poll().messages().get(0).ticketId());
        MimeMessage r1 = d.message("<old2@customer.test>", "zhang@customer.test", "Re: Printer jam", "Still jammed");
        r1.setHeader("In-Reply-To", "<old1@customer.test>");
        d.deliver(r1);
        d.deliver(d.message("<old3@customer.test>", "li@customer.test", "Monitor", "Flickers"));
        d.poll();
        d.f.tickets.claim(user("carol"), t.id());
        d.f.tickets.reply(user("carol"), t.id(), "A new roller is on its way.", List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> ContactMailTest.mailsTo(d, "zhang@customer.test").size() >= 2);
        long outOld = bodies(jdbi, "OUT");
        assertThat(bodies(jdbi, "IN")).isEqualTo(3);
        assertThat(outOld).isGreaterThanOrEqualTo(2);

        clock.advance(Duration.ofDays(31));
        d.deliver(d.message("<new1@customer.test>", "wang@customer.test", "Keyboard", "Keys stick"));
        d.poll();
        d.intake.startPolling(MailDesk.admin(), "support"); // the polling starts the purge too

        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(jdbi, "IN") == 1 && bodies(jdbi, "OUT") == 0);
        // the recurring poll would take the mails delivered below before the explicit poll that reports on them
        d.intake.stopPolling(MailDesk.admin(), "support");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM oa_core_job WHERE type = 'tk.mail.poll' AND status = 'RUNNING'").mapTo(Integer.class).one()) == 0);
        assertThat(MailIntakeTest.column(jdbi, "body", "<new1@customer.test>")).isEqualTo("Keys stick");
        // batches of two: each its own command, audited
        assertThat(d.f.oa.service(AuditLog.class).recent(d.f.admin, 1000)).filteredOn(a -> a.action().equals("tk.mail.purge"))
                .hasSizeGreaterThanOrEqualTo((int) ((3 + outOld + 1) / 2))
                .allSatisfy(a -> assertThat(a.summary()).contains("ticket-channels.mail.retention P30D"));

        // the ticket keeps its description and every reply
        assertThat(d.f.ticket(t.id()).description()).isEqualTo("Jammed since Monday");
        List<TicketEvent> timeline = d.f.queries.detail(d.f.admin, t.id()).timeline();
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.REQUESTER_REPLY).extracting(TicketEvent::body).containsExactly("Still jammed");
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.AGENT_REPLY).extracting(TicketEvent::body)
                .containsExactly("A new roller is on its way.");
        // an old mail delivered again is still a duplicate, and an answer to an old mail still threads
        d.deliver(d.message("<old1@customer.test>", "zhang@customer.test", "Printer jam", "Jammed since Monday"));
        MimeMessage late = d.message("<late@customer.test>", "zhang@customer.test", "Re: your printer", "Works now");
        late.setHeader("In-Reply-To", "<old2@customer.test>");
        d.deliver(late);
        MailPollReport again = d.intake.poll(MailDesk.admin(), "support");
        assertThat(again.messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.DUPLICATE, MailOutcome.REPLIED);
        assertThat(again.messages().get(1).ticketId()).isEqualTo(t.id());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void retentionSettingsAreChecked(TestDatabase db) {
        assertThatThrownBy(() -> db.builder().plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())
                .config(TicketChannelsPlugin.ID, Map.of("mail", Map.of("retention", "PT1H", "purgeBatchSize", 0))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket-channels.mail.retention must be at least P1D, was PT1H")
                .hasMessageContaining("ticket-channels.mail.purgeBatchSize must be 1 to 10000, was 0");
    }
}

package dev.oakit.ticket.channel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Polling as a durable recurring job, two pollers on one mailbox at once, and configuration errors. */
class MailPollingTest {
    @DbTest
    void twoPollersReadingTheSameMessagesAtOnceOpenExactlyOneTicketPerMessage(TestDatabase db) throws Exception {
        // two mailbox entries on one IMAP account: both see every message
        MailDesk d = new MailDesk(db, box -> box.put("twin", true), b -> { });
        int n = 6;
        for (int i = 0; i < n; i++) {
            d.deliver(d.message("<c" + i + "@customer.test>", "zhang@customer.test", "Problem " + i, "text " + i));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<MailPollReport>> polls = new ArrayList<>();
        for (String box : List.of("support", "support-2")) {
            polls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return d.intake.poll(MailDesk.admin(), box);
            }));
        }
        List<MailPollReport.Message> all = new ArrayList<>();
        for (CompletableFuture<MailPollReport> p : polls) {
            all.addAll(p.get().messages());
        }

        assertThat(all).hasSize(2 * n);
        assertThat(all).filteredOn(m -> m.outcome() == MailOutcome.CREATED).hasSize(n)
                .extracting(MailPollReport.Message::messageId).doesNotHaveDuplicates();
        assertThat(all).filteredOn(m -> m.outcome() != MailOutcome.CREATED).allSatisfy(m -> assertThat(m.outcome()).isEqualTo(MailOutcome.DUPLICATE));
        assertThat(d.ticketCount()).isEqualTo(n);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theRecurringJobPollsAndSchedulesTheNextPollOneIntervalLater(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, box -> box.put("pollInterval", "PT10M"), b -> { });
        d.deliver(d.message("<j1@customer.test>", "zhang@customer.test", "By the job", "polled by the job"));

        d.intake.startPolling(MailDesk.admin(), "support");
        d.intake.startPolling(MailDesk.admin(), "support"); // again: still one job

        await().atMost(Duration.ofSeconds(30)).until(() -> d.ticketCount() == 1);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        await().atMost(Duration.ofSeconds(30)).until(() -> readyPolls(jdbi).size() == 1);
        LocalDateTime polledAt = jdbi.withHandle(h -> h.createQuery("SELECT polled_at FROM oa_tk_mail_cursor WHERE mailbox = 'support'")
                .mapTo(LocalDateTime.class).one());
        // the second startPolling may run a second, immediate poll when the worker took the first job already
        // (a job's dedupe key is released when it starts); the next poll is still one interval after a poll
        // (counted from when the poll job finished, a little after it stamped polled_at)
        assertThat(readyPolls(jdbi)).singleElement().satisfies(next ->
                assertThat(next).isBetween(polledAt.plusMinutes(10).minusSeconds(30), polledAt.plusMinutes(10).plusSeconds(5)));

        d.intake.stopPolling(MailDesk.admin(), "support");
        assertThat(readyPolls(jdbi)).isEmpty();
    }

    private static List<LocalDateTime> readyPolls(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT due_at FROM oa_core_job WHERE dedupe_key = 'tk.mail.poll:support' AND status = 'READY'")
                .mapTo(LocalDateTime.class).list());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyAdministratorsOfTheMailboxTenantPollIt(TestDatabase db) {
        MailDesk d = new MailDesk(db);
        assertThatThrownBy(() -> d.intake.poll(TicketFixture.user("alice"), "support")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> d.intake.poll(dev.oakit.core.Actor.admin("other", "root"), "support"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("mailbox 'support' is not configured for tenant 'other'");
        assertThat(d.intake.mailboxes()).containsExactly("support");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void badConfigurationFailsTheBuildNamingEveryField(TestDatabase db) {
        Map<String, Object> box = new java.util.HashMap<>(Map.of("name", "Support!", "tenant", "acme", "port", 0, "user", "u",
                "tls", "NONE", "type", "it", "pollInterval", "PT1S"));
        Map<String, Object> hook = Map.of("name", "wecom", "tenant", "acme", "type", "it", "secret", "short",
                "mapping", Map.of("title", "title"));
        assertThatThrownBy(() -> db.builder().plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())
                .config(TicketChannelsPlugin.ID, Map.of("mailboxes", List.of(box), "webhooks", List.of(hook))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket-channels.mailboxes[0].name must be")
                .hasMessageContaining("ticket-channels.mailboxes[0].host is required")
                .hasMessageContaining("ticket-channels.mailboxes[0].password is required")
                .hasMessageContaining("ticket-channels.mailboxes[0].port must be 1 to 65535, was 0")
                .hasMessageContaining("ticket-channels.mailboxes[0].pollInterval must be at least PT5S")
                .hasMessageContaining("ticket-channels.webhooks[0].secret is required and must have at least 16 characters")
                .hasMessageContaining("ticket-channels.webhooks[0].mapping.externalId is required")
                .hasMessageContaining("ticket-channels.webhooks[0].mapping.title must be a JSON pointer starting with '/', was 'title'");
    }
}

package dev.oakit.ticket.channel;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.EventRecorder;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.mail.MailboxStatus;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The recurring poll of a mailbox never dies: a failed poll is recorded on the mailbox's status,
 * reported, and tried again after a growing pause capped at {@code maxBackoff}; polling resumes by
 * itself when the server is back. The test clock stands still between steps, so each step runs
 * exactly the polls that are due.
 */
class MailPollChainTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** Waits until no poll job is running or due: the due poll has run and scheduled its successor. */
    private static void awaitIdle(Jdbi jdbi, ManualClock clock) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, due_at FROM oa_core_job WHERE type = 'tk.mail.poll' AND status IN ('READY', 'RUNNING')")
                .map((rs, c) -> rs.getString(1).equals("RUNNING")
                        || !rs.getObject(2, LocalDateTime.class).isAfter(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .list()).stream().noneMatch(busy -> busy));
    }

    private static List<JobInfo> deadPolls(MailDesk d) {
        return d.f.oa.service(Jobs.class).dead(d.f.admin, 100).stream().filter(j -> j.type().equals("tk.mail.poll")).toList();
    }

    @DbTest
    void thePollChainOutlivesAnOutageLongerThanAnyRetryBudgetAndResumesWhenTheServerIsBack(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        MailDesk d = new MailDesk(db, box -> box.put("pollInterval", "PT1M"), b -> b.clock(clock));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        d.deliver(d.message("<before@customer.test>", "zhang@customer.test", "Before", "before the outage"));
        d.intake.startPolling(MailDesk.admin(), "support");
        await().atMost(Duration.ofSeconds(30)).until(() -> d.ticketCount() == 1);
        awaitIdle(jdbi, clock);

        d.stopServers();
        for (int i = 0; i < 15; i++) { // more failed polls in a row than a job's default attempts (10)
            clock.advance(Duration.ofHours(1));
            awaitIdle(jdbi, clock);
        }
        d.restartServers();
        d.deliver(d.message("<after@customer.test>", "zhang@customer.test", "After", "after the outage"));
        clock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> d.ticketCount() == 2);
        assertThat(deadPolls(d)).isEmpty();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aFailedPollIsRecordedOnTheStatusReportedOnceAndTriedAgainAfterAPauseCappedAtMaxBackoff(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        EventRecorder events = new EventRecorder();
        MailDesk d = new MailDesk(db, box -> {
            box.put("pollInterval", "PT1M");
            box.put("maxBackoff", "PT5M");
        }, b -> b.clock(clock).plugin(events));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        d.intake.startPolling(MailDesk.admin(), "support");
        awaitIdle(jdbi, clock);
        assertThat(d.intake.status(MailDesk.admin(), "support"))
                .isEqualTo(new MailboxStatus("support", T0, T0.plus(Duration.ofMinutes(1)), 0, null, null));
        int port = d.mail.getImap().getPort();

        d.stopServers();
        List<Duration> pauses = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        for (int i = 0; i < pauses.size(); i++) {
            Instant due = d.intake.status(MailDesk.admin(), "support").nextPollAt();
            clock.advance(Duration.between(clock.instant(), due));
            awaitIdle(jdbi, clock);
            MailboxStatus s = d.intake.status(MailDesk.admin(), "support");
            assertThat(s.failures()).isEqualTo(i + 1);
            assertThat(s.lastFailedAt()).isEqualTo(due);
            assertThat(s.nextPollAt()).isEqualTo(due.plus(pauses.get(i)));
            assertThat(s.lastPolledAt()).isEqualTo(T0);
            assertThat(s.lastError()).contains("127.0.0.1:" + port).contains("mailbox 'support'");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !failures(events).isEmpty());
        assertThat(failures(events)).singleElement().satisfies(e -> {
            assertThat(e.aggregateId()).isEqualTo("support");
            assertThat(e.payload().path("failures").asInt()).isEqualTo(1);
            assertThat(e.payload().path("error").asText()).contains("127.0.0.1:" + port);
        });

        d.restartServers();
        Instant due = d.intake.status(MailDesk.admin(), "support").nextPollAt();
        clock.advance(Duration.between(clock.instant(), due));
        awaitIdle(jdbi, clock);
        MailboxStatus back = d.intake.status(MailDesk.admin(), "support");
        assertThat(back.failures()).isZero();
        assertThat(back.lastPolledAt()).isEqualTo(due);
        assertThat(back.nextPollAt()).isEqualTo(due.plus(Duration.ofMinutes(1)));
        assertThat(back.lastError()).contains("127.0.0.1:" + port); // kept until the next failure, with its time
        await().atMost(Duration.ofSeconds(30)).until(() -> events.events().stream().anyMatch(e -> e.type().equals("tk.mail.poll-recovered")));
        assertThat(deadPolls(d)).isEmpty();

        d.intake.stopPolling(MailDesk.admin(), "support");
        assertThat(d.intake.status(MailDesk.admin(), "support").nextPollAt()).isNull();
    }

    private static List<DomainEvent> failures(EventRecorder events) {
        return events.events().stream().filter(e -> e.type().equals("tk.mail.poll-failed")).toList();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aRefusedLoginIsTriedAgainTooAndPollingStartsOnceTheLoginWorks(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(T0);
        MailDesk d = new MailDesk(db, box -> {
            box.put("pollInterval", "PT1M");
            box.put("user", "late");
            box.put("password", "l4te-password");
        }, b -> b.clock(clock));
        Jdbi jdbi = Jdbi.create(db.dataSource());
        d.intake.startPolling(MailDesk.admin(), "support");
        awaitIdle(jdbi, clock);
        assertThat(d.intake.status(MailDesk.admin(), "support")).satisfies(s -> {
            assertThat(s.failures()).isEqualTo(1);
            assertThat(s.lastError()).contains("refused the login of 'late'").contains("user/password");
            assertThat(s.nextPollAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        });

        GreenMailUser late = d.mail.setUser("late@acme.test", "late", "l4te-password"); // the administrator fixes the account
        late.deliver(d.message("<late@customer.test>", "zhang@customer.test", "Late", "finally"));
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> d.ticketCount() == 1);
        assertThat(deadPolls(d)).isEmpty();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void maxBackoffIsCheckedAgainstThePollInterval(TestDatabase db) {
        Map<String, Object> box = new HashMap<>(Map.of("name", "support", "tenant", "acme", "host", "imap.acme.test", "user", "u",
                "password", "p", "type", "it", "pollInterval", "PT1M", "maxBackoff", "PT30S"));
        assertThatThrownBy(() -> db.builder().plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())
                .config(TicketChannelsPlugin.ID, Map.of("mailboxes", List.of(box))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket-channels.mailboxes[0].maxBackoff must be at least the pollInterval (PT1M) and at most P1D, was PT30S");
    }
}

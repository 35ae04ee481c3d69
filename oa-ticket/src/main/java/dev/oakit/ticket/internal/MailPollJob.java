package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.ticket.mail.MailboxConfig;
import dev.oakit.ticket.internal.store.Columns;
import dev.oakit.ticket.internal.store.MailCursorRepository;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recurring poll of a mailbox, a chain that cannot die: each run polls and schedules the next
 * run one poll interval later. A poll that fails for any reason (server unreachable, login
 * refused, a bug) is rolled back, counted on the mailbox's status, logged, reported as the event
 * {@code tk.mail.poll-failed} when it starts a run of failures, and the next run is scheduled
 * after a pause that doubles from the poll interval up to the mailbox's {@code maxBackoff}; the job
 * itself completes. Only when the database cannot even record the failure does the job fail, and
 * then the job's own retries (many of them, see {@link MailPoller#pollJob}) carry the chain.
 */
public final class MailPollJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MailPollJob.class);

    private final MailPoller poller;
    private final Commands commands;

    @Inject
    public MailPollJob(MailPoller poller, Commands commands) {
        this.poller = poller;
        this.commands = commands;
    }

    @Override
    public String type() {
        return MailPoller.JOB;
    }

    @Override
    public void handle(JobContext job) {
        String name = job.payload().path("mailbox").asText();
        MailboxConfig box = poller.configured(name, job.tenantId());
        if (box == null) {
            LOG.warn("mail poll job {}: mailbox '{}' is no longer configured for tenant '{}'; polling stops", job.jobId(), name, job.tenantId());
            return;
        }
        try {
            commands.execute(CommandSpec.of(Actor.system(box.tenant()), "tk.mail.poll").withTarget("mailbox", name), Void.class, ctx -> {
                poller.pollIn(ctx, box);
                Instant next = ctx.now().plus(box.pollInterval());
                ctx.schedule(MailPoller.pollJob(box, next));
                MailCursorRepository.nextPoll(ctx.handle(), box.tenant(), name, next);
                ctx.schedule(MailPurgeJob.at(ctx.now(), null)); // keeps the purge chain going (a no-op while it waits)
                return null;
            });
        } catch (RuntimeException e) {
            failed(box, e);
        }
    }

    /** Records a failed poll and schedules the next one after the pause; fails only when the database does. */
    private void failed(MailboxConfig box, RuntimeException e) {
        String error = MailText.text(Columns.cut(e instanceof OaException ? e.getMessage() : e.toString(), 1000), true);
        poller.ensureCursor(box);
        commands.execute(CommandSpec.of(Actor.system(box.tenant()), "tk.mail.poll-failed").withTarget("mailbox", box.name()), Void.class, ctx -> {
            int failures = MailCursorRepository.failed(ctx.handle(), box.tenant(), box.name(), error, ctx.now());
            Instant next = ctx.now().plus(pause(box, failures));
            ctx.schedule(MailPoller.pollJob(box, next));
            MailCursorRepository.nextPoll(ctx.handle(), box.tenant(), box.name(), next);
            if (failures == 1) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("mailbox", box.name());
                payload.put("failures", failures);
                payload.put("error", error);
                payload.put("nextPollAt", next.toString());
                ctx.publish(MailPoller.FAILED_EVENT, "mailbox", box.name(), payload);
            }
            ctx.summary("mailbox '" + box.name() + "': poll failed (" + failures + " in a row), next poll at " + next + ": "
                    + Columns.cut(error, 500));
            LOG.warn("mailbox {}: poll failed ({} in a row), next poll at {}: {}", box.name(), failures, next, error);
            return null;
        });
    }

    /** @return the pause after the n-th failure in a row: the poll interval, doubled per failure, at most {@code maxBackoff} */
    static Duration pause(MailboxConfig box, int failures) {
        Duration d = box.pollInterval();
        for (int i = 1; i < failures && d.compareTo(box.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(box.maxBackoff()) > 0 ? box.maxBackoff() : d;
    }
}

package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.ticket.TicketChannelsConfig;
import dev.oakit.ticket.mail.MailConfig;
import dev.oakit.ticket.internal.store.MailRepository;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops the whole texts of a tenant's mails, in and out, once they are older than
 * {@code ticket-channels.mail.retention}: one batch of {@code purgeBatchSize} records per run, each
 * run its own short transaction, audited. A full batch schedules the next run at once, else the
 * next run comes a day later; the mail poll and the customer mailer start the chain (dedupe key
 * {@code tk.mail.purge}). The records keep Message-ID, sender, subject and detail, so dedupe and
 * threading still work; tickets keep their descriptions and replies.
 */
public final class MailPurgeJob implements JobHandler {
    static final String TYPE = "tk.mail.purge";
    private static final Duration IDLE = Duration.ofDays(1);

    private final Commands commands;
    private final MailConfig config;

    @Inject
    public MailPurgeJob(Commands commands, TicketChannelsConfig config) {
        this.commands = commands;
        this.config = config.mail();
    }

    /**
     * @param from where the previous run stopped (every text before it is gone), or null to look at all
     * @return the run of the purge due at the instant
     */
    static JobRequest at(Instant due, Instant from) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (from != null) {
            payload.put("from", from.toString());
        }
        return JobRequest.of(TYPE, payload).at(due).dedupe(TYPE);
    }

    /** @return P90D rather than PT2160H for whole days */
    private static String readable(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        String after = job.payload().path("from").asText(null);
        commands.execute(CommandSpec.of(Actor.system(tenant), "tk.mail.purge").withTarget("mail", "retention"), Void.class, ctx -> {
            Instant cutoff = ctx.now().minus(config.retention());
            List<MailRepository.Kept> batch = MailRepository.keptBefore(ctx.handle(), tenant, after == null ? null : Instant.parse(after), cutoff,
                    config.purgeBatchSize());
            int dropped = batch.isEmpty() ? 0 : MailRepository.dropTexts(ctx.handle(), batch.stream().map(MailRepository.Kept::id).toList());
            boolean more = batch.size() == config.purgeBatchSize();
            Instant from = batch.isEmpty() ? (after == null ? null : Instant.parse(after)) : batch.get(batch.size() - 1).receivedAt();
            ctx.schedule(at(more ? ctx.now() : ctx.now().plus(IDLE), from));
            ctx.summary("dropped the text of " + dropped + " mail(s) received before " + cutoff + " (ticket-channels.mail.retention "
                    + readable(config.retention()) + ")" + (more ? "; more follow" : ""));
            return null;
        });
    }
}

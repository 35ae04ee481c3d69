package dev.oakit.ticket;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Configuration of the tickets plugin, from the {@code ticket} namespace. Every component may be
 * null for its default.
 *
 * @param numberPrefix prefix of ticket numbers ({@code TK} → {@code TK-2026-000123}); upper-case letters and digits, at most 10
 * @param acceptanceDays working days the requester has to accept a resolution before it is accepted automatically (default 3; 0 turns automatic acceptance off)
 * @param parentWaitsForChildren true (default): a parent cannot be resolved while a child is open
 * @param startWithin a ticket not started this long after creation is flagged overdue (超时未处理; default 30 minutes; zero turns it off)
 * @param calendar the business calendar for acceptance days and the year of ticket numbers (default {@code 24x7})
 * @param locale the language of notifications (default {@code zh-CN})
 * @param partsTimeout how long a spare-part stock lookup may take before its answer is "unknown" (default 5 s)
 * @param rollupInterval how long the report rollup waits after a run that found less than a batch (default 1 minute;
 *     at most a day)
 * @param rollupBatch the creations and assignments one rollup run counts into the report figures (default 1000; 1 to 10000)
 * @param configCacheTtl how long a node reuses the ticket configuration it read (types, categories, queues, dispatch rules,
 *     SLA policies) before reading it again: a change made on another node is seen within it (default 5 s; zero reads it
 *     for every command; at most 1 hour). Changes made on the same node are seen at once.
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketConfig(String numberPrefix, Integer acceptanceDays, Boolean parentWaitsForChildren, Duration startWithin,
                           String calendar, String locale, Duration partsTimeout, Duration rollupInterval, Integer rollupBatch,
                           Duration configCacheTtl) {
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,10}");

    /** Fills defaults and checks values. */
    public TicketConfig {
        numberPrefix = numberPrefix == null ? "TK" : numberPrefix;
        if (!PREFIX.matcher(numberPrefix).matches()) {
            throw new IllegalArgumentException("ticket.numberPrefix must be 1 to 10 upper-case letters or digits, was '" + numberPrefix + "'");
        }
        acceptanceDays = acceptanceDays == null ? 3 : acceptanceDays;
        if (acceptanceDays < 0 || acceptanceDays > 365) {
            throw new IllegalArgumentException("ticket.acceptanceDays must be 0 to 365, was " + acceptanceDays);
        }
        parentWaitsForChildren = parentWaitsForChildren == null || parentWaitsForChildren;
        startWithin = startWithin == null ? Duration.ofMinutes(30) : startWithin;
        if (startWithin.isNegative()) {
            throw new IllegalArgumentException("ticket.startWithin must not be negative, was " + startWithin);
        }
        calendar = calendar == null ? "24x7" : calendar;
        locale = locale == null ? "zh-CN" : locale;
        partsTimeout = partsTimeout == null ? Duration.ofSeconds(5) : partsTimeout;
        if (partsTimeout.isNegative() || partsTimeout.isZero()) {
            throw new IllegalArgumentException("ticket.partsTimeout must be positive, was " + partsTimeout);
        }
        rollupInterval = rollupInterval == null ? Duration.ofMinutes(1) : rollupInterval;
        if (rollupInterval.isNegative() || rollupInterval.isZero() || rollupInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("ticket.rollupInterval must be positive and at most PT24H, was " + rollupInterval
                    + "; write a duration such as PT1M (the default) or PT10M");
        }
        rollupBatch = rollupBatch == null ? 1000 : rollupBatch;
        if (rollupBatch < 1 || rollupBatch > 10_000) {
            throw new IllegalArgumentException("ticket.rollupBatch must be 1 to 10000, was " + rollupBatch + "; leave it out for the default 1000");
        }
        configCacheTtl = configCacheTtl == null ? Duration.ofSeconds(5) : configCacheTtl;
        if (configCacheTtl.isNegative() || configCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("ticket.configCacheTtl must be from PT0S to PT1H, was " + configCacheTtl
                    + "; write a duration such as PT5S (the default) or PT0S (no reuse)");
        }
    }
}

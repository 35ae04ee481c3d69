package dev.oakit.ticket.internal.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.internal.command.Transitions;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The command's context for one ticket write, with the jobs it schedules gathered into one {@code scheduleAll} (one
 * look-up of their dedupe keys and one batched insert, e.g. the "not started" timer and the SLA firings of a new
 * ticket together). Order is kept: what is gathered is scheduled before any cancel, and before {@link #flush} returns.
 */
final class BatchedJobs implements CommandContext {
    private final CommandContext ctx;
    private final List<JobRequest> pending = new ArrayList<>();
    private final long newTicket;

    /** @param newTicket the id of the ticket this command created, whose jobs' keys cannot be taken yet; 0 for none */
    BatchedJobs(CommandContext ctx, long newTicket) {
        this.ctx = ctx;
        this.newTicket = newTicket;
    }

    /**
     * Schedules what was gathered: a new ticket's jobs, all keyed by its fresh id, without the look-up of their keys
     * (they go with the command's next jobs, its notifications' deliveries), any others with it.
     */
    void flush() {
        if (!pending.isEmpty()) {
            List<JobRequest> all = List.copyOf(pending);
            pending.clear();
            if (newTicket > 0 && all.stream().allMatch(r -> keyedBy(newTicket, r))) {
                ctx.scheduleNew(all);
            } else {
                ctx.scheduleAll(all);
            }
        }
    }

    /**
     * The families whose keys name a ticket by its id ({@code <family>:<id>} or {@code <family>:<id>:<part>}): only these
     * can be known free for a ticket this command created. Another family's key (a mail's, a host's or an SLA hook's)
     * may equal such a key's shape by chance and be held already.
     */
    private static final Set<String> TICKET_FAMILIES = Set.of(Transitions.OVERDUE_JOB, Transitions.ACCEPT_JOB, Transitions.SLA_JOB);

    /**
     * @return whether the job's key names the new ticket: its first {@code :}-separated segment is one of the ticket's
     *     own job families and its second the ticket's id (a part such as an SLA firing's instant holding colons of its
     *     own); any other key goes the look-up path, which is right for every key
     */
    static boolean keyedBy(long ticketId, JobRequest r) {
        String key = r.dedupeKey();
        if (key == null) {
            return false;
        }
        String[] segments = key.split(":", 3);
        return segments.length >= 2 && TICKET_FAMILIES.contains(segments[0]) && segments[1].equals(Long.toString(ticketId));
    }

    @Override
    public void scheduleAll(Collection<JobRequest> requests) {
        pending.addAll(requests);
    }

    @Override
    public long schedule(JobRequest request) {
        flush();
        return ctx.schedule(request);
    }

    @Override
    public int cancelJobs(String dedupeKey) {
        flush();
        return ctx.cancelJobs(dedupeKey);
    }

    @Override
    public int cancelJobsByKeyPrefix(String keyPrefix) {
        flush();
        return ctx.cancelJobsByKeyPrefix(keyPrefix);
    }

    @Override
    public Handle handle() {
        return ctx.handle();
    }

    @Override
    public Actor actor() {
        return ctx.actor();
    }

    @Override
    public Instant now() {
        return ctx.now();
    }

    @Override
    public ObjectMapper json() {
        return ctx.json();
    }

    @Override
    public void target(String type, String id) {
        ctx.target(type, id);
    }

    @Override
    public void summary(String summary) {
        ctx.summary(summary);
    }

    @Override
    public void onBehalfOf(String userId) {
        ctx.onBehalfOf(userId);
    }

    @Override
    public String publish(String eventType, String aggregateType, String aggregateId, Object payload) {
        return ctx.publish(eventType, aggregateType, aggregateId, payload);
    }

    @Override
    public void afterCommit(Runnable action) {
        ctx.afterCommit(action);
    }
}

package dev.oakit.ticket.internal.runner;

import dev.oakit.core.ConflictException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.spi.SlaHook;
import dev.oakit.ticket.internal.report.TicketMetrics;
import dev.oakit.ticket.internal.command.Effect;
import dev.oakit.ticket.internal.command.TicketChange;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.LinkRepository;
import dev.oakit.ticket.internal.store.RatingRepository;
import dev.oakit.ticket.internal.store.SlaDues;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.TimeRepository;
import dev.oakit.ticket.internal.store.WatcherRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a decision: the one place that turns a {@link TicketChange} into statements, through the repositories, in
 * the command's transaction. The effects in their order; then the row, version-checked, in one UPDATE; then the
 * history entries in one batch, each also an outbox event {@code tk.ticket.<kind>}, handed to the report figures and
 * to the SLA hook. With the built-in SLA clock ({@link SlaDues.Deferred}) the entries come first and the clock's
 * columns are written with the row in the same UPDATE.
 */
@Singleton
final class EffectWriter {
    private final TicketRepository tickets;
    private final EventRepository events;
    private final WatcherRepository watchers;
    private final LinkRepository links;
    private final TimeRepository times;
    private final RatingRepository ratings;
    private final TicketNotifier notifier;
    private final TicketMetrics metrics;
    private final SlaHook sla;

    @Inject
    EffectWriter(TicketRepository tickets, EventRepository events, WatcherRepository watchers, LinkRepository links, TimeRepository times,
                 RatingRepository ratings, TicketNotifier notifier, TicketMetrics metrics, SlaHook sla) {
        this.tickets = tickets;
        this.events = events;
        this.watchers = watchers;
        this.links = links;
        this.times = times;
        this.ratings = ratings;
        this.notifier = notifier;
        this.metrics = metrics;
        this.sla = sla;
    }

    /** Stores a new ticket's row (it gets its id) with its tags and the effects decided so far (its watchers). */
    void insert(CommandContext ctx, TicketChange c) {
        c.row.id = tickets.insert(ctx.handle(), c.row);
        c.created = true;
        BatchedJobs jobs = new BatchedJobs(ctx, c.row.id);
        apply(jobs, c);
        jobs.flush();
    }

    /** Writes what the decision changed. */
    void write(CommandContext command, TicketChange c) {
        // the command's jobs and the SLA clock's in one batch; a new ticket's go with its notifications' delivery jobs
        BatchedJobs ctx = new BatchedJobs(command, c.created ? c.row.id : 0);
        apply(ctx, c);
        TicketRow r = c.row;
        if (sla instanceof SlaDues.Deferred deferred && !c.entries.isEmpty()) {
            // the built-in SLA clock's columns go with the row's own update: one statement, not two
            SlaDues dues = deferred.recordedDeferred(ctx, r.toTicket(), record(ctx, c));
            if (c.dirty) {
                store(ctx, c, dues);
            } else if (dues != null) {
                tickets.saveSla(ctx.handle(), c.tenant(), r.id, dues);
            }
        } else {
            if (c.dirty) {
                store(ctx, c, null);
            }
            if (!c.entries.isEmpty()) {
                sla.recorded(ctx, r.toTicket(), record(ctx, c));
            }
        }
        if (c.reclassified()) {
            // moved without a history entry: the figures follow all the same (record() moves them otherwise)
            metrics.recorded(ctx.handle(), r, List.of(), true);
            c.classified();
        }
        ctx.flush();
        if (!c.outgoing.isEmpty()) {
            notifier.sendAll(command, c.actor, c.outgoing); // every notification of the command in one batch
            c.outgoing.clear();
        }
    }

    /** The row, version-checked, with the SLA columns when given. */
    private void store(CommandContext ctx, TicketChange c, SlaDues dues) {
        TicketRow r = c.row;
        if (!tickets.update(ctx.handle(), r, c.now, dues)) {
            throw new ConflictException(TicketErrors.STALE, "ticket " + r.number + " changed while this command ran; reload it and retry");
        }
        c.dirty = false;
    }

    private void apply(CommandContext ctx, TicketChange c) {
        Handle h = ctx.handle();
        String tenant = c.tenant();
        long id = c.row.id;
        for (Effect e : c.effects) {
            if (e instanceof Effect.Notify x) {
                c.outgoing.add(x);
            } else if (e instanceof Effect.Schedule x) {
                ctx.scheduleAll(List.of(x.request()));
            } else if (e instanceof Effect.CancelJobs x) {
                ctx.cancelJobs(x.dedupeKey());
            } else if (e instanceof Effect.Summary x) {
                ctx.summary(x.text());
            } else if (e instanceof Effect.Target x) {
                ctx.target(x.type(), x.id());
            } else if (e instanceof Effect.AddWatchers x) {
                watchers.add(h, tenant, id, x.userIds());
            } else if (e instanceof Effect.RemoveWatcher x) {
                watchers.remove(h, tenant, id, x.userId());
            } else if (e instanceof Effect.ReplaceTags x) {
                tickets.replaceTags(h, tenant, id, x.tags());
            } else if (e instanceof Effect.AddLink x) {
                links.insert(h, tenant, x.link());
            } else if (e instanceof Effect.LogTime x) {
                c.loggedTimeId = times.insert(h, tenant, id, x.userId(), x.minutes(), x.workDate(), x.note(), c.now);
            } else if (e instanceof Effect.AddRating x) {
                ratings.insert(h, tenant, id, x.rating(), metrics.day(x.rating().at()));
            }
        }
        c.effects.clear();
    }

    /** The history entries in one batch; each an outbox event; then the report figures. @return the entries written */
    private List<TicketEvent> record(CommandContext ctx, TicketChange c) {
        TicketRow r = c.row;
        List<EventRepository.NewEvent> drafts = c.entries.stream().map(p -> new EventRepository.NewEvent(p.kind(), p.action(), p.from(),
                p.to(), p.body(), p.internal(), p.detail(), p.by())).toList();
        List<TicketEvent> written = events.append(ctx.handle(), c.tenant(), r.id, drafts, c.now);
        for (TicketEvent e : written) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("number", r.number);
            payload.put("eventId", e.id());
            payload.put("kind", e.kind().name());
            payload.put("action", e.action());
            payload.put("fromState", e.fromState());
            payload.put("toState", e.toState());
            payload.put("internal", e.internal());
            payload.put("state", r.state);
            payload.put("queue", r.queue);
            payload.put("assignee", r.assignee);
            ctx.publish("tk.ticket." + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), "ticket", Long.toString(r.id), payload);
        }
        c.entries.clear();
        metrics.recorded(ctx.handle(), r, written, c.reclassified());
        c.classified();
        return List.copyOf(written);
    }
}

package dev.oakit.ticket.internal.command;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.internal.store.TicketRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working copy of one ticket in one command: the row as loaded (and locked), its lifecycle, who the actor is
 * to it, and what the decision changed: the row in memory ({@link #dirty}), the history entries and the
 * {@link Effect}s, in order. Deciders change it; {@code runner.EffectWriter} writes it. Not thread-safe.
 */
public final class TicketChange {
    /** A history entry not yet written; {@code by} is who did it, the command's actor or the system. */
    public record Entry(TicketEventKind kind, String action, String from, String to, String body, boolean internal,
                        Map<String, Object> detail, String by) {
    }

    public final Actor actor;
    public final Instant now;
    public TicketRow row;
    public Lifecycle lc;
    public Set<Party> parties;
    /** Whether the row changed and must be written back. */
    public boolean dirty;
    public final List<Entry> entries = new ArrayList<>();
    public final List<Effect> effects = new ArrayList<>();
    /** Set by the writer: the id of the time entry an {@link Effect.LogTime} inserted. */
    public long loggedTimeId;
    /** Whether this command created the ticket (its jobs' keys, named by its fresh id, cannot be taken yet). */
    public boolean created;
    /** The watchers of a ticket this command creates (null: read them from the store). */
    public List<String> newWatchers;
    /** Notifications decided and not written yet: the writer sends them together once the command's row is written. */
    public final List<Effect.Notify> outgoing = new ArrayList<>();
    /** An agent automatic dispatch checked in this command (an active member of the queue under capacity), or null. */
    public String checkedAssignee;
    /** Who the entries added now are by: the actor, or the system while it decides (automatic dispatch). */
    private String by;
    /** Queue, type and category of the row as loaded (or as last recorded): what the report figures are kept under. */
    private String recordedQueue;
    private String recordedType;
    private String recordedCategory;

    public TicketChange(Actor actor, Instant now, TicketRow row, Lifecycle lc, Set<Party> parties) {
        this.actor = actor;
        this.now = now;
        this.row = row;
        this.lc = lc;
        this.parties = parties;
        classified();
    }

    /**
     * @return whether the row's queue, type or category differ from the loaded ones (or those at the last
     * {@link #classified()}): any decision that moves a ticket (reassign, an SLA step's queue change, an edit)
     */
    public boolean reclassified() {
        return !java.util.Objects.equals(recordedQueue, row.queue) || !java.util.Objects.equals(recordedType, row.type)
                || !java.util.Objects.equals(recordedCategory, row.category);
    }

    /** Marks the row's current queue, type and category as the ones the report figures are kept under. */
    public void classified() {
        recordedQueue = row.queue;
        recordedType = row.type;
        recordedCategory = row.category;
    }

    public String tenant() {
        return actor.tenantId();
    }

    /** @return whether the actor gets the agent view of the ticket */
    public boolean agentView() {
        return Access.agentView(parties);
    }

    /** Adds a history entry; {@code detail} may be null for none. */
    public void event(TicketEventKind kind, String action, String from, String to, String body, boolean internal, Map<String, Object> detail) {
        entries.add(new Entry(kind, action, from, to, body, internal, detail == null ? Map.of() : detail,
                by == null ? actor.userId() : by));
    }

    /**
     * Runs a decision the system takes inside the actor's command (automatic dispatch choosing an agent for the
     * requester's new ticket): its history entries are recorded as by {@value Actor#SYSTEM_USER}, not by the actor.
     */
    public void asSystem(Runnable decision) {
        String before = by;
        by = Actor.SYSTEM_USER;
        try {
            decision.run();
        } finally {
            by = before;
        }
    }

    public void notify(String template, Collection<String> to, Map<String, Object> variables) {
        effects.add(new Effect.Notify(template, new ArrayList<>(to), variables));
    }

    public void schedule(JobRequest job) {
        effects.add(new Effect.Schedule(job));
    }

    public void cancelJobs(String dedupeKey) {
        effects.add(new Effect.CancelJobs(dedupeKey));
    }

    public void summary(String text) {
        effects.add(new Effect.Summary(text));
    }

    /** @return the variables of a ticket notification: {@code more}, the number, the title and who acted (the system while it decides) */
    public Map<String, Object> vars(Map<String, Object> more) {
        Map<String, Object> v = new LinkedHashMap<>(more);
        v.put("number", row.number);
        v.put("title", row.title);
        v.put("by", by == null ? actor.userId() : by);
        return v;
    }

    /** @return a detail map of key, value pairs, in order; values may be null */
    public static Map<String, Object> detail(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to what a ticket says and who follows it: title, description, category, custom fields and tags (agents,
 * and the requester while it is new), priority, SLA policy and due time (agents), watchers, and the time agents log.
 */
@Singleton
public final class Editing {
    private final QueueCalendar calendars;

    @Inject
    public Editing(QueueCalendar calendars) {
        this.calendars = calendars;
    }

    public void update(TicketChange c, TicketChanges changes, TicketReads reads) {
        TicketRow r = c.row;
        boolean agent = c.agentView();
        if (!agent && !(c.parties.contains(Party.REQUESTER) && r.kind == StateKind.NEW)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not change ticket " + r.number + "; "
                    + Access.describe(Access.AGENT_VIEW, r) + " may, and its requester while it is new");
        }
        if (!agent && (changes.priority() != null || changes.slaPolicy() != null || changes.dueAt() != null)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not change the priority, SLA policy or due time of ticket "
                    + r.number + "; " + Access.describe(Access.AGENT_VIEW, r) + " may");
        }
        if (r.kind == StateKind.CLOSED) {
            throw new ConflictException(TicketErrors.CLOSED, "ticket " + r.number + " is closed ('" + r.state + "'); reopen it before changing it");
        }
        List<String> changed = new ArrayList<>();
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (changes.category() != null && !changes.category().equals(r.category)) {
            Creation.checkCategory(changes.category(), reads, problems);
            r.category = changes.category();
            changed.add("category");
        }
        List<String> tags = changes.tags() == null ? null : Creation.tags(changes.tags(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "ticket changes", problems);
        }
        if (changes.title() != null && !changes.title().equals(r.title)) {
            r.title = changes.title();
            changed.add("title");
        }
        if (changes.description() != null && !changes.description().equals(r.description)) {
            r.description = changes.description();
            changed.add("description");
        }
        if (changes.fields() != null) {
            TicketType type = reads.type(r.type);
            r.fields = Creation.fields(type, r.fields, changes.fields());
            changed.add("fields");
        }
        if (tags != null && !tags.equals(r.tags)) {
            r.tags = tags;
            c.effects.add(new Effect.ReplaceTags(tags));
            changed.add("tags");
        }
        if (!changed.isEmpty()) {
            c.event(TicketEventKind.UPDATED, "update", null, null, null, false, Map.of("fields", changed));
        }
        if (changes.priority() != null && changes.priority() != r.priority) {
            c.event(TicketEventKind.PRIORITY_CHANGED, "update", null, null, null, false, TicketChange.detail("from", r.priority.name(), "to",
                    changes.priority().name()));
            r.priority = changes.priority();
            changed.add("priority");
        }
        if (changes.slaPolicy() != null && !changes.slaPolicy().equals(r.slaPolicy)) {
            c.event(TicketEventKind.POLICY_CHANGED, "update", null, null, null, true, TicketChange.detail("from", r.slaPolicy, "to", changes.slaPolicy()));
            r.slaPolicy = changes.slaPolicy();
            changed.add("slaPolicy");
        }
        if (changes.dueAt() != null && !changes.dueAt().equals(r.dueAt)) {
            c.event(TicketEventKind.DUE_OVERRIDDEN, "update", null, null, null, true, TicketChange.detail("dueAt", changes.dueAt().toString()));
            r.dueAt = changes.dueAt();
            changed.add("dueAt");
        }
        c.dirty |= !changed.isEmpty();
        c.summary("ticket " + r.number + ": changed " + changed);
    }

    /**
     * An agent logs time; without a work date it counts on today in the queue's calendar.
     *
     * @return the work date
     */
    public LocalDate logTime(TicketChange c, int minutes, LocalDate workDate, String note, TicketReads reads) {
        Guards.requireAgent(c, "log time on");
        LocalDate day = workDate != null ? workDate : c.now.atZone(calendars.of(reads.queue(c.row.queue).orElse(null)).zone()).toLocalDate();
        c.effects.add(new Effect.LogTime(c.actor.userId(), minutes, day, note));
        c.event(TicketEventKind.TIME_LOGGED, "time", null, null, note, true, TicketChange.detail("minutes", minutes, "workDate", day.toString()));
        c.summary("logged " + minutes + " min on ticket " + c.row.number);
        return day;
    }

    /** Starts or stops watching: anyone for themselves, agents for others too. */
    public void watch(TicketChange c, String userId, boolean watching, TicketReads reads) {
        if (!userId.equals(c.actor.userId()) && !c.agentView()) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may change only their own watching of ticket "
                    + c.row.number + "; " + Access.describe(Access.AGENT_VIEW, c.row) + " may add others");
        }
        if (watching && reads.user(userId).isEmpty()) {
            throw ValidationException.of("userId", "user '" + userId + "' is not in the directory of tenant '" + c.tenant() + "'");
        }
        if (reads.watchers(c.row.id).contains(userId) == watching) {
            return;
        }
        c.effects.add(watching ? new Effect.AddWatchers(List.of(userId)) : new Effect.RemoveWatcher(userId));
        c.event(TicketEventKind.WATCHERS_CHANGED, "watch", null, null, null, false, TicketChange.detail("user", userId, "watching", watching));
    }
}

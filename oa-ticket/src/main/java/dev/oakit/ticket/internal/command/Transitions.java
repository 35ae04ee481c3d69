package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.ticket.Lifecycle;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketTemplates;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle: taking a transition of the type's lifecycle, and what entering each state kind does (docs/tickets.md,
 * "Lifecycle" and "Timers"): NEW clears the assignee and (re)starts the "not started" timer; ASSIGNED, IN_PROGRESS and
 * WAITING need an assignee; starting cancels that timer and clears the overdue flag; RESOLVED waits for open children,
 * counts a resolution and schedules automatic acceptance; CLOSED cancels every timer. Also the two timers' own
 * decisions (overdue, automatic acceptance). Every state change of every command goes through {@link #move}.
 */
@Singleton
public final class Transitions {
    /** The job that flags a ticket not started in time. */
    public static final String OVERDUE_JOB = "tk.overdue";
    /** The job that accepts a resolution nobody answered. */
    public static final String ACCEPT_JOB = "tk.accept";
    /** The job of the built-in SLA clock's firings (SlaTimers), keyed {@code tk.sla:<ticket id>:<firing>} like the two above. */
    public static final String SLA_JOB = "tk.sla";

    private final TicketConfig config;
    private final QueueCalendar calendars;

    @Inject
    public Transitions(TicketConfig config, QueueCalendar calendars) {
        this.config = config;
        this.calendars = calendars;
    }

    /** Takes a lifecycle action other than assign and claim (checked by the caller): declared, by one of its parties, with its reason. */
    public void act(TicketChange c, String action, String comment, TicketReads reads) {
        Lifecycle.Transition t = Guards.transition(c, action);
        Guards.checkParties(c, t);
        if (t.reasonRequired() && (comment == null || comment.isBlank())) {
            throw ValidationException.of("comment", "'" + t.action() + "' on ticket " + c.row.number + " needs a reason; write one in the comment");
        }
        move(c, t.action(), t.to(), comment, reads);
    }

    /** Moves the ticket to a state with the kind's consequences; who may and whether the move is declared was checked before. */
    public void move(TicketChange c, String action, String to, String comment, TicketReads reads) {
        TicketRow r = c.row;
        String from = r.state;
        StateKind fk = r.kind;
        StateKind tk = c.lc.kindOf(to);
        if (tk == StateKind.NEW && r.assignee != null) {
            c.event(TicketEventKind.ASSIGNED, action, null, null, null, false, TicketChange.detail("from", r.assignee, "to", null, "queue", r.queue));
            r.assignee = null;
        }
        if ((tk == StateKind.ASSIGNED || tk == StateKind.IN_PROGRESS || tk == StateKind.WAITING) && r.assignee == null) {
            throw new ConflictException(TicketErrors.UNASSIGNED, "ticket " + r.number + " has nobody assigned; assign or claim it before '" + action + "'");
        }
        if (tk == StateKind.RESOLVED && config.parentWaitsForChildren()) {
            List<String> open = reads.openChildren(r.id);
            if (!open.isEmpty()) {
                throw new ConflictException(TicketErrors.OPEN_CHILDREN, "ticket " + r.number + " cannot be resolved while its child ticket(s) "
                        + open + " are open; resolve or close them first");
            }
        }
        r.state = to;
        r.kind = tk;
        c.dirty = true;
        if (tk.started() && !fk.started()) {
            c.cancelJobs(OVERDUE_JOB + ":" + r.id);
            r.overdue = false;
        }
        if (tk == StateKind.NEW && fk != StateKind.NEW) {
            scheduleOverdue(c);
        }
        if (fk == StateKind.RESOLVED && tk != StateKind.RESOLVED) {
            c.cancelJobs(ACCEPT_JOB + ":" + r.id);
        }
        if (tk == StateKind.RESOLVED) {
            r.resolutions++;
            r.resolvedAt = c.now;
            scheduleAcceptance(c, reads);
        }
        if (tk == StateKind.CLOSED) {
            r.closedAt = c.now;
            c.cancelJobs(OVERDUE_JOB + ":" + r.id);
            c.cancelJobs(ACCEPT_JOB + ":" + r.id);
        } else {
            r.closedAt = null;
        }
        c.event(kindOfMove(fk, tk), action, from, to, comment, false, TicketChange.detail("fromKind", fk.name(), "toKind", tk.name()));
        c.summary("ticket " + r.number + ": " + action + " (" + from + " -> " + to + ")");
        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(r.requester.userId());
        recipients.add(r.assignee);
        recipients.addAll(c.newWatchers != null ? c.newWatchers : reads.watchers(r.id));
        c.notify(TicketTemplates.STATUS, recipients, c.vars(Map.of("from", from, "to", to, "action", action,
                "comment", comment == null ? "" : comment)));
    }

    /** The history entry of a move: resolved, closed, reopened (out of resolved or closed) or a plain state change. */
    private static TicketEventKind kindOfMove(StateKind from, StateKind to) {
        if (to == StateKind.RESOLVED) {
            return TicketEventKind.RESOLVED;
        } else if (to == StateKind.CLOSED) {
            return TicketEventKind.CLOSED;
        } else if (from == StateKind.RESOLVED || from == StateKind.CLOSED) {
            return TicketEventKind.REOPENED;
        }
        return TicketEventKind.STATE_CHANGED;
    }

    /** Starts the "not started in time" timer of a ticket in a NEW state ({@code ticket.startWithin}; zero: none). */
    void scheduleOverdue(TicketChange c) {
        if (!config.startWithin().isZero()) {
            c.schedule(JobRequest.of(OVERDUE_JOB, Map.of("ticketId", c.row.id)).at(c.now.plus(config.startWithin()))
                    .dedupe(OVERDUE_JOB + ":" + c.row.id));
        }
    }

    private void scheduleAcceptance(TicketChange c, TicketReads reads) {
        boolean acceptable = c.lc.transition(c.row.state, "accept").or(() -> c.lc.transition(c.row.state, "close")).isPresent();
        if (config.acceptanceDays() > 0 && acceptable) {
            Instant due = calendars.of(reads.queue(c.row.queue).orElse(null)).addWorkingDays(c.now, config.acceptanceDays());
            c.schedule(JobRequest.of(ACCEPT_JOB, Map.of("ticketId", c.row.id, "resolution", c.row.resolutions)).at(due)
                    .dedupe(ACCEPT_JOB + ":" + c.row.id));
        }
    }

    /** The overdue timer fired: flags a ticket not started yet and tells its assignee, or the queue's dispatchers. */
    public void markOverdue(TicketChange c, TicketReads reads) {
        TicketRow r = c.row;
        if (r.kind.started() || r.overdue) {
            return;
        }
        r.overdue = true;
        c.dirty = true;
        c.event(TicketEventKind.OVERDUE, "overdue", null, null, null, false, TicketChange.detail("startWithin", config.startWithin().toString()));
        c.summary("ticket " + r.number + " not started within " + config.startWithin());
        List<String> to = r.assignee != null ? List.of(r.assignee) : reads.dispatchers(r.queue);
        c.notify(TicketTemplates.OVERDUE, to, c.vars(Map.of("minutes", config.startWithin().toMinutes())));
    }

    /** The acceptance timer fired: accepts (or closes) the resolution it was scheduled for, if nobody answered it. */
    public void acceptAutomatically(TicketChange c, int resolution, TicketReads reads) {
        if (c.row.kind != StateKind.RESOLVED || c.row.resolutions != resolution) {
            return;
        }
        var t = c.lc.transition(c.row.state, "accept").or(() -> c.lc.transition(c.row.state, "close"));
        if (t.isPresent()) {
            move(c, t.get().action(), t.get().to(), "accepted automatically: no answer within " + config.acceptanceDays() + " working day(s)", reads);
        }
    }

    /** @return the state a ticket goes back to when it loses its assignee: the initial state if it is NEW, else the first NEW state */
    public static Optional<String> newState(Lifecycle lc) {
        return lc.state(lc.initial()).filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name)
                .or(() -> lc.states().stream().filter(s -> s.kind() == StateKind.NEW).map(Lifecycle.State::name).findFirst());
    }

    /** @return the closed state a merged ticket goes to: its close transition's, else {@code closed}, else the first CLOSED state */
    static String closedState(Lifecycle lc, String from) {
        return lc.transition(from, "close").map(Lifecycle.Transition::to)
                .filter(s -> lc.kindOf(s) == StateKind.CLOSED)
                .or(() -> lc.state("closed").filter(s -> s.kind() == StateKind.CLOSED).map(Lifecycle.State::name))
                .orElseGet(() -> lc.states().stream().filter(s -> s.kind() == StateKind.CLOSED).findFirst().orElseThrow().name());
    }
}

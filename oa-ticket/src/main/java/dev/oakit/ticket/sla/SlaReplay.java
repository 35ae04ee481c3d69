package dev.oakit.ticket.sla;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One replay of a ticket's SLA history up to an evaluation instant; see {@link SlaClock} for the rules. */
final class SlaReplay {
    private static final BusinessCalendar NO_CALENDAR = BusinessCalendar.alwaysOpen("24x7", ZoneOffset.UTC);

    /** A remark for the explanation: {@code before} + the instant + {@code after}. */
    record Note(String before, Instant at, String after) {
    }

    /** One clock; a new cycle (next response, restarted resolution) starts it over. */
    static final class Track {
        final SlaTarget target;
        Instant start;
        String startReason;
        BusinessCalendar calendar = NO_CALENDAR;
        Duration workingTime;
        /** The policy's own target when it was capped at the resolution target; null when not capped. */
        Duration cappedFrom;
        Duration paused = Duration.ZERO;
        Instant pausedSince;
        String pausedState;
        Instant manualDue;
        Instant manualSetAt;
        Instant endedAt;
        boolean met;
        boolean breached;
        final List<Note> notes = new ArrayList<>();

        Track(SlaTarget target) {
            this.target = target;
        }

        boolean active() {
            return start != null && endedAt == null;
        }

        Duration openPause(Instant t) {
            return pausedSince == null ? Duration.ZERO : calendar.between(pausedSince, t);
        }

        /** @return the due as of {@code t}: a running pause keeps pushing a policy due later */
        Instant due(Instant t) {
            if (manualDue != null) {
                return manualDue;
            }
            return workingTime == null ? null : calendar.add(start, workingTime.plus(paused).plus(openPause(t)));
        }

        /**
         * A manual due is passed when {@code t} is after it. A policy due is passed when {@code t} is after it, or,
         * while paused, when the pause began after it (the target was used up before the pause, or a priority
         * change during the pause shortened it below the working time already used).
         */
        boolean overdue(Instant t) {
            if (manualDue != null) {
                return t.isAfter(manualDue);
            }
            if (workingTime == null) {
                return false;
            }
            return pausedSince == null ? t.isAfter(due(t)) : pausedSince.isAfter(due(pausedSince));
        }
    }

    private final BusinessCalendars calendars;
    private final Map<String, SlaPolicy> policies;
    private final Instant now;
    private final Map<SlaTarget, Track> tracks = new EnumMap<>(SlaTarget.class);
    private SlaPolicy policy;
    private String priority;
    private String state;
    private boolean created;
    private boolean pausedNow;
    private boolean resolved;
    private boolean closed;
    private boolean agentRepliedSinceRequester;

    SlaReplay(BusinessCalendars calendars, Map<String, SlaPolicy> policies, Instant now) {
        this.calendars = calendars;
        this.policies = policies;
        this.now = now;
        for (SlaTarget t : SlaTarget.values()) {
            tracks.put(t, new Track(t));
        }
    }

    void checkBreaches(Instant t) {
        for (Track track : tracks.values()) {
            if (track.active() && track.overdue(t)) {
                track.breached = true;
            }
        }
    }

    void apply(SlaEvent e) {
        Instant t = e.at();
        checkBreaches(t);
        if (e instanceof SlaEvent.Created c) {
            created = true;
            priority = c.priority();
            policy = c.policy() == null ? null : policies.get(c.policy());
            start(tracks.get(SlaTarget.FIRST_RESPONSE), t, "created");
            start(tracks.get(SlaTarget.RESOLUTION), t, "created");
        } else if (e instanceof SlaEvent.StateChanged c) {
            state = c.state();
            applyPause(t);
        } else if (e instanceof SlaEvent.AgentReplied c) {
            if (c.publicReply()) {
                meet(tracks.get(SlaTarget.FIRST_RESPONSE), t);
                meet(tracks.get(SlaTarget.NEXT_RESPONSE), t);
                agentRepliedSinceRequester = true;
            }
        } else if (e instanceof SlaEvent.RequesterReplied) {
            if (agentRepliedSinceRequester && !resolved && !closed) {
                agentRepliedSinceRequester = false;
                start(tracks.get(SlaTarget.NEXT_RESPONSE), t, "requester replied");
            }
        } else if (e instanceof SlaEvent.PriorityChanged c) {
            priority = c.priority();
            for (Track track : tracks.values()) {
                if (track.active()) {
                    retarget(track);
                    track.notes.add(new Note("priority changed to '" + priority + "' at", t, ""));
                }
            }
        } else if (e instanceof SlaEvent.PolicyChanged c) {
            closePauses(t);
            policy = c.policy() == null ? null : policies.get(c.policy());
            for (Track track : tracks.values()) {
                if (track.active()) {
                    retarget(track);
                    track.notes.add(new Note((policy == null ? "SLA policy removed" : "policy changed to '" + policy.name() + "'")
                            + " at", t, ""));
                }
            }
            applyPause(t);
        } else if (e instanceof SlaEvent.DueOverridden c) {
            Track track = tracks.get(c.target());
            if (track.active()) {
                track.manualDue = c.dueAt();
                track.manualSetAt = c.dueAt() == null ? null : t;
            }
        } else if (e instanceof SlaEvent.Resolved) {
            resolved = true;
            tracks.values().forEach(track -> meet(track, t));
        } else if (e instanceof SlaEvent.Reopened) {
            reopen(t);
        } else if (e instanceof SlaEvent.Closed) {
            closed = true;
            for (Track track : tracks.values()) {
                if (track.active()) {
                    end(track, t);
                }
            }
        }
    }

    private void reopen(Instant t) {
        resolved = false;
        closed = false;
        Track res = tracks.get(SlaTarget.RESOLUTION);
        if (res.start == null || res.endedAt == null) {
            return;
        }
        ReopenRule rule = policy == null ? ReopenRule.RESUME : policy.reopen();
        if (rule == ReopenRule.RESTART) {
            start(res, t, "reopened");
            return;
        }
        res.paused = res.paused.plus(res.calendar.between(res.endedAt, t));
        res.notes.add(new Note("reopened at", t, " (RESUME: the time since the " + (res.met ? "resolution" : "close")
                + " counts as paused)"));
        res.endedAt = null;
        res.met = false;
        if (pausedNow) {
            res.pausedSince = t;
            res.pausedState = state;
        }
    }

    private void start(Track track, Instant t, String reason) {
        track.start = t;
        track.startReason = reason;
        track.paused = Duration.ZERO;
        track.pausedSince = pausedNow ? t : null;
        track.pausedState = pausedNow ? state : null;
        track.manualDue = null;
        track.manualSetAt = null;
        track.endedAt = null;
        track.met = false;
        track.breached = false;
        track.notes.clear();
        retarget(track);
    }

    /**
     * The policy's working time for the track. A first response is never due after the resolution: both start at
     * the creation and pause together, so a first-response target longer than the resolution target is capped at
     * it, which makes the two dues one instant.
     */
    private void retarget(Track track) {
        track.calendar = policy == null ? NO_CALENDAR : calendars.get(policy.calendar());
        track.workingTime = policy == null ? null : policy.target(priority, track.target).orElse(null);
        track.cappedFrom = null;
        if (track.target == SlaTarget.FIRST_RESPONSE && track.workingTime != null) {
            Duration resolution = policy.target(priority, SlaTarget.RESOLUTION).orElse(null);
            if (resolution != null && resolution.compareTo(track.workingTime) < 0) {
                track.cappedFrom = track.workingTime;
                track.workingTime = resolution;
            }
        }
    }

    private void meet(Track track, Instant t) {
        if (track.active()) {
            end(track, t);
            track.met = true;
        }
    }

    private void end(Track track, Instant t) {
        closePause(track, t);
        track.endedAt = t;
    }

    private void applyPause(Instant t) {
        boolean wanted = policy != null && policy.pauses(state);
        if (wanted && !pausedNow) {
            pausedNow = true;
            for (Track track : tracks.values()) {
                if (track.active()) {
                    track.pausedSince = t;
                    track.pausedState = state;
                }
            }
        } else if (!wanted && pausedNow) {
            closePauses(t);
        }
    }

    private void closePauses(Instant t) {
        pausedNow = false;
        tracks.values().forEach(track -> closePause(track, t));
    }

    private static void closePause(Track track, Instant t) {
        if (track.pausedSince != null) {
            track.paused = track.paused.plus(track.calendar.between(track.pausedSince, t));
            track.pausedSince = null;
            track.pausedState = null;
        }
    }

    // ------------------------------------------------------------------ results

    SlaStatus status() {
        Map<SlaTarget, TargetStatus> out = new EnumMap<>(SlaTarget.class);
        tracks.forEach((target, track) -> out.put(target, status(track)));
        ZoneId zone = policy == null ? ZoneOffset.UTC : calendars.get(policy.calendar()).zone();
        return new SlaStatus(policy == null ? null : policy.name(), priority, zone, now, out);
    }

    private TargetStatus status(Track track) {
        SlaText text = new SlaText(track.calendar, track.start);
        if (track.start == null) {
            String why = !created ? "the ticket is not created yet"
                    : track.target == SlaTarget.NEXT_RESPONSE ? "not running: no requester reply is waiting for an agent's answer"
                    : "not running";
            return new TargetStatus(track.target, TargetState.NOT_APPLICABLE, null, null, null, false, null,
                    Duration.ZERO, Duration.ZERO, null, false, null, why);
        }
        Instant at = track.endedAt != null ? track.endedAt : now;
        Duration paused = track.paused.plus(track.openPause(at));
        Duration elapsed = max0(track.calendar.between(track.start, at).minus(paused));
        Instant due = track.due(at);
        Instant warningAt = warningAt(track, due, paused);
        Duration remaining = due == null ? null
                : track.manualDue != null ? track.calendar.between(at, due) : track.workingTime.minus(elapsed);
        TargetState state;
        if (track.endedAt != null && track.met) {
            state = TargetState.MET;
        } else if (track.endedAt != null) {
            state = track.breached ? TargetState.BREACHED : TargetState.NOT_APPLICABLE;
        } else if (due == null) {
            state = TargetState.NOT_APPLICABLE;
        } else if (track.breached) {
            state = TargetState.BREACHED;
        } else if (track.pausedSince != null) {
            state = TargetState.PAUSED;
        } else {
            state = TargetState.RUNNING;
        }
        String explanation = text.explain(track, state, due, paused, elapsed, remaining, policy, priority);
        return new TargetStatus(track.target, state, track.start, track.workingTime, due, track.manualDue != null,
                warningAt, elapsed, paused, remaining, track.breached, track.met ? track.endedAt : null, explanation);
    }

    private Instant warningAt(Track track, Instant due, Duration paused) {
        if (due == null || policy == null || policy.warningShare() == 0) {
            return null;
        }
        if (track.manualDue != null) {
            Duration window = track.calendar.between(track.start, due);
            return (window.compareTo(Duration.ZERO) > 0) ? track.calendar.add(track.start, share(window)) : null;
        }
        return track.calendar.add(track.start, share(track.workingTime).plus(paused));
    }

    private Duration share(Duration d) {
        return Duration.ofNanos(BigDecimal.valueOf(policy.warningShare()).multiply(BigDecimal.valueOf(d.toNanos())).longValue());
    }

    List<SlaFiring> firings() {
        List<SlaFiring> out = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (!track.active() || (track.pausedSince != null && track.manualDue == null)) {
                continue;
            }
            Instant due = track.due(now);
            if (due == null) {
                continue;
            }
            String key = track.target + "/%s/" + track.start;
            Instant warningAt = warningAt(track, due, track.paused.plus(track.openPause(now)));
            if (warningAt != null) {
                out.add(new SlaFiring(String.format(key, "WARNING"), track.target, SlaFiring.Kind.WARNING, warningAt, null));
            }
            out.add(new SlaFiring(String.format(key, "BREACH"), track.target, SlaFiring.Kind.BREACH, due, null));
            List<EscalationStep> steps = policy == null ? List.of() : policy.escalations();
            for (int i = 0; i < steps.size(); i++) {
                EscalationStep step = steps.get(i);
                if (step.target() == track.target) {
                    out.add(new SlaFiring(String.format(key, "ESCALATION/" + i), track.target, SlaFiring.Kind.ESCALATION,
                            around(track, due, step.offset()), step));
                }
            }
        }
        out.sort(Comparator.comparing(SlaFiring::at).thenComparing(SlaFiring::key));
        return List.copyOf(out);
    }

    /** @return {@code due} moved by {@code offset} of working time; before the start counts as the start */
    private static Instant around(Track track, Instant due, Duration offset) {
        if (offset.isZero()) {
            return due;
        }
        if ((offset.compareTo(Duration.ZERO) > 0)) {
            return track.calendar.add(due, offset);
        }
        Duration before = track.calendar.between(track.start, due).plus(offset);
        return (before.compareTo(Duration.ZERO) > 0) ? track.calendar.add(track.start, before) : track.start;
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}

package dev.oakit.ticket.sla;

import dev.oakit.core.calendar.BusinessCalendar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of the SLA clock over random calendars (zones with and without daylight saving time,
 * random windows and holidays), random policies and random ticket histories, in the style of
 * oa-core's {@code BusinessCalendarProperties}.
 */
class SlaClockPropertiesTest {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("UTC"));
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    static final List<String> PRIORITIES = List.of("P1", "P2", "P3");

    /** A calendar, two policies on it (both pause "pending") and a clock knowing both. */
    record Setup(BusinessCalendar calendar, SlaPolicy a, SlaPolicy b, SlaClock clock) {
    }

    /** A random setup, history and evaluation instant (up to four weeks after creation). */
    record Scenario(Setup setup, List<SlaEvent> history, Instant now) {
        SlaClock clock() {
            return setup.clock();
        }

        SlaStatus status() {
            return setup.clock().status(history, now);
        }
    }

    /** One random history step: minutes after the previous event, what happens, and a free parameter. */
    record Step(int gapMinutes, Kind kind, int arg) {
    }

    enum Kind { PAUSE, UNPAUSE, PUBLIC_REPLY, NOTE, REQUESTER, PRIORITY, POLICY, OVERRIDE, RESOLVE, REOPEN, CLOSE }

    // ------------------------------------------------------------------ generators

    /** 0..2 windows on a half-hour grid. */
    static Arbitrary<List<String>> windows() {
        return Arbitraries.integers().between(0, 48).set().ofMaxSize(4).map(points -> {
            List<Integer> p = new ArrayList<>(new TreeSet<>(points));
            List<String> out = new ArrayList<>();
            for (int i = 0; i + 1 < p.size(); i += 2) {
                out.add(String.format("%02d:%02d-%02d:%02d", p.get(i) / 2, p.get(i) % 2 * 30, p.get(i + 1) / 2, p.get(i + 1) % 2 * 30));
            }
            return out;
        });
    }

    static Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<List<List<String>>> week = windows().list().ofSize(7).filter(w -> w.stream().anyMatch(d -> !d.isEmpty()));
        Arbitrary<Set<Integer>> holidays = Arbitraries.integers().between(0, 200).set().ofMaxSize(12);
        return Combinators.combine(Arbitraries.of(ZONES), week, holidays).as((zone, days, hs) -> {
            BusinessCalendar.Builder b = BusinessCalendar.builder("cal").zone(zone);
            for (DayOfWeek d : DayOfWeek.values()) {
                b.day(d, days.get(d.ordinal()).toArray(String[]::new));
            }
            hs.forEach(h -> b.holiday(LocalDate.of(2026, 1, 5).plusDays(h)));
            return b.build();
        });
    }

    static Arbitrary<SlaPolicy> policies(String name) {
        Arbitrary<Duration> target = Arbitraries.integers().between(1, 40 * 4).map(q -> Duration.ofMinutes(15L * q));
        Arbitrary<Duration> offset = Arbitraries.integers().between(-8, 8).map(q -> Duration.ofMinutes(30L * q));
        return Combinators.combine(target.list().ofSize(9), Arbitraries.of(ReopenRule.class),
                        Arbitraries.of(0.0, 0.5, 0.75, 0.8), offset.list().ofMaxSize(3))
                .as((targets, reopen, share, offsets) -> {
                    SlaPolicy.Builder b = SlaPolicy.builder(name).calendar("cal").pausingStates("pending")
                            .warningShare(share).reopen(reopen);
                    for (int p = 0; p < PRIORITIES.size(); p++) {
                        b.targets(PRIORITIES.get(p), targets.get(3 * p), targets.get(3 * p + 1), targets.get(3 * p + 2));
                    }
                    for (int i = 0; i < offsets.size(); i++) {
                        b.escalation(EscalationStep.notify(SlaTarget.values()[i], offsets.get(i)));
                    }
                    return b.build();
                });
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(calendars(), policies("a"), policies("b"))
                .as((c, a, b) -> new Setup(c, a, b, SlaClock.of(c, a, b)));
    }

    @Provide
    Arbitrary<Instant> starts() {
        return Arbitraries.integers().between(0, 200 * 24 * 4).map(q -> EPOCH.plusSeconds(900L * q));
    }

    static Arbitrary<Step> steps(Kind... kinds) {
        return Combinators.combine(Arbitraries.integers().between(0, 3000), Arbitraries.of(kinds), Arbitraries.integers().between(0, 5000))
                .as(Step::new);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return steps(Kind.values()).list().ofMaxSize(14);
    }

    /** Histories in which the resolution clock runs throughout: no resolve, reopen, close, override or pause. */
    @Provide
    Arbitrary<List<Step>> openHistories() {
        return steps(Kind.PUBLIC_REPLY, Kind.NOTE, Kind.REQUESTER, Kind.PRIORITY, Kind.POLICY).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(setups(), starts(), histories(), Arbitraries.integers().between(0, 40000))
                .as((setup, start, steps, nowIn) -> new Scenario(setup, events(start, steps), start.plusSeconds(60L * nowIn)));
    }

    static List<SlaEvent> events(Instant start, List<Step> steps) {
        List<SlaEvent> out = new ArrayList<>();
        out.add(SlaEvent.created(start, "P2", "a"));
        Instant t = start;
        for (Step s : steps) {
            t = t.plusSeconds(60L * s.gapMinutes());
            out.add(switch (s.kind()) {
                case PAUSE -> SlaEvent.stateChanged(t, "pending");
                case UNPAUSE -> SlaEvent.stateChanged(t, "in-progress");
                case PUBLIC_REPLY -> SlaEvent.agentReplied(t);
                case NOTE -> SlaEvent.internalNote(t);
                case REQUESTER -> SlaEvent.requesterReplied(t);
                case PRIORITY -> SlaEvent.priorityChanged(t, PRIORITIES.get(s.arg() % PRIORITIES.size()));
                case POLICY -> SlaEvent.policyChanged(t, s.arg() % 2 == 0 ? "a" : "b");
                case OVERRIDE -> SlaEvent.dueOverridden(t, SlaTarget.values()[s.arg() % 3], t.plusSeconds(60L * s.arg()));
                case RESOLVE -> SlaEvent.resolved(t);
                case REOPEN -> SlaEvent.reopened(t);
                case CLOSE -> SlaEvent.closed(t);
            });
        }
        return out;
    }

    static Instant last(List<SlaEvent> history) {
        return history.get(history.size() - 1).at();
    }

    /** @return the history with the events inserted in time order (after events of the same instant) */
    static List<SlaEvent> merge(List<SlaEvent> history, SlaEvent... extra) {
        List<SlaEvent> out = new ArrayList<>(history);
        out.addAll(List.of(extra));
        out.sort(Comparator.comparing(SlaEvent::at)); // stable: extras stay after same-instant events
        return out;
    }

    // ------------------------------------------------------------------ laws

    @Property(tries = 250)
    void theDueIsNeverEarlierThanTheUnpausedDue(@ForAll("scenarios") Scenario sc) {
        for (TargetStatus t : sc.status().targets().values()) {
            if (t.dueAt() != null && !t.manualDue()) {
                assertThat(t.dueAt()).isAfterOrEqualTo(sc.setup().calendar().add(t.startedAt(), t.workingTime()));
            }
        }
    }

    @Property(tries = 250)
    void aPauseMovesTheDueByExactlyThePausedWorkingTime(@ForAll("setups") Setup s, @ForAll("starts") Instant start,
                                                        @ForAll("openHistories") List<Step> steps,
                                                        @ForAll @IntRange(max = 6000) int pauseAt,
                                                        @ForAll @IntRange(max = 6000) int pauseFor,
                                                        @ForAll @IntRange(max = 6000) int later) {
        List<SlaEvent> base = events(start, steps);
        Instant p1 = start.plusSeconds(60L * pauseAt);
        Instant p2 = p1.plusSeconds(60L * pauseFor);
        List<SlaEvent> paused = merge(base, SlaEvent.stateChanged(p1, "pending"), SlaEvent.stateChanged(p2, "in-progress"));
        Instant now = max(last(base), p2).plusSeconds(60L * later);

        TargetStatus without = s.clock().status(base, now).target(SlaTarget.RESOLUTION);
        TargetStatus with = s.clock().status(paused, now).target(SlaTarget.RESOLUTION);
        Duration pausedWorkingTime = s.calendar().between(p1, p2);
        assertThat(with.paused()).isEqualTo(pausedWorkingTime);
        assertThat(with.dueAt()).isAfterOrEqualTo(without.dueAt());
        assertThat(s.calendar().between(without.dueAt(), with.dueAt())).isEqualTo(pausedWorkingTime);
        assertThat(with.elapsed()).isEqualTo(without.elapsed().minus(pausedWorkingTime));
    }

    @Property(tries = 250)
    void aManualDueIsNotMovedByPauses(@ForAll("setups") Setup s, @ForAll("starts") Instant start,
                                      @ForAll("openHistories") List<Step> steps, @ForAll @IntRange(max = 20000) int dueIn,
                                      @ForAll @IntRange(max = 6000) int pauseAt, @ForAll @IntRange(max = 6000) int pauseFor,
                                      @ForAll @IntRange(max = 6000) int later) {
        Instant manual = start.plusSeconds(60L * dueIn);
        List<SlaEvent> base = merge(events(start, steps), SlaEvent.dueOverridden(start, SlaTarget.RESOLUTION, manual));
        Instant p1 = start.plusSeconds(60L * pauseAt);
        Instant p2 = p1.plusSeconds(60L * pauseFor);
        List<SlaEvent> paused = merge(base, SlaEvent.stateChanged(p1, "pending"), SlaEvent.stateChanged(p2, "in-progress"));
        Instant now = max(last(base), p2).plusSeconds(60L * later);
        for (List<SlaEvent> h : List.of(base, paused, paused.subList(0, paused.indexOf(SlaEvent.stateChanged(p2, "in-progress"))))) {
            TargetStatus res = s.clock().status(h, now).target(SlaTarget.RESOLUTION);
            assertThat(res.dueAt()).isEqualTo(manual);
            assertThat(res.breached()).isEqualTo(now.isAfter(manual));
        }
    }

    @Property(tries = 250)
    void replayingTheSameHistoryGivesTheSameResult(@ForAll("scenarios") Scenario sc) {
        SlaStatus first = sc.status();
        assertThat(sc.clock().status(new ArrayList<>(sc.history()), sc.now())).isEqualTo(first);
        assertThat(sc.clock().firings(sc.history(), sc.now())).isEqualTo(sc.clock().firings(List.copyOf(sc.history()), sc.now()));
        // what happens after the evaluation instant does not matter
        List<SlaEvent> known = sc.history().stream().filter(e -> !e.at().isAfter(sc.now())).toList();
        assertThat(sc.clock().status(known, sc.now())).isEqualTo(first);
    }

    @Property(tries = 250)
    void elapsedPlusRemainingIsTheTargetWhileRunning(@ForAll("scenarios") Scenario sc) {
        for (TargetStatus t : sc.status().targets().values()) {
            if (t.manualDue()) {
                continue;
            }
            if (t.state() == TargetState.RUNNING) {
                assertThat(t.elapsed().plus(sc.setup().calendar().between(sc.now(), t.dueAt()))).isEqualTo(t.workingTime());
            }
            if (t.state() == TargetState.RUNNING || t.state() == TargetState.PAUSED) {
                assertThat(t.elapsed().plus(t.remaining())).isEqualTo(t.workingTime());
                assertThat(t.remaining().isNegative()).as("remaining %s", t.remaining()).isFalse();
            }
        }
    }

    @Property(tries = 250)
    void onceBreachedAClockStaysBreachedUntilItsCycleEnds(@ForAll("setups") Setup s, @ForAll("starts") Instant start,
                                                          @ForAll("histories") List<Step> steps,
                                                          @ForAll @IntRange(max = 40000) int a, @ForAll @IntRange(max = 40000) int b) {
        List<SlaEvent> history = events(start, steps);
        Instant early = start.plusSeconds(60L * Math.min(a, b));
        Instant late = start.plusSeconds(60L * Math.max(a, b));
        SlaStatus s1 = s.clock().status(history, early);
        SlaStatus s2 = s.clock().status(history, late);
        for (SlaTarget target : SlaTarget.values()) {
            TargetStatus t1 = s1.target(target);
            TargetStatus t2 = s2.target(target);
            if (t1.startedAt() == null || !t1.startedAt().equals(t2.startedAt())) {
                continue; // a new cycle (next response, restarted resolution) starts over
            }
            if (t1.breached()) {
                assertThat(t2.breached()).as("%s breached at %s but not at %s", target, early, late).isTrue();
            }
            if (t1.state() == TargetState.MET && !history.stream().anyMatch(e -> e instanceof SlaEvent.Reopened)) {
                assertThat(t2.state()).isEqualTo(TargetState.MET);
                assertThat(t2.metAt()).isEqualTo(t1.metAt());
            }
        }
    }

    @Property(tries = 150)
    void firingsAreSortedAndTheBreachFiresAtTheDue(@ForAll("scenarios") Scenario sc) {
        SlaStatus status = sc.status();
        List<SlaFiring> firings = sc.clock().firings(sc.history(), sc.now());
        assertThat(firings).isSortedAccordingTo(Comparator.comparing(SlaFiring::at));
        for (SlaFiring f : firings) {
            TargetStatus t = status.target(f.target());
            assertThat(t.state()).isIn(TargetState.RUNNING, TargetState.BREACHED, TargetState.PAUSED);
            if (f.kind() == SlaFiring.Kind.BREACH) {
                assertThat(f.at()).isEqualTo(t.dueAt());
            }
            if (f.kind() == SlaFiring.Kind.WARNING) {
                assertThat(f.at()).isBeforeOrEqualTo(t.dueAt());
            }
        }
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.audit.AuditLog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of ticket commands of many kinds, each sent with a request id and retried at
 * once or later, some retries with other arguments. The same sequence runs once, without request
 * ids, on a twin ticket. Afterwards both tickets are alike: same state, assignee, history, time
 * entries, watchers, links and audit entries; so a retry never had a second effect. Every retry
 * answered like the first call (its result, or its refusal), and every reuse with other arguments
 * was refused. One OAKit on H2; one tenant per try.
 */
class TicketRequestIdProperties {
    static final String[] KINDS = {"reply", "note", "time", "watch", "update", "start", "pend", "resume", "resolve", "reopen",
            "assign", "claim", "release", "link", "rate"};
    private static TicketFixture f;
    private static final AtomicInteger TENANTS = new AtomicInteger();

    /** A command ({@code replayOf < 0}) sent 1 + {@code repeats} times, or a late retry of step {@code replayOf}. */
    record Step(String kind, int variant, int repeats, int replayOf, boolean otherArguments) {
    }

    /** What a call gave: a result or a refusal (its code). */
    record Outcome(Object result, String refused) {
    }

    @BeforeContainer
    static void start() {
        f = TicketFixture.onMemoryDatabase("tkrid");
    }

    @AfterContainer
    static void stop() {
        f.oa.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> command = Combinators.combine(Arbitraries.of(KINDS), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2)).as((kind, variant, repeats) -> new Step(kind, variant, repeats, -1, false));
        Arbitrary<Step> replay = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(true, false))
                .as((of, other) -> new Step(null, 0, 0, of, other));
        return Arbitraries.frequencyOf(Tuple.of(4, command), Tuple.of(1, replay))
                .list().ofMinSize(3).ofMaxSize(25);
    }

    @Property(tries = 30)
    void retriesHaveNoSecondEffectAndReusedIdsWithOtherArgumentsAreRefused(@ForAll("steps") List<Step> steps) {
        String tenant = "r" + TENANTS.incrementAndGet();
        f.setUpTenant(tenant);
        Actor admin = Actor.admin(tenant, "root");
        long[] retried = pair(tenant);
        long[] once = pair(tenant);
        List<Step> done = new ArrayList<>();
        List<Outcome> firsts = new ArrayList<>();
        for (Step s : steps) {
            if (s.replayOf() >= 0) {
                int i = s.replayOf() % Math.max(1, done.size());
                if (done.isEmpty() || firsts.get(i).refused() != null) {
                    continue; // a refused command stored nothing: sending it again is a new command
                }
                Step earlier = done.get(i);
                String requestId = tenant + "-" + i;
                if (s.otherArguments() && takesArguments(earlier.kind())) {
                    Outcome reused = call(tenant, new Step(earlier.kind(), earlier.variant() + 1, 0, -1, false), retried, requestId);
                    assertThat(reused.refused()).as("%s reused with other arguments", earlier).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
                    Statistics.label("late").collect("reused with other arguments");
                } else {
                    assertThat(call(tenant, earlier, retried, requestId)).as("late retry of %s", earlier).isEqualTo(firsts.get(i));
                    Statistics.label("late").collect("retried");
                }
                continue;
            }
            String requestId = tenant + "-" + done.size();
            Outcome first = call(tenant, s, retried, requestId);
            Statistics.label("commands").collect(first.refused() == null ? "applied" : "refused");
            for (int r = 0; r < s.repeats(); r++) {
                assertThat(call(tenant, s, retried, requestId)).as("retry of %s", s).isEqualTo(first);
            }
            Outcome control = call(tenant, s, once, null);
            assertThat(control.refused()).as("the twin's answer to %s", s).isEqualTo(first.refused());
            done.add(s);
            firsts.add(first);
        }
        assertThat(summary(admin, retried[0])).isEqualTo(summary(admin, once[0]));
    }

    /** Two tickets of alice's: the subject, claimed by carol, and another to link to. */
    private static long[] pair(String tenant) {
        Ticket subject = f.tickets.create(Actor.of(tenant, "alice"), NewTicket.builder("it", "主题").build());
        f.tickets.claim(Actor.of(tenant, "carol"), subject.id());
        Ticket other = f.tickets.create(Actor.of(tenant, "alice"), NewTicket.builder("it", "另一个").build());
        return new long[] {subject.id(), other.id()};
    }

    private static boolean takesArguments(String kind) {
        return !List.of("claim", "release").contains(kind);
    }

    private static Outcome call(String tenant, Step s, long[] tickets, String requestId) {
        Actor carol = Actor.of(tenant, "carol");
        long id = tickets[0];
        int v = s.variant();
        try {
            Object result = switch (s.kind()) {
                case "reply" -> f.tickets.reply(carol, id, "回复 " + v, List.of(), requestId);
                case "note" -> f.tickets.note(carol, id, "备注 " + v, requestId);
                case "time" -> f.tickets.logTime(carol, id, 10 + v, LocalDate.of(2026, 11, 23), null, requestId);
                case "watch" -> f.tickets.watch(carol, id, "frank", v % 2 == 0, requestId);
                case "update" -> f.tickets.update(carol, id, TicketChanges.none().withTitle("标题 " + v), requestId);
                case "assign" -> f.tickets.assign(Actor.of(tenant, "bob"), id, v % 2 == 0 ? "dave" : "carol", requestId);
                case "claim" -> f.tickets.claim(carol, id, requestId);
                case "release" -> f.tickets.release(carol, id, requestId);
                case "link" -> f.tickets.link(carol, id, LinkKind.values()[v % LinkKind.values().length], tickets[1], requestId);
                case "rate" -> f.tickets.rate(Actor.of(tenant, "alice"), id, 1 + v, null, requestId);
                default -> f.tickets.act(carol, id, s.kind(), "原因 " + v, requestId);
            };
            return new Outcome(result, null);
        } catch (OaException e) {
            return new Outcome(null, e.code());
        }
    }

    /** What both twins must share after the run. */
    private static List<Object> summary(Actor admin, long id) {
        TicketDetail d = f.queries.detail(admin, id);
        List<Object> out = new ArrayList<>();
        out.add(d.ticket().state());
        out.add(Objects.toString(d.ticket().assignee()));
        out.add(d.ticket().title());
        out.add(d.ticket().resolutions());
        d.timeline().forEach(e -> out.add(e.kind() + " " + e.action() + " " + e.actorId() + " " + e.fromState() + ">" + e.toState()
                + " " + e.body() + " " + e.internal()));
        d.timeEntries().forEach(e -> out.add(e.minutes() + " min " + e.userId()));
        out.add(d.watchers());
        out.add(d.links().stream().map(l -> l.kind().name()).toList());
        out.add(d.ratings().stream().map(Rating::score).toList());
        out.add(f.oa.service(AuditLog.class).forTarget(admin, "ticket", Long.toString(id)).stream().map(r -> r.action()).toList());
        return out;
    }
}

package dev.oakit.ticket.routing;

import dev.oakit.core.ValidationException;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaStatus;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.sla.TargetState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** SLA clocks replayed after every command: dues and breach on the ticket row, explanations, and firings as durable jobs. */
class SlaWiringTest {
    /** Resolution in 2 working hours; warning at half; notify 30 min before, raise the priority at, move to fac 1 h after the due. */
    static final SlaPolicy FAST = SlaPolicy.builder("fast").calendar("cn-office")
            .targets("NORMAL", Duration.ofHours(1), null, Duration.ofHours(2))
            .targets("HIGH", Duration.ofHours(1), null, Duration.ofHours(2))
            .pausingStates("pending").warningShare(0.5)
            .escalation(EscalationStep.notify(SlaTarget.RESOLUTION, Duration.ofMinutes(-30)))
            .escalation(EscalationStep.raisePriority(SlaTarget.RESOLUTION, Duration.ZERO))
            .escalation(EscalationStep.reassignQueue(SlaTarget.RESOLUTION, Duration.ofHours(1), "fac"))
            .reopen(ReopenRule.RESUME).build();

    static RoutingFixture fixture(TestDatabase db, String strategy) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.routing.saveSlaPolicy(r.admin, RoutingRulesTest.STANDARD);
        r.routing.saveSlaPolicy(r.admin, RoutingRulesTest.GOLD);
        r.routing.saveSlaPolicy(r.admin, FAST.withName("fast"));
        r.routing.saveSlaPolicy(r.admin, SlaPolicy.builder("short").calendar("cn-office")
                .target("NORMAL", SlaTarget.RESOLUTION, Duration.ofHours(2)).pausingStates("pending").reopen(ReopenRule.RESUME).build());
        r.routing.saveDispatchRules(r.admin, DispatchRules.builder()
                .otherwise(new DispatchOutcome("desk", strategy, null, strategy.equals(DispatchStrategies.MANUAL) ? "fast" : "standard")).build());
        return r;
    }

    /** Monday 2026-11-23 at hh:mm in Shanghai. */
    static Instant mon(int hour, int minute) {
        return Instant.parse("2026-11-23T00:00:00Z").plus(Duration.ofHours(hour - 8L).plusMinutes(minute));
    }

    static void at(RoutingFixture r, Instant when) {
        r.clock.advance(Duration.between(r.clock.instant(), when));
    }

    @DbTest
    void dueTimesWithPausesAreOnTheTicketAndExplained(TestDatabase db) {
        RoutingFixture r = fixture(db, DispatchStrategies.ROUND_ROBIN);
        Ticket t = r.open("alice", "VPN 连不上");
        assertThat(t.slaPolicy()).isEqualTo("standard");
        assertThat(t.assignee()).isEqualTo("carol");
        // created 10:00 + 4 working hours, lunch excluded: 15:00; first response 11:00
        assertThat(r.column(t.id(), "sla_resolution_due")).isEqualTo(mon(15, 0));
        assertThat(r.column(t.id(), "sla_first_response_due")).isEqualTo(mon(11, 0));
        at(r, mon(10, 10));
        r.f.tickets.start(user("carol"), t.id());
        at(r, mon(10, 20));
        r.f.tickets.act(user("carol"), t.id(), "pend", "等用户回电");
        at(r, mon(11, 0));
        r.f.tickets.act(user("carol"), t.id(), "resume", null);
        assertThat(r.column(t.id(), "sla_resolution_due")).isEqualTo(mon(15, 40));
        assertThat(r.column(t.id(), "sla_first_response_due")).isEqualTo(mon(11, 40));
        at(r, mon(13, 30));
        SlaStatus s = r.routing.sla(user("alice"), t.id());
        assertThat(s.target(SlaTarget.RESOLUTION).state()).isEqualTo(TargetState.RUNNING);
        assertThat(s.target(SlaTarget.RESOLUTION).explain())
                .isEqualTo("due 15:40 because created 2026-11-23 10:00 + 4 working hours, 12:00–13:00 excluded, paused 40 min;"
                        + " running, 2 h 10 min of working time left");
        assertThat(s.target(SlaTarget.FIRST_RESPONSE).breached()).isTrue();
        assertThat(s.explain()).startsWith("policy 'standard', priority 'NORMAL', times in Asia/Shanghai");
        // the flag on the row follows the next command or the breach job, whichever comes first: the job worker may run the
        // first-response breach (due 11:40) at any moment since the clock moved, so the gauge is read between two reads of the
        // flag that agree (the flag turns at most once here, so this takes at most two rounds)
        boolean before;
        boolean after;
        double gauge;
        do {
            before = r.sql("SELECT sla_breached FROM oa_tk_ticket WHERE id = :id", t.id(), Boolean.class);
            gauge = breachedGauge(db, r);
            after = r.sql("SELECT sla_breached FROM oa_tk_ticket WHERE id = :id", t.id(), Boolean.class);
        } while (before != after);
        assertThat(gauge).isEqualTo(before ? 1 : 0);
        r.f.tickets.reply(user("carol"), t.id(), "已远程处理", null);
        assertThat(r.sql("SELECT sla_breached FROM oa_tk_ticket WHERE id = :id", t.id(), Boolean.class)).isTrue();
        // the operational gauge (oakit.ticket.sla.breached) counts it
        assertThat(breachedGauge(db, r)).isEqualTo(1);
    }

    private static double breachedGauge(TestDatabase db, RoutingFixture r) {
        dev.oakit.core.spi.OperationalGauge gauge = dev.oakit.ticket.internal.store.TicketRepository.gauges().stream()
                .filter(g -> g.name().equals("oakit.ticket.sla.breached")).findFirst().orElseThrow();
        return org.jdbi.v3.core.Jdbi.create(db.dataSource()).withHandle(h -> gauge.read(h, r.clock.instant()));
    }

    @DbTest
    void firingsRunOnceAsTheSystemEscalateAndStopWhenNothingIsLeft(TestDatabase db) {
        RoutingFixture r = fixture(db, DispatchStrategies.MANUAL);
        r.f.queues.setMembers(r.admin, "desk", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol")));
        Ticket t = r.open("alice", "服务器宕机");
        assertThat(t.slaPolicy()).isEqualTo("fast");
        Map<String, Instant> jobs = r.slaJobs(t.id());
        // first response: warning 10:30, breach 11:00; resolution: warning 11:00, notify 11:30, breach and raise 12:00, move 14:00
        assertThat(jobs.values()).containsExactlyInAnyOrder(mon(10, 30), mon(11, 0), mon(11, 0), mon(11, 30), mon(12, 0), mon(12, 0), mon(14, 0));

        at(r, mon(11, 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> fired(r, t.id()).size() == 3);
        assertThat(fired(r, t.id())).extracting(TicketEvent::body).allSatisfy(b -> assertThat(b).matches("SLA (warning|breached): .*"));
        assertThat(fired(r, t.id())).allSatisfy(e -> assertThat(e.actorId()).isEqualTo("system"));

        at(r, mon(12, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> fired(r, t.id()).size() == 6);
        Ticket raised = r.f.ticket(t.id());
        assertThat(raised.priority()).isEqualTo(Priority.HIGH);
        TicketEvent priority = r.history(t.id(), TicketEventKind.PRIORITY_CHANGED).get(0);
        assertThat(priority.actorId()).isEqualTo("system");
        assertThat(priority.body()).isEqualTo("SLA escalation: the priority is raised one level, as the resolution reached its due time");
        // the requester sees each escalation step (run in either order: both were due), in words, in the public history; the
        // warnings and breaches stay with the agents
        List<TicketEvent> publicHistory = r.f.queries.detail(user("alice"), t.id()).timeline();
        assertThat(publicHistory).filteredOn(e -> e.kind() == TicketEventKind.SLA_FIRED).extracting(TicketEvent::body).satisfiesExactlyInAnyOrder(
                b -> assertThat(b).isEqualTo("SLA escalation: the assignee and the queue's dispatchers are told, as the resolution is due in"
                        + " 30 min of working time"),
                b -> assertThat(b).isEqualTo("SLA escalation: the priority is raised one level, as the resolution reached its due time"));
        // without the policy's explanation (due times, working hours, pauses), which the agents read
        assertThat(publicHistory).extracting(TicketEvent::body).filteredOn(java.util.Objects::nonNull)
                .noneMatch(b -> b.matches("(?s).*(\\bPT\\d|RAISE_PRIORITY|RESOLUTION|NOTIFY|due 12:00|working hours).*"));
        assertThat(r.sql("SELECT sla_breached FROM oa_tk_ticket WHERE id = :id", t.id(), Boolean.class)).isTrue();
        // the breach shows in the overdue filter and on the workbench
        assertThat(r.f.queries.list(r.admin, TicketQuery.builder().overdue().build()).items()).extracting(Ticket::id).containsExactly(t.id());
        assertThat(r.f.queries.workbench(r.admin).overdue()).isEqualTo(1);

        at(r, mon(14, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> r.f.ticket(t.id()).queue().equals("fac"));
        TicketEvent moved = r.history(t.id(), TicketEventKind.ASSIGNED).get(0);
        assertThat(moved.detail()).containsEntry("fromQueue", "desk").containsEntry("queue", "fac");
        assertThat(moved.actorId()).isEqualTo("system");
        // the requester reads the move with the queue's display name, not its key
        assertThat(r.f.queries.detail(user("alice"), t.id()).timeline()).filteredOn(e -> e.kind() == TicketEventKind.SLA_FIRED)
                .extracting(TicketEvent::body).contains("SLA escalation: the ticket moves to queue '后勤', as the resolution has been past its due time for 1 working hour")
                .noneMatch(b -> b.contains("'fac'"));
        // the queue's dispatcher heard of each: warnings, breaches, the notify and raise steps
        assertThat(r.f.oa.service(Notifications.class).deliveries(r.admin, DeliveryQuery.all().recipient("bob")))
                .extracting(Delivery::templateKey)
                .contains(TicketPlugin.SLA_WARNING_TEMPLATE, TicketPlugin.SLA_BREACHED_TEMPLATE, TicketPlugin.SLA_ESCALATED_TEMPLATE);
        // every firing ran exactly once, and nothing is left to fire
        await().atMost(Duration.ofSeconds(30)).until(() -> r.slaJobs(t.id()).isEmpty());
        List<TicketEvent> all = fired(r, t.id());
        assertThat(all).hasSize(7);
        assertThat(all).extracting(e -> e.detail().get("firing")).doesNotHaveDuplicates();
        at(r, mon(17, 0));
        r.f.tickets.note(r.admin, t.id(), "再次回放");
        assertThat(fired(r, t.id())).hasSize(7);
        assertThat(r.slaJobs(t.id())).isEmpty();
    }

    private static List<TicketEvent> fired(RoutingFixture r, long id) {
        return r.history(id, TicketEventKind.SLA_FIRED).stream().filter(e -> e.detail().containsKey("firing")).toList();
    }

    @DbTest
    void jobsAreCancelledWhenResolvedAndMoveWhenPaused(TestDatabase db) {
        RoutingFixture r = fixture(db, DispatchStrategies.MANUAL);
        Ticket done = r.open("alice", "很快解决");
        Ticket paused = r.open("frank", "等待配件");
        r.f.tickets.assign(r.admin, done.id(), "carol");
        r.f.tickets.assign(r.admin, paused.id(), "dave");
        r.f.tickets.start(user("dave"), paused.id());
        Map<String, Instant> before = r.slaJobs(paused.id());
        assertThat(before).hasSize(7);

        at(r, mon(10, 15));
        r.f.tickets.resolve(user("carol"), done.id(), "重启好了");
        assertThat(r.slaJobs(done.id())).isEmpty();

        r.f.tickets.act(user("dave"), paused.id(), "pend", "等配件");
        // a paused clock has no firings: only the first-response ones... none either, the clock pauses them all
        assertThat(r.slaJobs(paused.id())).isEmpty();
        at(r, mon(10, 45));
        r.f.tickets.act(user("dave"), paused.id(), "resume", null);
        Map<String, Instant> after = r.slaJobs(paused.id());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // 30 working minutes later each; the 11:30 notify now falls on 12:00, the 12:00 breach moves past lunch to 13:30
        assertThat(after.values()).containsExactlyInAnyOrder(mon(11, 0), mon(11, 30), mon(11, 30), mon(12, 0), mon(13, 30), mon(13, 30), mon(14, 30));
        assertThat(r.column(paused.id(), "sla_resolution_due")).isEqualTo(mon(13, 30));
        at(r, mon(11, 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> fired(r, paused.id()).size() == 1);
        assertThat(fired(r, done.id())).isEmpty();
    }

    @DbTest
    void aPolicyChangeKeepsThePausesAlreadyCountedAndUnknownPoliciesAreRefused(TestDatabase db) {
        RoutingFixture r = fixture(db, DispatchStrategies.ROUND_ROBIN);
        Ticket t = r.open("alice", "换策略");
        at(r, mon(10, 10));
        r.f.tickets.start(user("carol"), t.id());
        at(r, mon(10, 20));
        r.f.tickets.act(user("carol"), t.id(), "pend", null);
        at(r, mon(11, 0));
        r.f.tickets.act(user("carol"), t.id(), "resume", null);
        at(r, mon(11, 30));
        r.f.tickets.update(r.admin, t.id(), TicketChanges.none().withSlaPolicy("short"));
        // 10:00 + 2 working hours + the 40 paused minutes, lunch excluded: 13:40
        assertThat(r.column(t.id(), "sla_resolution_due")).isEqualTo(mon(13, 40));
        assertThat(r.routing.sla(r.admin, t.id()).target(SlaTarget.RESOLUTION).explain()).contains("paused 40 min");
        assertThatThrownBy(() -> r.f.tickets.update(r.admin, t.id(), TicketChanges.none().withSlaPolicy("platinum")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("slaPolicy").hasMessageContaining("no SLA policy is named 'platinum'");
        assertThat(r.f.ticket(t.id()).slaPolicy()).isEqualTo("short");
    }
}

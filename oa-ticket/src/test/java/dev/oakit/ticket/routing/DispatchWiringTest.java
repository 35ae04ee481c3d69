package dev.oakit.ticket.routing;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.dispatch.DispatchStrategies;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Each built-in strategy through the real ticket service, eligibility, explanations in the history, release and redispatch. */
class DispatchWiringTest {

    private static List<String> assignees(RoutingFixture r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.open("alice", "打印机 " + i).assignee());
        }
        return out;
    }

    @DbTest
    void roundRobinRotatesThroughTheEligibleAgentsEvenWithinOneInstant(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.ROUND_ROBIN);
        assertThat(assignees(r, 4)).containsExactly("carol", "dave", "erin", "carol");
        r.clock.advance(Duration.ofMinutes(5));
        assertThat(assignees(r, 2)).containsExactly("dave", "erin");
        Ticket t = r.open("alice", "第七个");
        assertThat(t.assignee()).isEqualTo("carol");
        assertThat(t.state()).isEqualTo("assigned");
        assertThat(r.routing.assignmentExplanation(r.admin, t.id())).get().asString()
                .startsWith("round-robin: carol assigned least recently");
        TicketEvent dispatched = r.history(t.id(), TicketEventKind.DISPATCHED).get(0);
        assertThat(dispatched.actorId()).isEqualTo(dev.oakit.core.Actor.SYSTEM_USER);
        assertThat(dispatched.internal()).isTrue();
        assertThat(dispatched.detail()).containsEntry("strategy", "round-robin").containsEntry("agent", "carol");
        assertThat(dispatched.detail().get("routing").toString()).startsWith("no rule matched, default → queue 'desk'");
    }

    @DbTest
    void leastLoadedWeighsOpenTicketsByPriority(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.MANUAL);
        assign(r, "carol", Priority.URGENT);                 // load 4
        assign(r, "dave", Priority.NORMAL);
        assign(r, "dave", Priority.NORMAL);                  // load 2
        assign(r, "erin", Priority.HIGH);
        assign(r, "erin", Priority.LOW);                     // load 2.5
        r.strategy(DispatchStrategies.LEAST_LOADED);
        Ticket t = r.open("alice", "谁最闲");
        assertThat(t.assignee()).isEqualTo("dave");
        assertThat(r.routing.assignmentExplanation(r.admin, t.id())).contains("least loaded: dave load 2.0 vs next 2.5 (erin)");
    }

    private static void assign(RoutingFixture r, String agent, Priority p) {
        Ticket t = r.create(NewTicket.builder("it", "手工 " + agent).priority(p).requester(dev.oakit.ticket.Requester.user("frank")));
        r.f.tickets.assign(r.admin, t.id(), agent);
    }

    @DbTest
    void skillMatchPicksAnAgentWithEverySkillAndOtherwiseLeavesTheTicketWaiting(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.f.queues.saveAgent(r.admin, Agent.of("carol").withSkills("vpn"));
        r.f.queues.saveAgent(r.admin, Agent.of("dave").withSkills("printer", "vpn"));
        r.strategy(DispatchStrategies.SKILL_MATCH);
        Ticket printer = r.create(NewTicket.builder("it", "卡纸").tags("skill:printer"));
        assertThat(printer.assignee()).isEqualTo("dave");
        Ticket vpn = r.create(NewTicket.builder("it", "VPN").tags("skill:vpn"));
        assertThat(vpn.assignee()).isEqualTo("carol"); // both have vpn; dave carries a ticket already
        Ticket sap = r.create(NewTicket.builder("it", "SAP 登录").tags("skill:sap"));
        assertThat(sap.assignee()).isNull();
        assertThat(sap.stateKind()).isEqualTo(StateKind.NEW);
        assertThat(r.history(sap.id(), TicketEventKind.DISPATCHED).get(0).body())
                .contains("no eligible agent has all of [sap]", "the ticket waits in the queue");
        assertThat(r.routing.assignmentExplanation(r.admin, sap.id())).isEmpty();
    }

    @DbTest
    void retainFamiliarKeepsTheRequestersAndTheParentsAgent(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.RETAIN_FAMILIAR);
        Ticket first = r.open("alice", "第一次");
        assertThat(first.assignee()).isEqualTo("carol");
        Ticket frank = r.open("frank", "弗兰克的");
        assertThat(frank.assignee()).isEqualTo("dave");
        Ticket again = r.open("alice", "又是我");
        assertThat(again.assignee()).isEqualTo("carol");
        assertThat(r.routing.assignmentExplanation(r.admin, again.id())).get().asString()
                .contains("carol handled an earlier ticket of requester alice");
        Ticket child = r.create(NewTicket.builder("it", "子任务").parent(frank.id()).requester(dev.oakit.ticket.Requester.user("alice")));
        assertThat(child.assignee()).isEqualTo("dave");
        assertThat(r.routing.assignmentExplanation(r.admin, child.id())).get().asString().contains("dave handled the parent ticket");
    }

    @DbTest
    void claimAndManualLeaveTicketsUnassignedAndSayWhy(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.strategy(DispatchStrategies.CLAIM);
        Ticket t = r.open("alice", "抢单");
        assertThat(t.assignee()).isNull();
        assertThat(r.history(t.id(), TicketEventKind.DISPATCHED).get(0).body()).startsWith("claim: agents claim tickets from the queue");
        Ticket claimed = r.f.tickets.claim(user("erin"), t.id());
        assertThat(r.routing.assignmentExplanation(r.admin, claimed.id())).get().asString().startsWith("claimed by erin at ");
        r.strategy(DispatchStrategies.MANUAL);
        Ticket m = r.open("alice", "派单员来");
        assertThat(m.assignee()).isNull();
        r.f.tickets.assign(user("bob"), m.id(), "dave");
        assertThat(r.routing.assignmentExplanation(r.admin, m.id())).get().asString().startsWith("assigned by bob (assign) at ");
    }

    @DbTest
    void offDutyInactiveAndFullAgentsNeverGetWorkAndRedispatchUsesFreedCapacity(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.LEAST_LOADED);
        r.f.queues.saveAgent(r.admin, Agent.of("erin").withCapacity(1));
        Ticket erins = r.open("frank", "给 erin");
        assertThat(erins.assignee()).isEqualTo("carol");
        r.f.tickets.reassign(r.admin, erins.id(), null, "erin", "试试容量");
        r.f.queues.setOnDuty(user("carol"), "carol", false);
        r.f.directory.deactivateUser(r.admin, "dave");
        for (int i = 0; i < 3; i++) {
            Ticket waiting = r.open("alice", "没人 " + i);
            assertThat(waiting.assignee()).isNull();
            assertThat(r.history(waiting.id(), TicketEventKind.DISPATCHED).get(0).body())
                    .isEqualTo("least-loaded: no eligible agent among 3 candidates; not eligible: carol off duty, dave inactive, erin full (1/1)");
        }
        // erin finishes: one ticket goes to her on redispatch, the others keep waiting
        r.f.tickets.resolve(user("erin"), erins.id(), "好了");
        List<Ticket> moved = r.routing.redispatch(r.admin, "desk");
        assertThat(moved).hasSize(1).allSatisfy(t -> assertThat(t.assignee()).isEqualTo("erin"));
        assertThat(moved.get(0).title()).isEqualTo("没人 0");
        r.f.queues.setOnDuty(user("carol"), "carol", true);
        assertThat(r.routing.redispatch(r.admin, "desk")).extracting(Ticket::assignee).containsExactly("carol", "carol");
    }

    @DbTest
    void anAgentWithACalendarIsOffDutyOutsideItsWorkingHours(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.ROUND_ROBIN);
        for (String a : List.of("carol", "dave", "erin")) {
            r.f.queues.saveAgent(r.admin, new Agent(a, null, 0, true, a.equals("erin") ? null : "cn-office"));
        }
        r.clock.advance(Duration.between(RoutingFixture.MONDAY_10, Instant.parse("2026-11-23T04:30:00Z"))); // 12:30, lunch
        assertThat(assignees(r, 2)).containsExactly("erin", "erin");
        r.clock.advance(Duration.ofHours(1)); // 13:30
        assertThat(assignees(r, 3)).containsExactly("carol", "dave", "erin");
    }
}

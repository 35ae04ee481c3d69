package dev.oakit.ticket.routing;

import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.RuleConditions;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaTarget;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Rules and policies are stored per tenant as JSON, validated against what exists, and route new tickets. */
class RoutingRulesTest {
    static final SlaPolicy STANDARD = SlaPolicy.builder("standard").calendar("cn-office")
            .targets("NORMAL", Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4))
            .targets("HIGH", Duration.ofMinutes(30), null, Duration.ofHours(2))
            .pausingStates("pending").warningShare(0.8)
            .escalation(EscalationStep.notify(SlaTarget.RESOLUTION, Duration.ofMinutes(-30)))
            .escalation(EscalationStep.reassignQueue(SlaTarget.RESOLUTION, Duration.ofHours(1), "fac"))
            .reopen(ReopenRule.RESUME).build();
    static final SlaPolicy GOLD = SlaPolicy.builder("gold").calendar("cn-office")
            .targets("URGENT", Duration.ofMinutes(15), null, Duration.ofHours(1)).reopen(ReopenRule.RESTART).build();

    static final DispatchRules RULES = DispatchRules.builder()
            .rule("printers", RuleConditions.any().categories("hw"), new DispatchOutcome("fac", "claim", "HIGH", "standard"))
            .rule("top-floor", RuleConditions.any().types("it").field("floor", 30), new DispatchOutcome(null, null, "URGENT", "gold"))
            .rule("mail", RuleConditions.any().channels("email"), DispatchOutcome.of("desk", "round-robin"))
            .otherwise(DispatchOutcome.of("desk", "manual"))
            .build();

    @DbTest
    void rulesAndPoliciesRoundTripAndAreEmptyUntilSaved(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        assertThat(r.routing.dispatchRules(r.admin)).satisfies(none -> {
            assertThat(none.rules()).isEmpty();
            assertThat(none.otherwise()).isNull();
        });
        assertThat(r.routing.slaPolicies(r.admin)).isEmpty();
        r.routing.saveSlaPolicy(r.admin, STANDARD);
        r.routing.saveSlaPolicy(r.admin, GOLD);
        r.routing.saveSlaPolicy(r.admin, STANDARD.withName("gold").withName("standard")); // same name replaces
        r.routing.saveDispatchRules(r.admin, RULES);
        assertThat(r.routing.dispatchRules(r.admin)).isEqualTo(RULES);
        assertThat(r.routing.slaPolicies(r.admin)).containsExactly(GOLD, STANDARD);
        assertThat(r.routing.dispatchRules(dev.oakit.core.Actor.admin("globex", "root")).rules()).isEmpty();
    }

    @DbTest
    void aMovedCategoryRoutesByItsNewPathAtOnceWhileAnUnchangedOneKeepsItsPath(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.routing.saveSlaPolicy(r.admin, STANDARD);
        r.routing.saveSlaPolicy(r.admin, GOLD);
        r.routing.saveDispatchRules(r.admin, RULES);
        for (int i = 0; i < 3; i++) { // the paths derived once per configuration serve every create of it
            assertThat(r.create(NewTicket.builder("it", "打印机卡纸 " + i).category("hw.printer")).queue()).isEqualTo("fac");
        }
        r.f.catalog.saveCategory(r.admin, dev.oakit.ticket.Category.of("hw.printer", "sw", "打印机"));
        Ticket moved = r.create(NewTicket.builder("it", "打印机卡纸").category("hw.printer"));
        assertThat(moved.queue()).isEqualTo("desk");
        assertThat(r.create(NewTicket.builder("it", "硬盘").category("hw")).queue()).isEqualTo("fac");
    }

    @DbTest
    void savingChecksStrategiesQueuesPrioritiesPoliciesAndCalendars(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        DispatchRules bad = DispatchRules.builder()
                .rule("a", RuleConditions.any(), new DispatchOutcome("nowhere", "fastest", "P9", "platinum"))
                .otherwise(DispatchOutcome.of("desk", "manual")).build();
        assertThatThrownBy(() -> r.routing.saveDispatchRules(r.admin, bad)).asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.paths()).containsExactly("rules[0].then.strategy"));
        DispatchRules unknown = DispatchRules.builder()
                .rule("a", RuleConditions.any(), new DispatchOutcome("nowhere", "manual", "P9", "platinum"))
                .otherwise(DispatchOutcome.of("desk", "manual")).build();
        assertThatThrownBy(() -> r.routing.saveDispatchRules(r.admin, unknown)).asInstanceOf(type(ValidationException.class))
                .satisfies(e -> {
                    assertThat(e.paths()).containsExactly("rules[0].then.queue", "rules[0].then.priority", "rules[0].then.slaPolicy");
                    assertThat(e).hasMessageContaining("queue 'nowhere' does not exist").hasMessageContaining("no SLA policy is named 'platinum'");
                });
        assertThatThrownBy(() -> r.routing.saveSlaPolicy(r.admin, SlaPolicy.builder("x").calendar("mars")
                .target("NORMAL", SlaTarget.RESOLUTION, Duration.ofHours(1)).reopen(ReopenRule.RESUME).build()))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.paths()).containsExactly("calendar"));
        assertThatThrownBy(() -> r.routing.saveDispatchRules(dev.oakit.ticket.TicketFixture.user("bob"), RULES))
                .isInstanceOf(dev.oakit.core.ForbiddenException.class);
    }

    @DbTest
    void rulesRouteNewTicketsToQueueStrategyPriorityAndPolicy(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.routing.saveSlaPolicy(r.admin, STANDARD);
        r.routing.saveSlaPolicy(r.admin, GOLD);
        r.routing.saveDispatchRules(r.admin, RULES);

        Ticket printer = r.create(NewTicket.builder("it", "打印机卡纸").category("hw.printer"));
        assertThat(printer).extracting(Ticket::queue, Ticket::priority, Ticket::slaPolicy, Ticket::assignee)
                .containsExactly("fac", Priority.HIGH, "standard", null);
        TicketEvent why = r.history(printer.id(), TicketEventKind.DISPATCHED).get(0);
        assertThat(why.detail()).containsEntry("strategy", "claim");
        assertThat(why.detail().get("routing").toString())
                .startsWith("rule 'printers' (#1) matched: category 'hw/hw.printer' under 'hw' → queue 'fac', strategy 'claim', priority 'HIGH'");

        Ticket top = r.create(NewTicket.builder("it", "30 楼断网").field("floor", 30));
        assertThat(top).extracting(Ticket::queue, Ticket::priority, Ticket::slaPolicy, Ticket::assignee)
                .containsExactly("desk", Priority.URGENT, "gold", null);
        assertThat(r.history(top.id(), TicketEventKind.CREATED).get(0).detail()).containsEntry("slaPolicy", "gold");

        Ticket mail = r.create(NewTicket.builder("repair", "邮件报修").channel("email"));
        assertThat(mail).extracting(Ticket::queue, Ticket::priority, Ticket::slaPolicy, Ticket::assignee)
                .containsExactly("desk", Priority.NORMAL, null, "carol");

        Ticket plain = r.create(NewTicket.builder("repair", "门坏了"));
        assertThat(plain).extracting(Ticket::queue, Ticket::slaPolicy, Ticket::assignee).containsExactly("desk", null, null);
        assertThat(r.history(plain.id(), TicketEventKind.DISPATCHED).get(0).body()).startsWith("manual: ");

        // a queue named by the request wins; the rules still set priority and policy, and the strategy of a rule routing there
        Ticket named = r.create(NewTicket.builder("it", "指定队列").channel("email").field("floor", 30).queue("fac"));
        assertThat(named).extracting(Ticket::queue, Ticket::priority, Ticket::slaPolicy).containsExactly("fac", Priority.URGENT, "gold");
        assertThat(r.history(named.id(), TicketEventKind.DISPATCHED).get(0).detail()).containsEntry("strategy", "claim");
    }

    @DbTest
    void withoutRulesTicketsAreCreatedAsBefore(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        Ticket t = r.open("alice", "没有规则");
        assertThat(t).extracting(Ticket::queue, Ticket::assignee, Ticket::slaPolicy).containsExactly("it", null, null);
        assertThat(r.history(t.id(), TicketEventKind.DISPATCHED)).isEmpty();
        assertThat(r.routing.sla(r.admin, t.id()).policy()).isNull();
        assertThat(r.routing.dispatchRules(r.admin)).isEqualTo(DispatchRules.none());
        assertThat(List.of(r.routing.sla(r.admin, t.id()).explain())).first().asString().startsWith("no SLA policy");
    }
}

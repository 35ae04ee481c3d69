package dev.oakit.ticket.dispatch;

import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;
import dev.oakit.ticket.spi.DispatchRequest;
import dev.oakit.ticket.spi.DispatchStrategy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One example per built-in strategy, with the explanation each gives. */
class DispatchStrategiesTest {
    static final Instant T = Instant.parse("2026-03-02T02:00:00Z");
    static final DispatchRequest PLAIN = DispatchRequest.builder().ticketType("incident").priority("NORMAL").build();

    static AgentCandidate agent(String id) {
        return AgentCandidate.of(id, 5);
    }

    @Test
    void manualAndClaimNeverAssign() {
        List<AgentCandidate> team = List.of(agent("ann"), agent("bob"));
        DispatchDecision manual = DispatchStrategies.manual().choose(PLAIN, team);
        assertThat(manual.assigned()).isFalse();
        assertThat(manual.agent()).isEmpty();
        assertThat(manual.explanation()).isEqualTo("manual: tickets of this queue wait for a dispatcher; nobody is assigned automatically");
        assertThat(DispatchStrategies.claim().choose(PLAIN, team).explanation())
                .isEqualTo("claim: agents claim tickets from the queue; nobody is assigned automatically");
    }

    @Test
    void roundRobinTakesTheEligibleAgentAssignedLeastRecently() {
        List<AgentCandidate> team = List.of(agent("ann").withLastAssignedAt(T.plusSeconds(60)), agent("bob").withLastAssignedAt(T),
                agent("cid").withLastAssignedAt(T.minusSeconds(60)).withOnDuty(false), agent("dan").withActive(false));
        DispatchDecision d = DispatchStrategies.roundRobin().choose(PLAIN, team);
        assertThat(d.agentId()).isEqualTo("bob");
        assertThat(d.strategy()).isEqualTo("round-robin");
        assertThat(d.explanation()).isEqualTo("round-robin: bob assigned least recently (2026-03-02T02:00:00Z vs next ann"
                + " 2026-03-02T02:01:00Z); not eligible: cid off duty, dan inactive");

        DispatchDecision fresh = DispatchStrategies.roundRobin().choose(PLAIN, List.of(agent("bob"), agent("ann"), agent("cid").withLastAssignedAt(T)));
        assertThat(fresh.agentId()).as("never assigned comes first, ties by user id").isEqualTo("ann");
        assertThat(fresh.explanation()).isEqualTo("round-robin: ann before bob by user id (both last assigned never)");
    }

    @Test
    void leastLoadedComparesWeightedLoadThenOpenTicketsThenRecency() {
        List<AgentCandidate> team = List.of(agent("ann").withOpen(2, 4.5), agent("bob").withOpen(3, 3.0), agent("cid").withOpen(5, 9));
        DispatchDecision d = DispatchStrategies.leastLoaded().choose(PLAIN, team);
        assertThat(d.agentId()).isEqualTo("bob");
        assertThat(d.explanation()).isEqualTo("least loaded: bob load 3.0 vs next 4.5 (ann); not eligible: cid full (5/5)");

        DispatchDecision tie = DispatchStrategies.leastLoaded().choose(PLAIN, List.of(agent("ann").withOpen(3, 3), agent("bob").withOpen(2, 3)));
        assertThat(tie.agentId()).isEqualTo("bob");
        assertThat(tie.explanation()).isEqualTo("least loaded: bob load 3.0, tied with ann; fewer open tickets (2 vs 3)");
    }

    @Test
    void nobodyIsAssignedWhenNobodyIsEligible() {
        List<AgentCandidate> team = List.of(agent("ann").withOpen(5, 5), agent("bob").withOnDuty(false));
        for (DispatchStrategy s : DispatchStrategies.builtIns()) {
            assertThat(s.choose(PLAIN, team).assigned()).as(s.name()).isFalse();
        }
        assertThat(DispatchStrategies.leastLoaded().choose(PLAIN, team).explanation())
                .isEqualTo("least-loaded: no eligible agent among 2 candidates; not eligible: ann full (5/5), bob off duty");
    }

    @Test
    void skillMatchPrefersAgentsWithEverySkillAndFallsBackAsConfigured() {
        List<AgentCandidate> team = List.of(agent("ann").withSkills("vpn").withOpen(0, 0), agent("bob").withSkills("vpn", "cisco").withOpen(4, 4),
                agent("cid").withSkills("vpn", "cisco", "linux").withOpen(2, 2));
        DispatchRequest vpn = DispatchRequest.builder().requiredSkills("vpn", "cisco").build();
        DispatchDecision d = DispatchStrategies.skillMatch(SkillFallback.REFUSE).choose(vpn, team);
        assertThat(d.agentId()).isEqualTo("cid");
        assertThat(d.explanation()).isEqualTo("skill match: 2 of 3 eligible agents have all of [cisco, vpn];"
                + " least loaded: cid load 2.0 vs next 4.0 (bob)");

        DispatchRequest sap = DispatchRequest.builder().requiredSkills("sap", "vpn").build();
        DispatchDecision refused = DispatchStrategies.skillMatch(SkillFallback.REFUSE).choose(sap, team);
        assertThat(refused.assigned()).isFalse();
        assertThat(refused.explanation()).isEqualTo("skill match: no eligible agent has all of [sap, vpn];"
                + " nobody assigned (fallback REFUSE), the ticket waits in the queue");

        DispatchDecision partial = DispatchStrategies.skillMatch(SkillFallback.BEST_PARTIAL).choose(sap, team);
        assertThat(partial.agentId()).isEqualTo("ann");
        assertThat(partial.strategy()).isEqualTo("skill-match-partial");
        assertThat(partial.explanation()).isEqualTo("skill match: no eligible agent has all of [sap, vpn];"
                + " best partial match has 1 of 2, least loaded: ann load 0.0 vs next 2.0 (cid)");

        DispatchRequest abap = DispatchRequest.builder().requiredSkills("abap").build();
        assertThat(DispatchStrategies.skillMatch(SkillFallback.BEST_PARTIAL).choose(abap, team).assigned()).isFalse();
        DispatchDecision any = DispatchStrategies.skillMatch(SkillFallback.ANY).choose(abap, team);
        assertThat(any.agentId()).isEqualTo("ann");
        assertThat(any.explanation()).startsWith("skill match: no eligible agent has all of [abap]; fallback ANY, least loaded: ann");
    }

    @Test
    void retainFamiliarKeepsTheParentsOrTheRequestersAgentWhenEligible() {
        List<AgentCandidate> team = List.of(agent("ann").withOnDuty(false), agent("bob").withOpen(4, 4), agent("cid"),
                agent("dan").withFamiliar(true).withOpen(1, 1));
        DispatchStrategy retain = DispatchStrategies.retainFamiliar(DispatchStrategies.leastLoaded());
        assertThat(retain.name()).isEqualTo("retain-familiar");

        DispatchDecision parent = retain.choose(DispatchRequest.builder().parentAgentId("bob").build(), team);
        assertThat(parent.agentId()).isEqualTo("bob");
        assertThat(parent.explanation()).isEqualTo("retain familiar: bob handled the parent ticket");

        DispatchDecision requester = retain.choose(DispatchRequest.builder().requesterId("r-7").parentAgentId("ann")
                .requesterAgents("zed", "cid").build(), team);
        assertThat(requester.agentId()).isEqualTo("cid");
        assertThat(requester.explanation()).isEqualTo("retain familiar: the parent ticket's agent ann is off duty,"
                + " the requester's earlier agent zed is not in this queue; cid handled an earlier ticket of requester r-7");

        DispatchDecision familiar = retain.choose(PLAIN, team);
        assertThat(familiar.agentId()).isEqualTo("dan");
        assertThat(familiar.explanation()).isEqualTo("retain familiar: 1 eligible agent(s) marked familiar, least loaded:"
                + " dan load 1.0, the only one; not eligible: ann off duty");

        DispatchStrategy viaRoundRobin = DispatchStrategies.retainFamiliar(DispatchStrategies.roundRobin());
        assertThat(viaRoundRobin.name()).isEqualTo("retain-familiar+round-robin");
        DispatchDecision fallback = viaRoundRobin.choose(DispatchRequest.builder().parentAgentId("ann").build(),
                List.of(agent("ann").withActive(false), agent("bob")));
        assertThat(fallback.agentId()).isEqualTo("bob");
        assertThat(fallback.explanation()).isEqualTo("retain familiar: the parent ticket's agent ann is inactive;"
                + " fallback round-robin: bob is the only one (last assigned never); not eligible: ann inactive");
    }

    @Test
    void theRegistryFindsStrategiesByNameAndRejectsDuplicates() {
        DispatchStrategy vip = new DutyManagerStrategy();
        DispatchStrategies registry = DispatchStrategies.of(vip);
        assertThat(registry.names()).containsExactly("manual", "claim", "round-robin", "least-loaded", "skill-match",
                "skill-match-partial", "skill-match-any", "retain-familiar", "duty-manager");
        assertThat(registry.get("duty-manager")).isSameAs(vip);
        assertThat(vip.choose(PLAIN, List.of(agent("ann"), agent("max").withSkills("manager"))).explanation())
                .isEqualTo("duty-manager: max is the manager on duty");
        assertThatThrownBy(() -> registry.get("random")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No dispatch strategy 'random'; use one of [manual, claim");
        assertThatThrownBy(() -> DispatchStrategies.of(DispatchStrategies.manual()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("strategies[0].name: 'manual' is already taken");
    }

    @Test
    void priorityWeightsTurnOpenTicketsIntoLoad() {
        PriorityWeights w = PriorityWeights.of(Map.of("LOW", 0.5, "HIGH", 3.0, "URGENT", 5.0));
        assertThat(w.load(Map.of("LOW", 2, "NORMAL", 1, "URGENT", 1))).isEqualTo(7.0);
        assertThat(w.weight(null)).isEqualTo(1.0);
        assertThat(PriorityWeights.uniform().load(Map.of("HIGH", 3))).isEqualTo(3.0);
        assertThatThrownBy(() -> new PriorityWeights(Map.of("HIGH", -1.0), Double.NaN)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).paths()).containsExactly("weights.HIGH", "otherwise"));
        assertThatThrownBy(() -> AgentCandidate.of("ann", -1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("capacity: must be 0 or more");
    }
}

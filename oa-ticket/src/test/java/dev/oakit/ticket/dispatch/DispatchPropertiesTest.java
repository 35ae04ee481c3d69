package dev.oakit.ticket.dispatch;

import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;
import dev.oakit.ticket.spi.DispatchRequest;
import dev.oakit.ticket.spi.DispatchStrategy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Fairness, load, caps and eligibility of the built-in strategies, and first-match rules, over random inputs. */
class DispatchPropertiesTest {
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final List<String> SKILLS = List.of("vpn", "printer", "sap", "linux");
    static final List<String> PRIORITIES = List.of("LOW", "NORMAL", "HIGH", "URGENT");
    static final PriorityWeights WEIGHTS = PriorityWeights.of(Map.of("LOW", 0.5, "NORMAL", 1.0, "HIGH", 2.0, "URGENT", 4.0));
    static final List<DispatchStrategy> AUTOMATIC = DispatchStrategies.builtIns().stream()
            .filter(s -> !s.name().equals(DispatchStrategies.MANUAL) && !s.name().equals(DispatchStrategies.CLAIM)).toList();

    // ------------------------------------------------------------------ generators

    /** Agents a0..a(n-1) with random state; loads on a coarse grid so that ties happen. */
    @Provide
    Arbitrary<List<AgentCandidate>> teams() {
        Arbitrary<AgentCandidate> agent = Combinators.combine(
                Arbitraries.of(true, true, true, false), Arbitraries.of(true, true, true, false),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(-1, 5),
                SKILLS.isEmpty() ? Arbitraries.just(Set.<String>of()) : Arbitraries.of(SKILLS).set().ofMaxSize(3),
                Arbitraries.of(true, false, false)
        ).as((active, onDuty, capacity, open, halfLoad, lastMinute, skills, familiar) ->
                new AgentCandidate("x", active, onDuty, skills, capacity, Math.min(open, capacity), halfLoad / 2.0,
                        lastMinute < 0 ? null : T0.plusSeconds(60L * lastMinute), familiar));
        return agent.list().ofMinSize(1).ofMaxSize(7).map(DispatchPropertiesTest::named);
    }

    static List<AgentCandidate> named(List<AgentCandidate> agents) {
        List<AgentCandidate> out = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            AgentCandidate a = agents.get(i);
            out.add(new AgentCandidate("a" + i, a.active(), a.onDuty(), a.skills(), a.capacity(), a.openTickets(), a.load(),
                    a.lastAssignedAt(), a.familiar()));
        }
        return out;
    }

    @Provide
    Arbitrary<DispatchRequest> requests() {
        return Combinators.combine(Arbitraries.of(PRIORITIES), Arbitraries.of(SKILLS).set().ofMaxSize(2),
                        Arbitraries.integers().between(-1, 7), Arbitraries.integers().between(0, 7).list().ofMaxSize(3))
                .as((priority, skills, parent, earlier) -> DispatchRequest.builder().priority(priority)
                        .requiredSkills(skills.toArray(String[]::new)).requesterId("r")
                        .parentAgentId(parent < 0 ? null : "a" + parent)
                        .requesterAgents(earlier.stream().map(i -> "a" + i).toArray(String[]::new)).build());
    }

    @Provide
    Arbitrary<DispatchStrategy> automatic() {
        return Arbitraries.of(AUTOMATIC);
    }

    // ------------------------------------------------------------------ round-robin

    @Property(tries = 300)
    void roundRobinGivesEachAgentOfAFixedEligibleSetExactlyKOfKTimesNAssignments(
            @ForAll @IntRange(min = 1, max = 8) int n, @ForAll @IntRange(min = 1, max = 5) int k,
            @ForAll @Size(max = 8) List<@IntRange(min = -1, max = 100) Integer> history,
            @ForAll @IntRange(max = 3) int ineligible) {
        List<AgentCandidate> team = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer last = i < history.size() ? history.get(i) : null;
            team.add(AgentCandidate.of("a" + i, AgentCandidate.UNLIMITED)
                    .withLastAssignedAt(last == null || last < 0 ? null : T0.minusSeconds(60L * last)));
        }
        for (int i = 0; i < ineligible; i++) {
            team.add(AgentCandidate.of("off" + i, 3).withOnDuty(i % 2 == 0).withActive(i % 2 == 1));
        }
        Map<String, Integer> got = new HashMap<>();
        for (int turn = 1; turn <= k * n; turn++) {
            DispatchDecision d = DispatchStrategies.roundRobin().choose(DispatchRequest.builder().build(), team);
            got.merge(d.agentId(), 1, Integer::sum);
            team = assign(team, d.agentId(), T0.plusSeconds(turn), 1);
        }
        assertThat(got).hasSize(n).allSatisfy((agent, count) -> assertThat(count).as(agent).isEqualTo(k));
    }

    @Property(tries = 300)
    void roundRobinMakesNoContinuouslyEligibleAgentWaitMoreThanNTurns(
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @Size(min = 1, max = 60) List<@IntRange(max = 63) Integer> onDutyMasks) {
        List<AgentCandidate> team = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            team.add(AgentCandidate.of("a" + i, AgentCandidate.UNLIMITED));
        }
        int[] waited = new int[n];
        int turn = 0;
        for (int mask : onDutyMasks) {
            turn++;
            for (int i = 0; i < n; i++) {
                team.set(i, team.get(i).withOnDuty((mask >> i & 1) == 1));
            }
            DispatchDecision d = DispatchStrategies.roundRobin().choose(DispatchRequest.builder().build(), team);
            assertThat(d.assigned()).isEqualTo(team.stream().anyMatch(AgentCandidate::eligible));
            for (int i = 0; i < n; i++) {
                AgentCandidate a = team.get(i);
                waited[i] = !a.eligible() || a.userId().equals(d.agentId()) ? 0 : waited[i] + 1;
                assertThat(waited[i]).as("%s waited while eligible", a.userId()).isLessThan(n);
            }
            if (d.assigned()) {
                team = assign(team, d.agentId(), T0.plusSeconds(turn), 1);
            }
        }
    }

    // ------------------------------------------------------------------ least loaded, eligibility, caps

    @Property(tries = 500)
    void leastLoadedNeverPicksAnAgentWithMoreLoadThanAnotherEligibleOne(@ForAll("teams") List<AgentCandidate> team) {
        DispatchDecision d = DispatchStrategies.leastLoaded().choose(DispatchRequest.builder().build(), team);
        List<AgentCandidate> eligible = team.stream().filter(AgentCandidate::eligible).toList();
        assertThat(d.assigned()).isEqualTo(!eligible.isEmpty());
        if (d.assigned()) {
            AgentCandidate chosen = find(team, d.agentId());
            assertThat(eligible).allSatisfy(other -> assertThat(chosen.load()).isLessThanOrEqualTo(other.load()));
        }
    }

    @Property(tries = 500)
    void noStrategyChoosesAnIneligibleAgentAndTheOrderOfCandidatesDoesNotMatter(
            @ForAll("automatic") DispatchStrategy strategy, @ForAll("teams") List<AgentCandidate> team,
            @ForAll("requests") DispatchRequest request, @ForAll long seed) {
        DispatchDecision d = strategy.choose(request, team);
        if (d.assigned()) {
            assertThat(find(team, d.agentId()).eligible()).as(d.explanation()).isTrue();
        } else {
            assertThat(d.explanation()).isNotBlank();
        }
        List<AgentCandidate> shuffled = new ArrayList<>(team);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(strategy.choose(request, shuffled)).isEqualTo(d);
        for (DispatchStrategy never : List.of(DispatchStrategies.manual(), DispatchStrategies.claim())) {
            assertThat(never.choose(request, team).assigned()).isFalse();
        }
    }

    /** One step of a random day: dispatch a ticket, close one, or change someone's duty. */
    record Op(int kind, int agent, DispatchRequest request, DispatchStrategy strategy) {
    }

    @Provide
    Arbitrary<List<Op>> days() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 6), requests(), automatic())
                .as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void capacityCapsHoldOverAnySequenceOfAssignAndClose(@ForAll("teams") List<AgentCandidate> start, @ForAll("days") List<Op> ops) {
        List<AgentCandidate> team = new ArrayList<>(start);
        Map<String, List<String>> openPriorities = new HashMap<>();
        int second = 0;
        for (Op op : ops) {
            second++;
            int i = op.agent() % team.size();
            if (op.kind() < 6) {
                DispatchDecision d = op.strategy().choose(op.request(), team);
                if (d.assigned()) {
                    assertThat(find(team, d.agentId()).eligible()).as(d.explanation()).isTrue();
                    team = assign(team, d.agentId(), T0.plusSeconds(second), WEIGHTS.weight(op.request().priority()));
                    openPriorities.computeIfAbsent(d.agentId(), a -> new ArrayList<>()).add(op.request().priority());
                }
            } else if (op.kind() < 8) {
                List<String> open = openPriorities.getOrDefault(team.get(i).userId(), new ArrayList<>());
                if (!open.isEmpty()) {
                    team.set(i, team.get(i).released(WEIGHTS.weight(open.remove(0))));
                }
            } else {
                team.set(i, team.get(i).withOnDuty(!team.get(i).onDuty()));
            }
            assertThat(team).allSatisfy(a -> assertThat(a.openTickets()).as(a.userId()).isLessThanOrEqualTo(a.capacity()));
        }
    }

    static AgentCandidate find(List<AgentCandidate> team, String id) {
        return team.stream().filter(a -> a.userId().equals(id)).findFirst().orElseThrow();
    }

    static List<AgentCandidate> assign(List<AgentCandidate> team, String id, Instant at, double weight) {
        List<AgentCandidate> out = new ArrayList<>(team);
        out.replaceAll(a -> a.userId().equals(id) ? a.assigned(at, weight) : a);
        return out;
    }

    // ------------------------------------------------------------------ rules

    static final List<String> TYPES = List.of("incident", "request", "change");
    static final List<String> CATEGORIES = List.of("it", "it/network", "it/network/vpn", "it/printer", "hr");
    static final List<String> CHANNELS = List.of("email", "api", "phone");

    @Provide
    Arbitrary<RuleConditions> conditions() {
        return Combinators.combine(Arbitraries.of(TYPES).set().ofMaxSize(2), Arbitraries.of(CATEGORIES).set().ofMaxSize(2),
                        Arbitraries.of(PRIORITIES).set().ofMaxSize(2), Arbitraries.of(CHANNELS).set().ofMaxSize(1),
                        Arbitraries.of("BJ", "SH", "GZ").set().ofMaxSize(2))
                .as((types, categories, priorities, channels, sites) -> new RuleConditions(types, List.copyOf(categories),
                        priorities, channels, sites.isEmpty() ? Map.of() : Map.of("site", List.copyOf(sites))));
    }

    @Provide
    Arbitrary<DispatchRules> ruleSets() {
        return conditions().list().ofMaxSize(6).map(cs -> {
            DispatchRules.Builder b = DispatchRules.builder().otherwise(DispatchOutcome.of("default", "manual"));
            for (int i = 0; i < cs.size(); i++) {
                b.rule("r" + i, cs.get(i), DispatchOutcome.of("q" + i, "round-robin"));
            }
            return b.build();
        });
    }

    @Provide
    Arbitrary<DispatchRequest> tickets() {
        return Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(CATEGORIES), Arbitraries.of(PRIORITIES),
                        Arbitraries.of(CHANNELS), Arbitraries.of("BJ", "SH", "GZ"))
                .as((type, category, priority, channel, site) -> DispatchRequest.builder().ticketType(type).category(category)
                        .priority(priority).channel(channel).field("site", site).build());
    }

    @Property(tries = 500)
    void theFirstMatchingRuleWinsDeterministically(@ForAll("ruleSets") DispatchRules rules, @ForAll("tickets") DispatchRequest ticket) {
        RuleMatch m = rules.evaluate(ticket);
        assertThat(rules.evaluate(ticket)).isEqualTo(m);
        for (int i = 0; i < rules.rules().size(); i++) {
            boolean alone = !new DispatchRules(List.of(rules.rules().get(i)), rules.otherwise()).evaluate(ticket).isDefault();
            if (m.isDefault() || i < m.index()) {
                assertThat(alone).as("rule %d matches alone but an earlier or no rule won", i).isFalse();
            } else if (i == m.index()) {
                assertThat(alone).isTrue();
                assertThat(m.outcome().queue()).isEqualTo("q" + i);
            }
        }
        // rules after the winner do not matter
        int keep = m.isDefault() ? rules.rules().size() : m.index() + 1;
        assertThat(new DispatchRules(rules.rules().subList(0, keep), rules.otherwise()).evaluate(ticket)).isEqualTo(m);
    }
}

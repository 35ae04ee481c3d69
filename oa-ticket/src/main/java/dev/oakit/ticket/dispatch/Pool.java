package dev.oakit.ticket.dispatch;

import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The candidates split into eligible and not, plus the orders and words every built-in strategy shares. */
final class Pool {
    /** Least recently assigned first (never assigned before anyone), then by user id. */
    static final Comparator<AgentCandidate> RECENCY = Comparator
            .comparing(AgentCandidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(AgentCandidate::userId);
    /** Least load first, then fewer open tickets, then {@link #RECENCY}. */
    static final Comparator<AgentCandidate> LOAD = Comparator.comparingDouble(AgentCandidate::load)
            .thenComparingInt(AgentCandidate::openTickets)
            .thenComparing(RECENCY);

    final List<AgentCandidate> all;
    final List<AgentCandidate> eligible = new ArrayList<>();
    final List<AgentCandidate> excluded = new ArrayList<>();

    Pool(List<AgentCandidate> candidates) {
        this.all = candidates;
        for (AgentCandidate c : candidates) {
            (c.eligible() ? eligible : excluded).add(c);
        }
    }

    /** @return {@code ; not eligible: dave inactive, erin full (5/5)} (by user id), or empty when everyone is eligible */
    String excludedText() {
        if (excluded.isEmpty()) {
            return "";
        }
        return "; not eligible: " + excluded.stream().sorted(Comparator.comparing(AgentCandidate::userId)).map(c -> c.userId() + " " + c.ineligibility().orElseThrow())
                .collect(Collectors.joining(", "));
    }

    DispatchDecision nobodyEligible(String strategy) {
        return DispatchDecision.nobody(strategy, strategy + ": no eligible agent among " + all.size() + " candidate"
                + (all.size() == 1 ? "" : "s") + excludedText());
    }

    /** @return the least loaded of {@code agents} (not empty) and the comparison that chose them */
    static Choice leastLoaded(List<AgentCandidate> agents) {
        List<AgentCandidate> sorted = agents.stream().sorted(LOAD).toList();
        AgentCandidate best = sorted.get(0);
        String text = "least loaded: " + best.userId() + " load " + load(best.load());
        if (sorted.size() == 1) {
            return new Choice(best, text + ", the only one");
        }
        AgentCandidate next = sorted.get(1);
        if (best.load() < next.load()) {
            return new Choice(best, text + " vs next " + load(next.load()) + " (" + next.userId() + ")");
        }
        text += ", tied with " + next.userId();
        if (best.openTickets() < next.openTickets()) {
            return new Choice(best, text + "; fewer open tickets (" + best.openTickets() + " vs " + next.openTickets() + ")");
        }
        return new Choice(best, text + "; " + recency(best, next));
    }

    /** @return the least recently assigned of {@code agents} (not empty) and the comparison that chose them */
    static Choice leastRecent(List<AgentCandidate> agents) {
        List<AgentCandidate> sorted = agents.stream().sorted(RECENCY).toList();
        AgentCandidate best = sorted.get(0);
        if (sorted.size() == 1) {
            return new Choice(best, best.userId() + " is the only one (last assigned " + when(best.lastAssignedAt()) + ")");
        }
        return new Choice(best, recency(best, sorted.get(1)));
    }

    private static String recency(AgentCandidate best, AgentCandidate next) {
        if (java.util.Objects.equals(best.lastAssignedAt(), next.lastAssignedAt())) {
            return best.userId() + " before " + next.userId() + " by user id (both last assigned " + when(best.lastAssignedAt()) + ")";
        }
        return best.userId() + " assigned least recently (" + when(best.lastAssignedAt()) + " vs next " + next.userId() + " "
                + when(next.lastAssignedAt()) + ")";
    }

    private static String when(Instant at) {
        return at == null ? "never" : at.toString();
    }

    /** @return a load with one to three decimals, e.g. {@code 3.0}, {@code 4.5}, {@code 0.333} */
    static String load(double load) {
        BigDecimal d = BigDecimal.valueOf(load).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
    }

    /** An agent and why. */
    record Choice(AgentCandidate agent, String why) {
        DispatchDecision decide(String strategy, String prefix, Pool pool) {
            return DispatchDecision.assign(strategy, agent.userId(), prefix + why + pool.excludedText());
        }
    }
}

package dev.oakit.workflow.internal.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Resolves who gets a new task of {@code userId} given the proxy rules in force: follows the
 * chain A→B→C and picks the last available person on it; on a loop, or when nobody on the chain
 * is available, the task stays with A. A pure function of the rules, so properties can test it.
 */
public final class ProxyChain {
    private ProxyChain() {
    }

    /** A proxy rule: {@code userId}'s new tasks of {@code keys} (all when empty) in {@code [from, until)} go to {@code proxyId}. */
    public record Rule(long id, String userId, String proxyId, Instant from, Instant until, List<String> keys) {
        boolean covers(String processKey, Instant at) {
            return !at.isBefore(from) && at.isBefore(until) && (keys.isEmpty() || keys.contains(processKey));
        }
    }

    /**
     * The outcome.
     *
     * @param userId who gets the task
     * @param principal the approver the task is for when a proxy gets it, else null
     * @param chain the users passed, starting with the original approver
     * @param loop true when the chain came back to someone on it
     */
    public record Result(String userId, String principal, List<String> chain, boolean loop) {
    }

    /**
     * @param rules the rules of the tenant (any order; revoked ones left out)
     * @param available whether a user may get tasks now (active, not absent)
     */
    public static Result resolve(List<Rule> rules, String userId, String processKey, Instant at, Predicate<String> available) {
        List<String> chain = new ArrayList<>();
        chain.add(userId);
        String current = userId;
        while (true) {
            Rule rule = first(rules, current, processKey, at);
            if (rule == null) {
                break;
            }
            if (chain.contains(rule.proxyId())) {
                chain.add(rule.proxyId());
                return new Result(userId, null, List.copyOf(chain), true);
            }
            chain.add(rule.proxyId());
            current = rule.proxyId();
        }
        for (int i = chain.size() - 1; i >= 1; i--) {
            String candidate = chain.get(i);
            if (first(rules, candidate, processKey, at) == null && available.test(candidate)) {
                return new Result(candidate, userId, List.copyOf(chain), false);
            }
        }
        return new Result(userId, null, List.copyOf(chain), false);
    }

    private static Rule first(List<Rule> rules, String userId, String processKey, Instant at) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.userId().equals(userId) && r.covers(processKey, at) && (best == null || r.id() > best.id())) {
                best = r; // the newest rule wins
            }
        }
        return best;
    }
}

package dev.oakit.ticket.dispatch;

import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.ticket.TicketErrors;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much an open ticket of each priority weighs in an agent's load (least-loaded and skill
 * match compare loads): {@code load = Σ weight(priority) × open tickets of that priority}. Plain
 * data, readable by Jackson. Immutable and thread-safe.
 *
 * @param weights priority name → weight; finite and 0 or more
 * @param otherwise the weight of a priority not listed (and of a ticket without priority); finite and 0 or more
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PriorityWeights(Map<String, Double> weights, double otherwise) {

    /**
     * Validates and copies.
     *
     * @throws ValidationException naming {@code weights.<priority>} or {@code otherwise}
     */
    public PriorityWeights {
        List<Problem> problems = new ArrayList<>();
        Map<String, Double> copy = new LinkedHashMap<>();
        if (weights != null) {
            weights.forEach((priority, weight) -> {
                if (priority == null || priority.isBlank()) {
                    problems.add(new Problem("weights", "a priority name is missing or blank"));
                } else if (!valid(weight)) {
                    problems.add(new Problem("weights." + priority, "must be a finite number, 0 or more, e.g. 2.0; was " + weight));
                } else {
                    copy.put(priority, weight);
                }
            });
        }
        if (!valid(otherwise)) {
            problems.add(new Problem("otherwise", "must be a finite number, 0 or more, e.g. 1.0; was " + otherwise));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(TicketErrors.PRIORITY_WEIGHTS_INVALID, "priority weights", problems);
        }
        weights = Collections.unmodifiableMap(copy);
    }

    private static boolean valid(Double w) {
        return w != null && w >= 0 && !w.isInfinite();
    }

    /** @return every ticket weighs 1: load is the open ticket count */
    public static PriorityWeights uniform() {
        return new PriorityWeights(Map.of(), 1.0);
    }

    /** @return the given weights, 1 for any other priority */
    public static PriorityWeights of(Map<String, Double> weights) {
        return new PriorityWeights(weights, 1.0);
    }

    /** @return the weight of one open ticket of {@code priority} (null: {@link #otherwise()}) */
    public double weight(String priority) {
        Double w = priority == null ? null : weights.get(priority);
        return w == null ? otherwise : w;
    }

    /**
     * @param openByPriority an agent's open ticket count per priority; not null
     * @return the agent's load
     */
    public double load(Map<String, Integer> openByPriority) {
        double load = 0;
        for (Map.Entry<String, Integer> e : openByPriority.entrySet()) {
            load += weight(e.getKey()) * e.getValue();
        }
        return load;
    }
}

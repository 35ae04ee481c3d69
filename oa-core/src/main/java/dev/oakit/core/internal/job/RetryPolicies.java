package dev.oakit.core.internal.job;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The retry policy of every job type: the one its handler declares (else the ordinary one), with the configured overrides. */
public final class RetryPolicies {
    private final RetryPolicy ordinary;
    private final Map<String, RetryPolicy> byType;

    private RetryPolicies(RetryPolicy ordinary, Map<String, RetryPolicy> byType) {
        this.ordinary = ordinary;
        this.byType = Map.copyOf(byType);
    }

    /** @return the retry policy of ordinary jobs: the configured values, doubling, ±25 %, no time budget */
    static RetryPolicy ordinary(CoreConfig.Jobs config) {
        return new RetryPolicy(config.backoffBase(), 2, config.backoffMax(), 0.25, config.maxAttempts(), null);
    }

    /** @return the policy with the values the override gives put over {@code base} */
    static RetryPolicy over(CoreConfig.Retry override, RetryPolicy base) {
        return new RetryPolicy(
                override.initialInterval() == null ? base.initialInterval() : override.initialInterval(),
                override.multiplier() == null ? base.multiplier() : override.multiplier(),
                override.maxInterval() == null ? base.maxInterval() : override.maxInterval(),
                override.jitter() == null ? base.jitter() : override.jitter(),
                override.maxAttempts() == null ? base.maxAttempts() : override.maxAttempts(),
                override.budget() == null ? base.budget() : override.budget());
    }

    /**
     * @param handlers every installed handler by job type
     * @throws ConfigurationException naming each override of a type no handler runs and each value that does not fit
     */
    public static RetryPolicies of(CoreConfig.Jobs config, Map<String, JobHandler> handlers) {
        RetryPolicy ordinary = ordinary(config);
        Map<String, RetryPolicy> byType = new HashMap<>();
        List<String> problems = new ArrayList<>();
        handlers.forEach((type, h) -> {
            RetryPolicy declared = h.retryPolicy();
            if (declared != null) {
                byType.put(type, declared);
            }
        });
        config.retry().forEach((type, override) -> {
            if (override == null) {
                return; // reported by CoreConfig.Jobs.problems()
            }
            if (!handlers.containsKey(type)) {
                problems.add(CoreConfig.Retry.path(type, "") + " names a job type that no installed handler runs; installed types: "
                        + new TreeSet<>(handlers.keySet()));
                return;
            }
            try {
                byType.put(type, over(override, byType.getOrDefault(type, ordinary)));
            } catch (ValidationException e) {
                for (ValidationException.Problem p : e.problems()) {
                    problems.add(CoreConfig.Retry.path(type, p.path()) + " " + p.message());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new RetryPolicies(ordinary, byType);
    }

    /** @return the policy of the job type; the ordinary one for types without their own */
    public RetryPolicy forType(String type) {
        return byType.getOrDefault(type, ordinary);
    }
}

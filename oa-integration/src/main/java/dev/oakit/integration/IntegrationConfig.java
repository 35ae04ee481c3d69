package dev.oakit.integration;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the integration plugin, from the {@code integration} namespace. Every component
 * may be null for its default.
 *
 * @param callTimeout the longest one remote call may take, the whole exchange (default 30 s)
 * @param lease how long a worker holds a write it claimed; at least twice {@code callTimeout}, so no
 *     other worker takes a write over while a call on it may still run (default 2 minutes)
 * @param maxAttempts worker attempts of a write before it becomes a dead letter (default 20)
 * @param retryInitial the wait before the first retry, doubling per retry with ±25 % jitter (default 2 s)
 * @param retryMax the longest wait between two attempts (default 15 minutes)
 * @param targets per connector id: its request budget and circuit breaker; a target not named gets {@link Target#defaults()}
 * @param retention how long inbox deliveries and dead letters are kept ({@link Retention#defaults()} when absent)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IntegrationConfig(Duration callTimeout, Duration lease, Integer maxAttempts, Duration retryInitial, Duration retryMax,
                                Map<String, Target> targets, Retention retention) {
    /**
     * One remote target's limits.
     *
     * @param requests calls per {@code per} that all nodes together may make to it, counted in the
     *     database; null (the default) for no budget
     * @param per the budget's window (default one minute)
     * @param failureRate percentage of failed calls (retryable or ambiguous ones; a permanent refusal is an
     *     answer, not a failure) that opens the circuit (default 50)
     * @param minimumCalls calls the failure rate is measured over, the last ones (default 10)
     * @param openFor how long an open circuit holds every call back before it lets a few through (default 30 s)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Target(Integer requests, Duration per, Integer failureRate, Integer minimumCalls, Duration openFor) {
        /** Fills defaults and checks values. */
        public Target {
            per = per == null ? Duration.ofMinutes(1) : per;
            failureRate = failureRate == null ? 50 : failureRate;
            minimumCalls = minimumCalls == null ? 10 : minimumCalls;
            openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
            if (requests != null && requests < 1) {
                throw new IllegalArgumentException("integration.targets.*.requests must be at least 1 (or absent for no budget), was " + requests);
            }
            if (per.toMillis() < 1000 || per.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("integration.targets.*.per must be 1 second to 1 day, was " + per);
            }
            if (failureRate < 1 || failureRate > 100) {
                throw new IllegalArgumentException("integration.targets.*.failureRate must be 1 to 100 (percent), was " + failureRate);
            }
            if (minimumCalls < 1) {
                throw new IllegalArgumentException("integration.targets.*.minimumCalls must be at least 1, was " + minimumCalls);
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("integration.targets.*.openFor must be positive, was " + openFor);
            }
        }

        /** @return no budget, the default circuit breaker */
        public static Target defaults() {
            return new Target(null, null, null, null, null);
        }
    }

    /**
     * What the retention purge ({@code DeadLetters.purge}, and its recurring job) deletes.
     *
     * @param inboxDeliveries inbound deliveries older than this are forgotten: a sender's retry of one after that is
     *     no longer recognised by its delivery id, only by entity and version (default 30 days)
     * @param deadLetters resolved dead letters (replayed) older than this are deleted (default 90 days)
     * @param purgeUnresolved also delete dead letters older than {@code deadLetters} that were never replayed (default false)
     * @param every how often the recurring purge runs once scheduled (default one day)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Retention(Duration inboxDeliveries, Duration deadLetters, Boolean purgeUnresolved, Duration every) {
        /** Fills defaults and checks values. */
        public Retention {
            inboxDeliveries = inboxDeliveries == null ? Duration.ofDays(30) : inboxDeliveries;
            deadLetters = deadLetters == null ? Duration.ofDays(90) : deadLetters;
            purgeUnresolved = purgeUnresolved != null && purgeUnresolved;
            every = every == null ? Duration.ofDays(1) : every;
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (inboxDeliveries.compareTo(Duration.ofMinutes(1)) < 0) {
                problems.add("integration.retention.inboxDeliveries must be at least PT1M, was " + inboxDeliveries);
            }
            if (deadLetters.compareTo(Duration.ofMinutes(1)) < 0) {
                problems.add("integration.retention.deadLetters must be at least PT1M, was " + deadLetters);
            }
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add("integration.retention.every must be at least PT1S, was " + every);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        /** @return 30 days of deliveries, 90 days of resolved dead letters, unresolved ones kept, daily */
        public static Retention defaults() {
            return new Retention(null, null, null, null);
        }
    }

    /** @return the limits of a target */
    public Target target(String id) {
        return targets.getOrDefault(id, Target.defaults());
    }

    /** Fills defaults and checks values. */
    public IntegrationConfig {
        callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        maxAttempts = maxAttempts == null ? 20 : maxAttempts;
        retryInitial = retryInitial == null ? Duration.ofSeconds(2) : retryInitial;
        retryMax = retryMax == null ? Duration.ofMinutes(15) : retryMax;
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        retention = retention == null ? Retention.defaults() : retention;
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("integration.callTimeout must be positive, was " + callTimeout);
        }
        if (lease.compareTo(callTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("integration.lease must be at least twice integration.callTimeout (" + callTimeout
                    + "), was " + lease + "; a shorter lease lets another worker take a write over while a call may still run");
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("integration.maxAttempts must be 1 to 1000, was " + maxAttempts);
        }
        if (retryInitial.isNegative() || retryMax.compareTo(retryInitial) < 0 || retryMax.isZero()) {
            throw new IllegalArgumentException("integration.retryMax must be positive and at least integration.retryInitial, was "
                    + retryInitial + " / " + retryMax);
        }
    }

    /** @return the defaults */
    public static IntegrationConfig defaults() {
        return new IntegrationConfig(null, null, null, null, null, null, null);
    }
}

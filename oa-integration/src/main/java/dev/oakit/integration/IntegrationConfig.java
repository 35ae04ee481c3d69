package dev.oakit.integration;

import org.apiguardian.api.API;

import java.time.Duration;

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
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record IntegrationConfig(Duration callTimeout, Duration lease, Integer maxAttempts, Duration retryInitial, Duration retryMax) {
    /** Fills defaults and checks values. */
    public IntegrationConfig {
        callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        maxAttempts = maxAttempts == null ? 20 : maxAttempts;
        retryInitial = retryInitial == null ? Duration.ofSeconds(2) : retryInitial;
        retryMax = retryMax == null ? Duration.ofMinutes(15) : retryMax;
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
        return new IntegrationConfig(null, null, null, null, null);
    }
}

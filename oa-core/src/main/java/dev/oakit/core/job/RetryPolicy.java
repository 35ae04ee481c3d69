package dev.oakit.core.job;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a failed job is tried again, and when it is given up as dead. The n-th retry waits
 * {@code initialInterval × multiplier^(n-1)}, capped at {@code maxInterval}, spread by
 * ±{@code jitter} (a fraction: 0.25 is ±25 %, never above the cap). A job is dead when it used
 * {@code maxAttempts} attempts, or when its next retry would start later than {@code budget} after
 * its first attempt (a null budget sets no time limit). A failure that is not retryable makes a job
 * dead at once, whatever its policy.
 *
 * <p>A {@link dev.oakit.core.spi.JobHandler} declares the policy of its job type; the
 * configuration ({@code core.jobs.retry.<type>}) overrides single values of it. Immutable.
 *
 * @param initialInterval wait before the first retry; zero or more
 * @param multiplier growth of the wait per retry; 1 (constant) to 100
 * @param maxInterval the longest wait between two attempts; at least {@code initialInterval}
 * @param jitter random spread of each wait, 0 (none) to below 1
 * @param maxAttempts attempts in all, 1 to 1000 (a job's own {@link JobRequest#maxAttempts()} wins)
 * @param budget time from the first attempt after which no retry starts; null for none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RetryPolicy(Duration initialInterval, double multiplier, Duration maxInterval, double jitter,
                          int maxAttempts, Duration budget) {
    /** The most attempts a policy or a job may allow. */
    public static final int MAX_ATTEMPTS = 1000;

    /** Checks every value; the exception lists each problem with the component's name as its path. */
    public RetryPolicy {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (initialInterval == null || initialInterval.isNegative()) {
            problems.add(new ValidationException.Problem("initialInterval", "must be zero or more, was " + initialInterval));
        }
        if (!(multiplier >= 1 && multiplier <= 100)) {
            problems.add(new ValidationException.Problem("multiplier", "must be between 1 (a constant wait) and 100, was " + multiplier));
        }
        if (maxInterval == null || maxInterval.isNegative() || maxInterval.isZero()) {
            problems.add(new ValidationException.Problem("maxInterval", "must be positive, was " + maxInterval));
        } else if (initialInterval != null && maxInterval.compareTo(initialInterval) < 0) {
            problems.add(new ValidationException.Problem("maxInterval", "must be at least initialInterval (" + initialInterval
                    + "), was " + maxInterval));
        }
        if (!(jitter >= 0 && jitter < 1)) {
            problems.add(new ValidationException.Problem("jitter", "must be a fraction from 0 (none) to below 1, was " + jitter));
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            problems.add(new ValidationException.Problem("maxAttempts", "must be between 1 and " + MAX_ATTEMPTS + ", was " + maxAttempts));
        }
        if (budget != null && (budget.isNegative() || budget.isZero())) {
            problems.add(new ValidationException.Problem("budget", "must be positive (or absent for no time limit), was " + budget));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "retry policy", problems);
        }
    }

    /**
     * The default of deliveries to other systems and listeners (webhooks, event listeners,
     * notifications): 5 s, doubling, at most an hour apart, ±25 %, for up to three days; the
     * attempt limit of 1000 is not reached within the budget.
     *
     * @return the delivery policy
     */
    public static RetryPolicy deliveries() {
        return new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofHours(1), 0.25, MAX_ATTEMPTS, Duration.ofDays(3));
    }

    /**
     * The wait after a failed attempt.
     *
     * @param attempt the attempt that failed, from 1
     * @param random a number from 0 (inclusive) to 1 (exclusive) that places the wait within the jitter
     * @return the wait before the next attempt, never above {@code maxInterval}
     */
    public Duration delay(int attempt, double random) {
        double raw = initialInterval.toMillis() * Math.pow(multiplier, Math.min(64, Math.max(0, attempt - 1)));
        double capped = Math.min(maxInterval.toMillis(), raw);
        double spread = capped * (1 - jitter + 2 * jitter * random);
        return Duration.ofMillis((long) Math.min(maxInterval.toMillis(), spread));
    }

    /**
     * The time of the next attempt after a failure, or null when the job is to be given up.
     *
     * @param attempt the attempt that failed, from 1
     * @param maxAttempts the job's attempt limit (its own, or this policy's)
     * @param firstAttempt when the job's first attempt started
     * @param now when this attempt failed
     * @param random a number from 0 (inclusive) to 1 (exclusive) for the jitter
     * @return the retry time, or null when attempts or budget are used up
     */
    public Instant nextAttempt(int attempt, int maxAttempts, Instant firstAttempt, Instant now, double random) {
        if (attempt >= maxAttempts) {
            return null;
        }
        Instant next = now.plus(delay(attempt, random));
        return budget != null && next.isAfter(firstAttempt.plus(budget)) ? null : next;
    }
}

package dev.oakit.core.job;

import dev.oakit.core.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry schedule over random policies, attempts and random draws. */
class RetryPolicyProperties {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    @Provide
    Arbitrary<RetryPolicy> policies() {
        Arbitrary<Long> initial = Arbitraries.longs().between(0, 600_000);
        Arbitrary<Double> multiplier = Arbitraries.doubles().between(1, 10);
        Arbitrary<Long> extra = Arbitraries.longs().between(1, 7_200_000);
        Arbitrary<Double> jitter = Arbitraries.doubles().between(0, 0.9);
        Arbitrary<Integer> attempts = Arbitraries.integers().between(1, RetryPolicy.MAX_ATTEMPTS);
        Arbitrary<Duration> budget = Arbitraries.longs().between(1, 14 * 86_400).map(Duration::ofSeconds).injectNull(0.3);
        return Combinators.combine(initial, multiplier, extra, jitter, attempts, budget).as((i, m, e, j, a, b) ->
                new RetryPolicy(Duration.ofMillis(i), m, Duration.ofMillis(i + e), j, a, b));
    }

    @Property
    void aWaitIsNeverAboveTheCapAndWithinTheJitterOfTheExponentialCurve(@ForAll("policies") RetryPolicy p,
            @ForAll @IntRange(min = 1, max = 1000) int attempt, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration d = p.delay(attempt, random);
        double curve = Math.min(p.maxInterval().toMillis(),
                p.initialInterval().toMillis() * Math.pow(p.multiplier(), Math.min(64, attempt - 1)));
        assertThat(d).isLessThanOrEqualTo(p.maxInterval());
        assertThat((double) d.toMillis()).isBetween(Math.floor(curve * (1 - p.jitter())) - 1, curve * (1 + p.jitter()));
    }

    @Property
    void theWaitNeverShrinksFromOneRetryToTheNextWithoutJitter(@ForAll("policies") RetryPolicy p, @ForAll @IntRange(min = 1, max = 999) int attempt) {
        RetryPolicy plain = new RetryPolicy(p.initialInterval(), p.multiplier(), p.maxInterval(), 0, p.maxAttempts(), p.budget());
        assertThat(plain.delay(attempt + 1, 0.5)).isGreaterThanOrEqualTo(plain.delay(attempt, 0.5));
    }

    @Property
    void noRetryStartsAfterTheBudgetOrBeyondTheAttempts(@ForAll("policies") RetryPolicy p, @ForAll @IntRange(min = 1, max = 1000) int attempt,
            @ForAll @IntRange(min = 0, max = 20 * 86_400) int elapsedSeconds, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Instant now = T0.plusSeconds(elapsedSeconds);
        Instant next = p.nextAttempt(attempt, p.maxAttempts(), T0, now, random);
        if (attempt >= p.maxAttempts()) {
            assertThat(next).isNull();
        } else if (next != null) {
            assertThat(next).isEqualTo(now.plus(p.delay(attempt, random)));
            if (p.budget() != null) {
                assertThat(next).isBeforeOrEqualTo(T0.plus(p.budget()));
            }
        } else {
            assertThat(p.budget()).as("only the budget ends retries before the attempts are used").isNotNull();
            assertThat(now.plus(p.delay(attempt, random))).isAfter(T0.plus(p.budget()));
        }
    }

    @Test
    void theDeliveryDefaultRetriesForThreeDaysAtMostAnHourApart() {
        RetryPolicy d = RetryPolicy.deliveries();
        Instant now = T0;
        int attempt = 1;
        Instant next;
        while ((next = d.nextAttempt(attempt, d.maxAttempts(), T0, now, 0.99)) != null) {
            assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofHours(1));
            now = next;
            attempt++;
        }
        assertThat(Duration.between(T0, now)).isBetween(Duration.ofDays(3).minusHours(1), Duration.ofDays(3));
        assertThat(attempt).as("the attempt limit is not what ends a delivery").isLessThan(d.maxAttempts());
    }

    @Test
    void everyBadValueIsNamed() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(-1), 0.5, Duration.ZERO, 1.0, 0, Duration.ZERO))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).paths())
                        .containsExactly("initialInterval", "multiplier", "maxInterval", "jitter", "maxAttempts", "budget"));
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(2), 2, Duration.ofMinutes(1), 0, 3, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxInterval: must be at least initialInterval");
    }
}

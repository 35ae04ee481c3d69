package dev.oakit.integration.internal.target;

import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * A Resilience4j circuit breaker per target, on this node: when too many of the last calls to a
 * target failed (retryable or ambiguous; a permanent refusal is an answer), calls are held back for
 * a while, then a few are let through to probe. A held-back call fails as retryable: nothing was sent.
 */
@Singleton
public final class CircuitBreakers implements CallGuard {
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final IntegrationConfig config;

    @Inject
    public CircuitBreakers(IntegrationConfig config) {
        this.config = config;
    }

    /** @return the target's breaker */
    public CircuitBreaker of(String target) {
        return registry.circuitBreaker(target, () -> {
            IntegrationConfig.Target t = config.target(target);
            return CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(t.minimumCalls()).minimumNumberOfCalls(t.minimumCalls())
                    .failureRateThreshold(t.failureRate()).waitDurationInOpenState(t.openFor())
                    .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, t.minimumCalls())))
                    .build();
        });
    }

    @Override
    public void before(CallContext call) throws RemoteCallException {
        CircuitBreaker cb = of(call.target());
        if (!cb.tryAcquirePermission()) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, "the circuit of target '" + call.target()
                    + "' is open after repeated failures; nothing was sent", null, null, config.target(call.target()).openFor(),
                    CallNotPermittedException.createCallNotPermittedException(cb));
        }
    }

    @Override
    public void after(CallContext call, RemoteCallException failure) {
        CircuitBreaker cb = of(call.target());
        if (failure == null || failure.kind() == RemoteCallException.Kind.PERMANENT) {
            cb.onSuccess(0, TimeUnit.MILLISECONDS);
        } else {
            cb.onError(0, TimeUnit.MILLISECONDS, failure);
        }
    }
}

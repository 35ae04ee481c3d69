package dev.oakit.integration.internal.target;

import dev.oakit.integration.WriteStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The Micrometer meters of remote targets, tagged {@code target} and {@code operation}:
 * {@code oakit.integration.sent} (creates sent), {@code oakit.integration.confirmed},
 * {@code oakit.integration.unknown}, {@code oakit.integration.dead} (writes that reached the status),
 * {@code oakit.integration.call} (a timer of remote calls, also tagged {@code outcome}) and
 * {@code oakit.integration.delivery} (a timer from a write's request to its confirmation).
 */
public final class TargetMeters {
    private final MeterRegistry registry;

    public TargetMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a create sent. */
    public void sent(String target, String operation) {
        counter("oakit.integration.sent", target, operation).increment();
    }

    /** Counts a write that became confirmed, unknown or dead, and a confirmed write's delivery time. */
    public void reached(String target, String operation, WriteStatus status, Duration sinceRequest) {
        String name = switch (status) {
            case CONFIRMED -> "oakit.integration.confirmed";
            case UNKNOWN -> "oakit.integration.unknown";
            case FAILED -> "oakit.integration.dead";
            default -> null;
        };
        if (name != null) {
            counter(name, target, operation).increment();
        }
        if (status == WriteStatus.CONFIRMED) {
            Timer.builder("oakit.integration.delivery").description("from a remote write's request to its confirmation")
                    .tag("target", target).tag("operation", operation).register(registry).record(sinceRequest);
        }
    }

    /** Times one remote call. */
    public void call(String target, String operation, String outcome, Duration took) {
        Timer.builder("oakit.integration.call").description("one remote call").tag("target", target).tag("operation", operation)
                .tag("outcome", outcome).register(registry).record(took);
    }

    private Counter counter(String name, String target, String operation) {
        return Counter.builder(name).tag("target", target).tag("operation", operation).register(registry);
    }
}

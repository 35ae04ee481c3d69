package dev.oakit.core.internal.metrics;

import dev.oakit.core.OaException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.OperationObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Times commands ({@code oakit.commands}, tags {@code command}, {@code outcome} ok|error,
 * {@code error} none|the OAKit error code|the exception's class) and job attempts
 * ({@code oakit.jobs.attempts}, tags {@code type}, {@code outcome}, {@code error}); with an
 * observation registry, also wraps each in an observation.
 */
public final class MeterObserver implements OperationObserver {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    public MeterObserver(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    @Override
    public Scope command(CommandSpec spec) {
        return begin("oakit.commands", "oakit.command", "command", spec.action(), "one OAKit command, its retries included");
    }

    @Override
    public Scope job(String type) {
        return begin("oakit.jobs.attempts", "oakit.job", "type", type, "one attempt of a durable job on this node");
    }

    private Scope begin(String timerName, String observationName, String key, String value, String description) {
        Timer.Sample sample = Timer.start(meters);
        Observation observation = observations == null ? null
                : Observation.createNotStarted(observationName, observations).lowCardinalityKeyValue(key, value).start();
        Observation.Scope scope = observation == null ? null : observation.openScope();
        return failure -> {
            String error = errorOf(failure);
            sample.stop(Timer.builder(timerName).description(description).tag(key, value)
                    .tag("outcome", failure == null ? "ok" : "error").tag("error", error).register(meters));
            if (observation != null) {
                scope.close();
                observation.lowCardinalityKeyValue("outcome", failure == null ? "ok" : "error")
                        .lowCardinalityKeyValue("error", error);
                if (failure != null) {
                    observation.error(failure);
                }
                observation.stop();
            }
        };
    }

    /** @return a low-cardinality name of the failure: OAKit's stable code, else the exception's class */
    static String errorOf(Throwable failure) {
        if (failure == null) {
            return "none";
        }
        return failure instanceof OaException oa ? oa.code() : failure.getClass().getSimpleName();
    }
}

package dev.oakit.core.internal.metrics;

import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.OperationalGauge;
import dev.oakit.core.spi.PluginLifecycle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers one Micrometer gauge per contributed {@link OperationalGauge} when OAKit starts and
 * removes them when it stops. A scrape reads the cached values; when they are older than the
 * refresh interval, the first scrape reads every gauge again in one read transaction (a failed
 * read keeps the old values and is logged).
 */
public final class GaugeBinder implements PluginLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GaugeBinder.class);

    /** The registry and the refresh interval. */
    public record Settings(MeterRegistry meters, Duration refresh) {
    }

    private final Settings settings;
    private final List<OperationalGauge> gauges;
    private final Commands commands;
    private final Clock clock;
    private final List<Meter> registered = new ArrayList<>();
    private Map<String, Double> values = Map.of();
    private Instant readAt;

    @Inject
    public GaugeBinder(Settings settings, Set<OperationalGauge> gauges, Commands commands, Clock clock) {
        this.settings = settings;
        this.gauges = List.copyOf(gauges);
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public synchronized void onStart() {
        for (OperationalGauge g : gauges) {
            registered.add(Gauge.builder(g.name(), () -> value(g.name())).description(g.description()).baseUnit(g.unit())
                    .strongReference(true).register(settings.meters()));
        }
    }

    @Override
    public synchronized void onStop() {
        registered.forEach(settings.meters()::remove);
        registered.clear();
    }

    private synchronized double value(String name) {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(settings.refresh()))) {
            try {
                values = commands.query(h -> {
                    Map<String, Double> read = new HashMap<>();
                    for (OperationalGauge g : gauges) {
                        read.put(g.name(), g.read(h, now));
                    }
                    return read;
                });
                readAt = now;
            } catch (RuntimeException e) {
                LOG.warn("reading OAKit's gauges failed; keeping the values read at {}", readAt, e);
            }
        }
        return values.getOrDefault(name, Double.NaN);
    }
}

package dev.oakit.core.spi;

import org.apiguardian.api.API;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * One figure about OAKit's state read from the database (open tasks, dead jobs, ...), published by
 * a metrics binding as a gauge. Each module contributes the gauges of its own tables with
 * {@code context.extension(OperationalGauge.class, ...)}, so core never reads another module's
 * tables. The binding reads every gauge in one read transaction and caches the values, so
 * {@link #read} runs at most once per refresh interval, never per scrape; keep it one indexed
 * query.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OperationalGauge {

    /** @return the meter name, dotted and lower case, such as {@code oakit.workflow.tasks.open}; never null */
    String name();

    /** @return what the figure means, for the meter's description; never null */
    String description();

    /** @return the base unit ({@code "tasks"}, {@code "seconds"}), or null */
    default String unit() {
        return null;
    }

    /**
     * Reads the current value over all tenants.
     *
     * @param handle a read-only handle; never null
     * @param now    the clock's current instant
     * @return the value
     */
    double read(Handle handle, Instant now);

    /**
     * A gauge from its parts.
     *
     * @param name        the meter name; never null
     * @param description what it means; never null
     * @param unit        the base unit, or null
     * @param reader      reads the value from a handle at an instant; never null
     * @return the gauge
     */
    static OperationalGauge of(String name, String description, String unit, BiFunction<Handle, Instant, Number> reader) {
        dev.oakit.core.Checks.notNull("name", name);
        dev.oakit.core.Checks.notNull("description", description);
        dev.oakit.core.Checks.notNull("reader", reader);
        return new OperationalGauge() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public String unit() {
                return unit;
            }

            @Override
            public double read(Handle handle, Instant now) {
                return reader.apply(handle, now).doubleValue();
            }

            @Override
            public String toString() {
                return "gauge " + name;
            }
        };
    }
}

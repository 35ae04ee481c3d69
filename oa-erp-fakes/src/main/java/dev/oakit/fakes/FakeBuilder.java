package dev.oakit.fakes;

import org.apiguardian.api.API;

import java.time.Clock;
import java.util.Objects;

/**
 * What every fake's builder has: the port and the clock, and {@link #start()}.
 *
 * @param <B> the builder itself
 * @param <F> the fake it starts
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class FakeBuilder<B extends FakeBuilder<B, F>, F extends FakeServer> {
    private int port;
    private Clock clock = Clock.systemUTC();

    protected FakeBuilder() {
    }

    /** The port; 0 (the default) picks a free one. */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        this.port = port;
        return self();
    }

    /** The clock the fake stamps documents and default dates with; the UTC system clock unless set. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** The clock set. */
    protected final Clock configuredClock() {
        return clock;
    }

    /** Builds the fake (not bound yet). */
    protected abstract F create();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Starts the fake: binds the loopback address and serves until closed. */
    public F start() {
        F fake = create();
        fake.bind(port);
        return fake;
    }
}

package dev.oakit.integration;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * For multi-node tests: a node's view of a remote create that lets the remote commit each document it
 * creates and then never answers, as if the node were killed between the remote's commit and its own record.
 * The test waits on {@link #died}, then closes the node.
 */
public final class DyingCreate {
    /** Counted down when the node "dies". */
    public final CountDownLatch died = new CountDownLatch(1);
    private final Duration hang;

    /** Hangs 20 s after the remote committed: long enough for any test to kill the node meanwhile. */
    public DyingCreate() {
        this(Duration.ofSeconds(20));
    }

    /** Hangs {@code hang} after the remote committed: a test that takes the node's database away first needs only seconds. */
    public DyingCreate(Duration hang) {
        this.hang = hang;
    }

    /** @return {@code c}, dying after each document it creates */
    public <P> RemoteCreate<P> wrap(RemoteCreate<P> c) {
        return new RemoteCreate<>() {
            public String operation() {
                return c.operation();
            }

            public Class<P> payloadType() {
                return c.payloadType();
            }

            public Optional<String> find(CallContext call, String key) throws RemoteCallException {
                return c.find(call, key);
            }

            public String create(CallContext call, String key, P payload) throws RemoteCallException {
                c.create(call, key, payload);
                died.countDown();
                sleep(hang);
                throw new IllegalStateException("the node was killed after the remote committed " + key);
            }
        };
    }

    /** Blocks long enough for the test to kill the node meanwhile: what the node read or wrote is never recorded. */
    public static void hang() {
        sleep(Duration.ofSeconds(20));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

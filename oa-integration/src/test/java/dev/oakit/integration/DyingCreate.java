package dev.oakit.integration;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

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
                hang();
                throw new IllegalStateException("the node was killed after the remote committed " + key);
            }
        };
    }

    /** Blocks long enough for the test to kill the node meanwhile: what the node read or wrote is never recorded. */
    public static void hang() {
        try {
            Thread.sleep(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

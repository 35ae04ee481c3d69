package dev.oakit.examples.erp;

import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's stand-in for pulling the plug: once {@link #armed}, the next create goes to the ERP
 * for real, and then the node "dies" before OAKit can record what came back. The worker thread
 * waits until the node is closed, then leaves with {@link NodeKilled}; by then the node is shutting down, and
 * whatever it still manages to note is "unsure" (a connector failing after the request left counts as an
 * unknown outcome), so the next node looks the key up in the ERP before anything is created again.
 */
final class DyingNode implements ErpConnector {
    private final ErpConnector real;
    /** Counted down once the ERP was called and the node is "dead". */
    final CountDownLatch died = new CountDownLatch(1);
    volatile boolean armed;

    DyingNode(ErpConnector real) {
        this.real = real;
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public String systemName() {
        return real.systemName();
    }

    @Override
    public DocumentLink documentLink(CallContext call, String operation, String remoteId) throws RemoteCallException {
        return real.documentLink(call, operation, remoteId);
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return real.creates().stream().<RemoteCreate<?>>map(this::dying).toList();
    }

    private <P> RemoteCreate<P> dying(RemoteCreate<P> c) {
        return new RemoteCreate<>() {
            @Override
            public String operation() {
                return c.operation();
            }

            @Override
            public Class<P> payloadType() {
                return c.payloadType();
            }

            @Override
            public Optional<String> find(CallContext call, String key) throws RemoteCallException {
                return c.find(call, key);
            }

            @Override
            public String create(CallContext call, String key, P payload) throws RemoteCallException {
                if (!armed) {
                    return c.create(call, key, payload);
                }
                try {
                    c.create(call, key, payload);
                } catch (RemoteCallException unsure) {
                    // the ERP committed and the answer timed out: the node dies before recording even that
                }
                throw die(key);
            }
        };
    }

    private NodeKilled die(String key) {
        died.countDown();
        try {
            new CountDownLatch(1).await(); // until the node is closed and interrupts its workers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new NodeKilled(key);
    }

    /**
     * Leaves the worker like a killed process: nothing of the answer is kept. A runtime exception, not an
     * {@link Error}: an error escaping a worker thread would end the host's {@code exec:java} run as a failure.
     */
    static final class NodeKilled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeKilled(String key) {
            super("the node was killed after it sent " + key + " and before it recorded the outcome", null, false, false);
        }
    }
}

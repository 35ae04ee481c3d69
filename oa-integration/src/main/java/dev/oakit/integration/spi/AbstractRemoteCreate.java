package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * A {@link RemoteCreate} whose name and payload type are given once, to its constructor, so a
 * connector's operations only say how they {@link #find} and {@link #create}:
 *
 * <pre>{@code
 * private final class Create extends AbstractRemoteCreate<PurchaseOrder> {
 *     Create() {
 *         super(PURCHASE_ORDER, PurchaseOrder.class);
 *     }
 *     // find(call, key) and create(call, key, order)
 * }
 * }</pre>
 *
 * Thread-safe as far as the subclass is.
 *
 * @param <P> the payload type
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractRemoteCreate<P> implements RemoteCreate<P> {
    private final String operation;
    private final Class<P> payloadType;

    /**
     * @param operation the operation's name, unique within its connector; not null
     * @param payloadType the payload's class; not null
     */
    protected AbstractRemoteCreate(String operation, Class<P> payloadType) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    }

    @Override
    public final String operation() {
        return operation;
    }

    @Override
    public final Class<P> payloadType() {
        return payloadType;
    }
}

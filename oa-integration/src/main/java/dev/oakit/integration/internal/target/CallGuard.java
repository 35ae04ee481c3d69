package dev.oakit.integration.internal.target;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

/** What stands around every remote call of a write: nothing by default; circuit breakers and request budgets. */
public interface CallGuard {
    /** Before a call; throws a {@link RemoteCallException.Kind#RETRYABLE} failure to hold the call back (nothing is sent). */
    void before(CallContext call) throws RemoteCallException;

    /** After a call: {@code failure} null for success. */
    void after(CallContext call, RemoteCallException failure);
}

package dev.oakit.erp.spi;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * One operation's time, shared by the several requests it sends (a lookup, the create, the confirm):
 * each request gets what is left of {@link CallContext#timeout()}, so the operation as a whole ends
 * within it. Not thread-safe; one per operation.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CallBudget {
    private final CallContext call;
    private final long endsAt;

    private CallBudget(CallContext call) {
        this.call = call;
        this.endsAt = System.nanoTime() + call.timeout().toNanos();
    }

    /** @return the budget of an operation that starts now */
    public static CallBudget of(CallContext call) {
        return new CallBudget(java.util.Objects.requireNonNull(call, "call"));
    }

    /**
     * @return the context for the next request, with what is left of the time
     * @throws RemoteCallException ambiguous, when the time is used up (an earlier request of the operation may have committed)
     */
    public CallContext next() throws RemoteCallException {
        long left = endsAt - System.nanoTime();
        if (left < 1_000_000L) {
            throw RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS, call.target() + " " + call.operation()
                    + ": the call's time (" + call.timeout() + ") is used up before its last request");
        }
        return new CallContext(call.tenantId(), call.target(), call.operation(), Duration.ofNanos(left));
    }
}

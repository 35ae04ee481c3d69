package dev.oakit.integration.internal.target;

import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

/** What stands around every remote call of a write: nothing by default; circuit breakers and request budgets. */
public interface CallGuard {
    /** Before a call; throws a {@link RemoteCallException.Kind#RETRYABLE} failure to hold the call back (nothing is sent). */
    void before(CallContext call) throws RemoteCallException;

    /** After a call: {@code failure} null for success. */
    void after(CallContext call, RemoteCallException failure);

    /**
     * One read between {@link #before} and {@link #after}. A runtime exception of the read counts as an
     * {@link RemoteCallException.Kind#AMBIGUOUS} failure and is thrown as one.
     *
     * @param what what is read, for the message of such a failure
     * @return the read's answer
     * @throws RemoteCallException the guard's refusal (nothing was sent) or the read's failure
     */
    default <T> T call(CallContext call, String what, RemoteReads.Read<T> read) throws RemoteCallException {
        before(call);
        try {
            T answer = read.call(call);
            after(call, null);
            return answer;
        } catch (RemoteCallException e) {
            after(call, e);
            throw e;
        } catch (RuntimeException e) {
            RemoteCallException wrapped = new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "connector '" + call.target()
                    + "' failed reading " + what + ": " + e, null, null, null, e);
            after(call, wrapped);
            throw wrapped;
        }
    }
}

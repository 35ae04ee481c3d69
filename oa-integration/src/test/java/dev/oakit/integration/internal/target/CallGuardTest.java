package dev.oakit.integration.internal.target;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A guarded read: the guard hears of every read once, with its outcome; a refused read is not made. */
class CallGuardTest {
    static final CallContext CALL = new CallContext("t1", "erp", "pull:Supplier", Duration.ofSeconds(5));

    /** Records what it hears; refuses every call when {@code refuse}. */
    static final class Recording implements CallGuard {
        final List<String> heard = new ArrayList<>();
        final boolean refuse;

        Recording(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public void before(CallContext call) throws RemoteCallException {
            heard.add("before");
            if (refuse) {
                throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, "circuit open", null, null, null, null);
            }
        }

        @Override
        public void after(CallContext call, RemoteCallException failure) {
            heard.add(failure == null ? "after: ok" : "after: " + failure.kind() + " " + failure.getMessage());
        }
    }

    @Test
    void aReadsAnswerIsReturnedAndCountsAsSuccess() throws Exception {
        Recording guard = new Recording(false);
        String answer = guard.call(CALL, "Supplier", c -> c.target() + " answered");
        assertThat(answer).isEqualTo("erp answered");
        assertThat(guard.heard).containsExactly("before", "after: ok");
    }

    @Test
    void aReadsFailureCountsOnceAndIsThrown() {
        Recording guard = new Recording(false);
        RemoteCallException refused = new RemoteCallException(RemoteCallException.Kind.PERMANENT, "403", null, null, null, null);
        assertThatThrownBy(() -> guard.call(CALL, "Supplier", c -> {
            throw refused;
        })).isSameAs(refused);
        assertThat(guard.heard).containsExactly("before", "after: PERMANENT 403");
    }

    @Test
    void aRuntimeExceptionOfTheReadIsAnAmbiguousFailureNamingTheConnectorAndWhatWasRead() {
        Recording guard = new Recording(false);
        assertThatThrownBy(() -> guard.call(CALL, "Supplier", c -> {
            throw new IllegalStateException("bad page");
        })).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.AMBIGUOUS);
            assertThat(e.getMessage()).isEqualTo("connector 'erp' failed reading Supplier: java.lang.IllegalStateException: bad page");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        });
        assertThat(guard.heard).containsExactly("before",
                "after: AMBIGUOUS connector 'erp' failed reading Supplier: java.lang.IllegalStateException: bad page");
    }

    @Test
    void aRefusedReadIsNotMade() {
        Recording guard = new Recording(true);
        List<String> made = new ArrayList<>();
        assertThatThrownBy(() -> guard.call(CALL, "Supplier", c -> made.add("read"))).isInstanceOf(RemoteCallException.class)
                .hasMessage("circuit open");
        assertThat(made).isEmpty();
        assertThat(guard.heard).containsExactly("before");
    }
}

package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Map;

/**
 * The remote writes of one connector's knob tests, whichever CRM: request one, read it again, wait for a status. The
 * Salesforce and Odoo setups differ only in their fake and what they seed.
 */
public record ConnectorWrites(RemoteWrites writes, String target) {
    public static final Actor SYSTEM = Actor.system("t1");
    /** Short timeouts and retries, so a commit-then-timeout knob of 3 s outlasts a call. */
    public static final Map<String, Object> FAST = Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S",
            "retryMax", "PT0.3S", "maxAttempts", 30);

    /** @return a call context of the test tenant for calling the connector directly */
    public CallContext call() {
        return new CallContext("t1", target, "test", Duration.ofSeconds(5));
    }

    public RemoteWrite request(String operation, String key, Object payload) {
        return writes.request(SYSTEM, new NewRemoteWrite(target, operation, key, null, payload));
    }

    public RemoteWrite current(RemoteWrite w) {
        return writes.get(SYSTEM, w.id()).orElseThrow();
    }

    public RemoteWrite await(RemoteWrite w, WriteStatus status) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> current(w).status() == status);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("write '" + w.key() + "' did not become " + status + ": " + current(w), e);
        }
        return current(w);
    }
}

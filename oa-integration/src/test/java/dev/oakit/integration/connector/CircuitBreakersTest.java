package dev.oakit.integration.connector;

import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.internal.target.CircuitBreakers;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One circuit per target: failures of one target hold its calls back, a permanent refusal is an answer, other targets go on. */
class CircuitBreakersTest {
    static final CallContext ERP = new CallContext("t1", "erp", "order", Duration.ofSeconds(1));
    static final CallContext CRM = new CallContext("t1", "crm", "account", Duration.ofSeconds(1));

    @Test
    void repeatedFailuresOpenTheTargetsCircuitAndAHeldBackCallIsRetryable() throws Exception {
        CircuitBreakers breakers = new CircuitBreakers(new IntegrationConfig(null, null, null, null, null,
                Map.of("erp", new IntegrationConfig.Target(null, null, 50, 4, Duration.ofMinutes(1))), null));
        for (int i = 0; i < 4; i++) {
            breakers.before(ERP);
            breakers.after(ERP, i != 1 ? RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "invalid")
                    : RemoteCallException.of(RemoteCallException.Kind.RETRYABLE, "busy"));
        }
        breakers.before(ERP); // 1 of the last 4 failed: below the threshold
        breakers.after(ERP, RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS, "502")); // 2 of the last 4: open
        assertThatThrownBy(() -> breakers.before(ERP)).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE);
            assertThat(e.getMessage()).contains("circuit of target 'erp' is open").contains("nothing was sent");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        });
        breakers.before(CRM);
    }
}

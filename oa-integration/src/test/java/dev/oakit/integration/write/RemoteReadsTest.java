package dev.oakit.integration.write;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.spi.RemoteCallException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A read now stands behind the target's request budget and circuit breaker, and is never retried. */
class RemoteReadsTest {
    static final Actor SYSTEM = Actor.system("t1");

    @DbTest
    void aReadTakesABudgetPermitAndCountsAgainstTheCircuit(TestDatabase db) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:20Z"));
        OaKit oa = db.start(b -> b.clock(clock).plugin(new IntegrationPlugin()).config("integration", Map.of(
                "targets", Map.of("erp", Map.of("requests", 2, "per", "PT1M"),
                        "crm", Map.of("failureRate", 100, "minimumCalls", 2, "openFor", "PT10M")))));
        RemoteReads reads = oa.service(RemoteReads.class);
        AtomicInteger calls = new AtomicInteger();

        // the budget: two reads a minute, the third sends nothing
        assertThat(reads.<Integer>read(SYSTEM, "erp", "budget", Duration.ofSeconds(2), call -> {
            assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(call.tenantId()).isEqualTo("t1");
            return calls.incrementAndGet();
        })).isEqualTo(1);
        assertThat(reads.<Integer>read(SYSTEM, "erp", "budget", Duration.ofSeconds(2), call -> calls.incrementAndGet())).isEqualTo(2);
        assertThatThrownBy(() -> reads.<Integer>read(SYSTEM, "erp", "budget", Duration.ofSeconds(2), call -> calls.incrementAndGet()))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.kind()).isEqualTo(RemoteCallException.Kind.RETRYABLE))
                .hasMessageContaining("request budget of target 'erp' is used up until 2026-12-01T10:01:00Z; nothing was sent");
        assertThat(calls).hasValue(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(reads.<Integer>read(SYSTEM, "erp", "budget", Duration.ofSeconds(2), call -> calls.incrementAndGet())).isEqualTo(3);

        // the circuit: two failed reads of two open it; the next read is not sent
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> reads.<Integer>read(SYSTEM, "crm", "account", Duration.ofSeconds(1), call -> {
                calls.incrementAndGet();
                throw RemoteCallException.of(RemoteCallException.Kind.RETRYABLE, "503 Service Unavailable");
            })).hasMessage("503 Service Unavailable");
        }
        assertThatThrownBy(() -> reads.<Integer>read(SYSTEM, "crm", "account", Duration.ofSeconds(1), call -> calls.incrementAndGet()))
                .isInstanceOf(RemoteCallException.class).hasMessageContaining("circuit of target 'crm' is open");
        assertThat(calls).hasValue(5);
        assertThatThrownBy(() -> reads.<Integer>read(SYSTEM, "erp", "budget", Duration.ZERO, call -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give a positive duration");
    }
}

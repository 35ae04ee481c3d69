package dev.oakit.ticket.internal.store;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketPlugin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code ticket.configCacheTtl}: how long a node reuses the ticket configuration it read; bad values fail the build. */
class ConfigCacheTtlTest {
    private static ConfigCache cache(String ttl) {
        return new ConfigCache(new TicketConfig(null, null, null, null, null, null, null, null, null, ttl == null ? null : Duration.parse(ttl)));
    }

    private static int loadsOfTwoReads(ConfigCache cache, long pauseMillis) throws InterruptedException {
        AtomicInteger loads = new AtomicInteger();
        cache.get(() -> loads.incrementAndGet(), "types", "t1");
        Thread.sleep(pauseMillis);
        cache.get(() -> loads.incrementAndGet(), "types", "t1");
        return loads.get();
    }

    @Test
    void anAnswerIsReusedForTheHostsTtlAndReadAgainAfterIt() throws InterruptedException {
        assertThat(loadsOfTwoReads(cache("PT0S"), 0)).as("PT0S reads for every command").isEqualTo(2);
        assertThat(loadsOfTwoReads(cache("PT0.05S"), 150)).as("read again once the TTL is over").isEqualTo(2);
        assertThat(loadsOfTwoReads(cache("PT1H"), 150)).as("reused within the TTL").isEqualTo(1);
        assertThat(new TicketConfig(null, null, null, null, null, null, null, null, null, null).configCacheTtl()).isEqualTo(ConfigCache.TTL);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void badValuesAreRefusedNamingTheKeyAndWhatToWrite(TestDatabase db) {
        for (String bad : new String[]{"PT-1S", "PT2H"}) {
            Throwable t = catchThrowable(() -> db.builder().plugin(new TicketPlugin()).config("ticket", Map.of("configCacheTtl", bad)).build());
            assertThat(t).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ticket.configCacheTtl must be from PT0S to PT1H, was " + Duration.parse(bad)).hasMessageContaining("PT5S");
        }
    }
}

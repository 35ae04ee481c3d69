package dev.oakit.core.internal.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event ids are random UUIDs from each thread's own generator; an event nobody reads is still checked, never stored. */
class OutboxIdsTest {
    private final Outbox nobodyListens = new Outbox(new ObjectMapper(), null, Set.of(), Set.of());

    @Test
    void ids_are_version_4_uuids_distinct_across_threads() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        ids.add(Outbox.newEventId());
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(20_000);
        for (String id : ids.stream().limit(200).toList()) {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
        }
    }

    @Test
    void a_thread_asks_its_generator_once_per_32_ids_and_every_id_takes_16_bytes_of_its_own() throws Exception {
        // on a fresh thread: the draws counted are this test's alone
        Thread t = new Thread(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                ids.add(Outbox.newEventId());
            }
            assertThat(Outbox.idBytes().draws).isEqualTo(10);
            assertThat(Set.copyOf(ids)).hasSize(320);
            // each bit a v4 UUID leaves random (60 in the high half, 62 in the low) takes both values somewhere among the ids
            long hiOnes = 0;
            long hiZeros = 0;
            long loOnes = 0;
            long loZeros = 0;
            for (String id : ids) {
                UUID u = UUID.fromString(id);
                assertThat(u.version()).isEqualTo(4);
                assertThat(u.variant()).isEqualTo(2);
                hiOnes |= u.getMostSignificantBits();
                hiZeros |= ~u.getMostSignificantBits();
                loOnes |= u.getLeastSignificantBits();
                loZeros |= ~u.getLeastSignificantBits();
            }
            assertThat(hiOnes & hiZeros).isEqualTo(~0xf000L);
            assertThat(loOnes & loZeros).isEqualTo(0x3fffffffffffffffL);
        });
        Throwable[] failed = new Throwable[1];
        t.setUncaughtExceptionHandler((x, e) -> failed[0] = e);
        t.start();
        t.join();
        assertThat(failed[0]).isNull();
    }

    @Test
    void an_event_nobody_reads_gets_an_id_and_a_payload_that_is_no_object_is_still_refused() {
        String id = nobodyListens.publish(null, "acme", "alice", Instant.EPOCH, "test.ping", "thing", "1", Map.of("a", 1));
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        // a second event with a payload of a type seen before skips the JSON; one of another kind is checked as ever
        assertThat(nobodyListens.publish(null, "acme", "alice", Instant.EPOCH, "test.ping", "thing", "1", Map.of("b", 2))).isNotEqualTo(id);
        assertThatThrownBy(() -> nobodyListens.publish(null, "acme", "alice", Instant.EPOCH, "test.ping", "thing", "1", List.of(1, 2)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).path()).isEqualTo("payload"));
        assertThatThrownBy(() -> nobodyListens.publish(null, "acme", "alice", Instant.EPOCH, "test.ping", "thing", "1", "text"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).path()).isEqualTo("payload"));
    }
}

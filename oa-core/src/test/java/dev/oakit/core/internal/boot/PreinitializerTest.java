package dev.oakit.core.internal.boot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PreinitializerTest {
    @Test
    void racingStartsRunEveryStepOnce() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Preinitializer p = new Preinitializer(List.of(new Preinitializer.Step("first", first::incrementAndGet),
                new Preinitializer.Step("second", second::incrementAndGet)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Thread>> started = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                started.add(pool.submit(p::startOnce));
            }
            List<Thread> threads = new ArrayList<>();
            for (Future<Thread> f : started) {
                threads.add(f.get(1, TimeUnit.MINUTES));
            }
            List<Thread> running = threads.stream().filter(Objects::nonNull).toList();
            assertThat(running).hasSize(1);
            running.get(0).join(TimeUnit.MINUTES.toMillis(1));
            assertThat(running.get(0).isDaemon()).isTrue();
            assertThat(p.startOnce()).isNull();
            assertThat(first.get()).isEqualTo(1);
            assertThat(second.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingStepDoesNotStopTheNext() {
        AtomicInteger after = new AtomicInteger();
        Preinitializer p = new Preinitializer(List.of(new Preinitializer.Step("broken", () -> {
            throw new IllegalStateException("broken");
        }), new Preinitializer.Step("after", after::incrementAndGet)));
        p.runAll();
        assertThat(after.get()).isEqualTo(1);
    }

    @Test
    void theRealStepsSucceedAlsoWhenTheirFirstUsesRace() throws Exception {
        // each step on its own, so that a failure surfaces here instead of in the debug log
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (Preinitializer.Step s : Preinitializer.steps()) {
                    work.add(() -> {
                        s.work().run();
                        return s.name();
                    });
                }
            }
            List<String> done = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(work)) {
                done.add(f.get(1, TimeUnit.MINUTES));
            }
            assertThat(done).containsExactlyInAnyOrder("flyway", "jdbi", "form schema", "event ids", "flyway", "jdbi", "form schema", "event ids");
        } finally {
            pool.shutdownNow();
        }
    }
}

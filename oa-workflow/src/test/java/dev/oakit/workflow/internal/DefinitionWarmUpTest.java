package dev.oakit.workflow.internal;

import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionWarmUpTest {
    @Test
    void theWarmUpDefinitionIsValidSoItsValidationRunsEveryRule() {
        assertThat(DefinitionWarmUp.warmUp()).isEmpty();
    }

    @Test
    void runsWhenOakitPreinitializeIsUnsetOrTrueOnlyAsCoreReadsIt() {
        assertThat(dev.oakit.workflow.internal.expr.CelWarmUp.wanted(null)).isTrue();
        assertThat(dev.oakit.workflow.internal.expr.CelWarmUp.wanted(" True\t")).isTrue();
        assertThat(dev.oakit.workflow.internal.expr.CelWarmUp.wanted("false")).isFalse();
        assertThat(dev.oakit.workflow.internal.expr.CelWarmUp.wanted(" FALSE ")).isFalse();
        // core's build() fails on these; the warm-up, started after it by the plugin's module, starts nothing either
        assertThat(List.of("off", "no", "0", "")).noneMatch(dev.oakit.workflow.internal.expr.CelWarmUp::wanted);
    }

    @Test
    void startsOneThreadPerJvmHoweverManyCallersRace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Thread>> started = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                started.add(pool.submit(DefinitionWarmUp::startOnce));
            }
            List<Thread> threads = new ArrayList<>();
            for (Future<Thread> f : started) {
                threads.add(f.get(1, TimeUnit.MINUTES));
            }
            List<Thread> running = threads.stream().filter(Objects::nonNull).toList();
            // an earlier test class in this JVM may have configured the plugin, which starts it
            assertThat(running).hasSizeLessThanOrEqualTo(1);
            for (Thread t : running) {
                t.join(TimeUnit.MINUTES.toMillis(1));
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(DefinitionWarmUp.startOnce()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void definitionsWrittenAndReadWhileTheWarmUpRunsComeBackEqual() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            int before = DefinitionWarmUp.runs();
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                work.add(() -> {
                    DefinitionWarmUp.run();
                    return true;
                });
                int days = i + 2;
                work.add(() -> {
                    ProcessDefinition d = WorkflowFixture.plainLeave(days);
                    return ProcessDefinition.fromJson(d.toJson()).equals(d);
                });
            }
            for (Future<Boolean> f : pool.invokeAll(work)) {
                assertThat(f.get(1, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(DefinitionWarmUp.runs() - before).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }
}

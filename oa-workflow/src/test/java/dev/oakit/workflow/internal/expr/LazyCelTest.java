package dev.oakit.workflow.internal.expr;

import dev.oakit.core.testing.IsolatedBuild;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CEL is built by the first condition that needs it, once per JVM: conditions read without CEL, checked and evaluated with
 * plain data, load none of it (each run in a class loader of its own, as fresh as a new JVM); the first conditions that
 * need it, on several threads at once, share one build and are answered right.
 */
class LazyCelTest {
    private static final List<String> CEL_PACKAGES = List.of("dev.cel.", "com.google.protobuf.", "org.antlr.", "com.google.re2j.");
    static final int THREADS = 8;

    @Test
    void plainConditionsLoadNoCelAndTheFirstUsesAtOnceBuildItOnce() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            assertThat(fresh.<List<Boolean>>call(PlainOnly.class.getName())).containsExactly(true, false, true, true);
            assertThat(cel(fresh)).as("CEL classes loaded by plain conditions with plain data").isEmpty();

            List<Object> raced = fresh.call(RacingFirstUses.class.getName());
            assertThat(raced.get(0)).as("CEL builds").isEqualTo(1);
            assertThat(raced.subList(1, raced.size())).as("each thread's answer").containsOnly(true);
            assertThat(cel(fresh)).isNotEmpty();
        }
    }

    @Test
    void plainConditionWithDataJavaCannotAnswerBuildsCelThen() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            assertThat(fresh.<String>call(PlainWithMissingField.class.getName())).contains("has(form.days)");
            assertThat(cel(fresh)).isNotEmpty();
        }
    }

    private static List<String> cel(IsolatedBuild.Loader loader) {
        return loader.loaded().stream().filter(c -> CEL_PACKAGES.stream().anyMatch(c::startsWith)).toList();
    }

    /** Runs in the fresh loader: plain conditions checked, compiled and evaluated with plain data. */
    static final class PlainOnly implements Callable<List<Boolean>> {
        @Override
        public List<Boolean> call() {
            Conditions conditions = new Conditions();
            Map<String, Object> vars = Map.of("form", Map.of("days", 5, "type", "annual", "amount", 1200.5),
                    "instance", Map.of("priority", "NORMAL", "businessKey", ""));
            List<Boolean> results = new ArrayList<>();
            results.add(conditions.check("form.days > 3 && form.type == 'annual'").isEmpty());
            results.add(conditions.compile("form.days > 3 && form.type == 'sick'").evaluate(vars));
            results.add(conditions.compile("!(form.amount < 1000) || instance.priority == 'HIGH'").evaluate(vars));
            results.add(conditions.compile("3 < form.days").evaluate(vars));
            // not CelConditions.builds(): loading that class would load CEL's exception classes, which this test looks for
            return results;
        }
    }

    /** Runs in the fresh loader: the JVM's first conditions only CEL reads, on several threads at once; the builds, then each answer. */
    static final class RacingFirstUses implements Callable<List<Object>> {
        @Override
        public List<Object> call() throws Exception {
            List<Boolean> each = race(false);
            List<Object> out = new ArrayList<>();
            out.add(CelConditions.builds());
            out.addAll(each);
            return out;
        }
    }

    /**
     * {@value #THREADS} threads at once, each compiling and evaluating a condition only CEL reads, of a different text.
     *
     * @param prepare whether each first prepares its condition, as deploying or loading its definition does
     * @return each thread's answer (all true)
     */
    static List<Boolean> race(boolean prepare) throws Exception {
        Conditions conditions = new Conditions();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String expression = "has(form.days) && form.days + " + i + " > " + (i + 3);
                answers.add(pool.submit(() -> {
                    go.await();
                    if (prepare) {
                        Conditions.prepare(List.of(expression));
                    }
                    // a different text per thread: each compiles its own, all need the environment
                    return conditions.compile(expression).evaluate(Map.of("form", Map.of("days", 5)));
                }));
            }
            go.countDown();
            List<Boolean> each = new ArrayList<>();
            for (Future<Boolean> f : answers) {
                each.add(f.get(2, TimeUnit.MINUTES));
            }
            return each;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs in the fresh loader: a plain condition whose field is missing: CEL's failure, in CEL's words. */
    static final class PlainWithMissingField implements Callable<String> {
        @Override
        public String call() {
            Condition c = new Conditions().compile("form.days > 3");
            try {
                c.evaluate(Map.of("form", Map.of("type", "annual")));
                return "no failure";
            } catch (dev.oakit.core.ValidationException e) {
                return e.getMessage() + " " + e.problems();
            }
        }
    }
}

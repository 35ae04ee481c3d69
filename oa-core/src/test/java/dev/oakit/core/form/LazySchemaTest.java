package dev.oakit.core.form;

import com.networknt.schema.JsonSchema;
import dev.oakit.core.ValidationException;
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
 * A form's JSON Schema is compiled when data first needs it: data the plain check passes never does, so a freshly
 * started host whose first forms are valid loads no JSON Schema library; the first data that does needs it gets the
 * same problems as before, and two first users at once share one compiled schema.
 */
class LazySchemaTest {
    private static final String SCHEMA_PACKAGE = "com.networknt.";

    @Test
    void validPlainDataLoadsNoJsonSchemaLibraryUntilDataNeedsIt() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            assertThat(fresh.<List<String>>call(Valid.class.getName())).isEmpty();
            assertThat(schemaClasses(fresh)).as("JSON Schema classes loaded by a form built, checked and normalized with valid data")
                    .isEmpty();
            assertThat(fresh.<List<String>>call(Invalid.class.getName())).as("the same form's problems").containsExactly("type", "days");
            assertThat(schemaClasses(fresh)).as("JSON Schema classes loaded once data the plain check cannot pass came").isNotEmpty();
        }
    }

    @Test
    void dataThePlainCheckPassesLeavesTheSchemaUncompiled() {
        FormEngine engine = new FormEngine("data of form 'leave'", leave().fields(), UnknownFields.REJECT);
        assertThat(engine.problems(ExpenseForm.json("{'type': 'annual', 'days': 2.5, 'reason': 'rest'}"))).isEmpty();
        assertThat(engine.schemaCompiled()).isFalse();
        var bad = ExpenseForm.json("{'type': 'other', 'days': 31, 'extra': 1}");
        FormEngine eager = new FormEngine("data of form 'leave'", leave().fields(), UnknownFields.REJECT);
        eager.schema();
        assertThat(engine.problems(bad)).isNotEmpty().isEqualTo(eager.problems(bad, true));
        assertThat(engine.schemaCompiled()).isTrue();
    }

    @Test
    void twoFirstUsersAtOnceGetOneCompiledSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                FormEngine engine = new FormEngine("data of form 'expense'", ExpenseForm.built().fields(), UnknownFields.REJECT);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JsonSchema>> got = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    got.add(pool.submit(() -> {
                        go.await();
                        return engine.schema();
                    }));
                }
                go.countDown();
                JsonSchema first = got.get(0).get(1, TimeUnit.MINUTES);
                assertThat(got.get(1).get(1, TimeUnit.MINUTES)).isSameAs(first).isSameAs(engine.schema());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> schemaClasses(IsolatedBuild.Loader loader) {
        return loader.loaded().stream().filter(c -> c.startsWith(SCHEMA_PACKAGE)).toList();
    }

    private static FormSchema leave() {
        return Forms.leave();
    }

    /** The form, apart from this class (whose own code names the JSON Schema library) for the fresh loader's callables. */
    static final class Forms {
        static FormSchema leave() {
            return FormSchema.builder("leave")
                    .select("type", f -> f.required().options("annual", "sick"))
                    .number("days", f -> f.required().min("0.5").max(30))
                    .text("reason", f -> f.maxLength(200))
                    .build();
        }
    }

    /** Runs in the fresh loader: a form built, valid data checked and normalized; the problems' paths. */
    static final class Valid implements Callable<List<String>> {
        @Override
        public List<String> call() {
            FormSchema form = Forms.leave();
            form.validator().normalize(Map.of("type", "annual", "days", 2));
            return form.validator().problems(Map.of("type", "annual", "days", 2, "reason", "rest")).stream()
                    .map(ValidationException.Problem::path).toList();
        }
    }

    /** Runs in the fresh loader: the same form's problems with invalid data. */
    static final class Invalid implements Callable<List<String>> {
        @Override
        public List<String> call() {
            return Forms.leave().validator().problems(Map.of("type", "other", "days", 31)).stream()
                    .map(ValidationException.Problem::path).toList();
        }
    }
}

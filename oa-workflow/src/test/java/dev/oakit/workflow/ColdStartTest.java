package dev.oakit.workflow;

import dev.oakit.core.testing.IsolatedBuild;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A freshly started host's way to its first approval, in a class loader of its own (OAKit's JVM-wide state as fresh
 * as in a new JVM): a process defined in Java and deployed, started and approved loads no YAML parser, none of the ANTLR
 * lexers Jdbi's default SQL parser runs, and, its condition being a plain comparison, none of the condition language (CEL); a process whose condition only CEL reads builds CEL
 * then and is approved as before; the first YAML definitions, read by several threads at once, come out equal to the
 * same definition in JSON.
 */
class ColdStartTest {
    private static final List<String> YAML_PACKAGES = List.of("org.yaml.snakeyaml.", "com.fasterxml.jackson.dataformat.yaml.");
    /** CEL and the libraries only it brings. */
    private static final List<String> CEL_PACKAGES = List.of("dev.cel.", "com.google.protobuf.", "org.antlr.", "com.google.re2j.");
    /** Jdbi's ANTLR lexers of SQL and templates, and the ANTLR runtime Jdbi carries inlined. */
    private static final List<String> JDBI_ANTLR = List.of("org.jdbi.v3.core.inlined.", "org.jdbi.v3.core.internal.lexer.");
    /**
     * The three ANTLR interfaces the JVM loads when it verifies Jdbi's own parser and template engine, which Jdbi makes
     * for every Jdbi before OAKit sets its own: loaded, never used (no lexer, no ANTLR runtime class).
     */
    private static final List<String> JDBI_ANTLR_VERIFIED = List.of("org.jdbi.v3.core.inlined.org.antlr.v4.runtime.$IntStream",
            "org.jdbi.v3.core.inlined.org.antlr.v4.runtime.$CharStream", "org.jdbi.v3.core.inlined.org.antlr.v4.runtime.$ANTLRErrorListener");

    @Test
    void theFirstApprovalOfAJavaDefinedProcessLoadsNoYaml() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            String status = fresh.call(FirstApproval.class.getName());
            assertThat(status).isEqualTo(InstanceStatus.APPROVED.name());
            assertThat(yaml(fresh.loaded())).as("YAML classes loaded on the way to the first approval").isEmpty();
            assertThat(loaded(fresh.loaded(), CEL_PACKAGES)).as("CEL classes loaded on the way to the first approval").isEmpty();
            assertThat(loaded(fresh.loaded(), JDBI_ANTLR)).as("Jdbi's ANTLR classes loaded on the way to the first approval")
                    .isSubsetOf(JDBI_ANTLR_VERIFIED);

            assertThat(fresh.<String>call(FirstApprovalWithCel.class.getName())).isEqualTo(InstanceStatus.APPROVED.name());
            assertThat(loaded(fresh.loaded(), CEL_PACKAGES)).as("CEL classes once a condition needs CEL").isNotEmpty();

            List<Boolean> equal = fresh.call(RacingFirstYamlDefinitions.class.getName());
            assertThat(equal).hasSize(RacingFirstYamlDefinitions.THREADS).containsOnly(true);
            assertThat(yaml(fresh.loaded())).isNotEmpty();
        }
    }

    private static List<String> yaml(List<String> classes) {
        return loaded(classes, YAML_PACKAGES);
    }

    private static List<String> loaded(List<String> classes, List<String> packages) {
        return classes.stream().filter(c -> packages.stream().anyMatch(c::startsWith)).toList();
    }

    /** Runs in the fresh loader: build, start, deploy, the directory, then one leave started and approved. */
    static final class FirstApproval implements Callable<String> {
        @Override
        public String call() {
            return approveFirst(WorkflowFixture.plainLeave(3));
        }
    }

    /** Runs in the fresh loader: the same with a condition only CEL reads, false for the leave started: approved by the manager. */
    static final class FirstApprovalWithCel implements Callable<String> {
        @Override
        public String call() {
            return approveFirst(WorkflowFixture.plainLeave("has(form.days) && form.days > 3"));
        }
    }

    /** Build, start, deploy the definition of key 'leave', the directory, then one leave of 2 days started and approved. */
    static String approveFirst(ProcessDefinition definition) {
        return WorkflowFixture.approveOneLeave("jdbc:h2:mem:cold-start-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", definition);
    }

    /** Runs in the fresh loader: the first YAML definitions of the JVM, read by several threads at once. */
    static final class RacingFirstYamlDefinitions implements Callable<List<Boolean>> {
        static final int THREADS = 8;

        @Override
        public List<Boolean> call() throws Exception {
            ProcessDefinition expected = WorkflowFixture.plainLeave(3);
            String yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .writeValueAsString(expected.toTree());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> read = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    read.add(pool.submit(() -> {
                        go.await();
                        return ProcessDefinition.fromYaml(yaml).equals(expected);
                    }));
                }
                go.countDown();
                List<Boolean> equal = new ArrayList<>();
                for (Future<Boolean> f : read) {
                    equal.add(f.get(2, TimeUnit.MINUTES));
                }
                return equal;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

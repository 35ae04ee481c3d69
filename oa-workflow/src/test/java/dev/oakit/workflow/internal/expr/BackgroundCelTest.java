package dev.oakit.workflow.internal.expr;

import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.IsolatedBuild;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CEL's environment is built off the command path: a definition with a condition only CEL reads, deployed or loaded from
 * the database, starts the build on {@link CelWarmUp}'s thread, and whoever needs CEL before it is ready waits for that
 * build; a failed background build leaves the first user to build it and report the error. Each case runs in a class
 * loader of its own, as fresh as a new JVM (the environment is built once per JVM).
 */
class BackgroundCelTest {
    static final String CEL_ONLY = "has(form.days) && form.days > 3";
    /** The database of {@link #aDefinitionLoadedAfterARestartStartsTheBuildInTheBackground}, passed to its fresh loaders. */
    static final String DATABASE = "oakit.test.background-cel.url";

    @Test
    void aDeployedDefinitionsConditionOnlyCelReadsIsCheckedWithCelBuiltInTheBackground() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            List<Object> deployed = fresh.call(DeployCelCondition.class.getName());
            assertThat(deployed).as("the thread that built CEL, the builds, the instance's status")
                    .containsExactly(CelWarmUp.THREAD, 1, "APPROVED");
        }
    }

    @Test
    void afterTheBackgroundBuildAFirstConditionLoadsNoCelClass() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            fresh.call(BuildInTheBackground.class.getName());
            List<String> built = cel(fresh);
            assertThat(built).as("CEL's classes loaded by the background build").isNotEmpty();
            assertThat(fresh.<Boolean>call(FirstCondition.class.getName())).isTrue();
            assertThat(cel(fresh)).as("CEL's classes loaded by the first condition after it").hasSameSizeAs(built);
        }
    }

    private static List<String> cel(IsolatedBuild.Loader loader) {
        return loader.loaded().stream().filter(c -> c.startsWith("dev.cel.") || c.startsWith("com.google.protobuf.")
                || c.startsWith("org.antlr.") || c.startsWith("com.google.re2j.")).toList();
    }

    @Test
    void aDefinitionLoadedAfterARestartStartsTheBuildInTheBackground(@TempDir Path dir) throws Exception {
        System.setProperty(DATABASE, "jdbc:h2:file:" + dir.resolve("oakit").toAbsolutePath());
        try {
            try (IsolatedBuild.Loader before = IsolatedBuild.freshClassPath()) {
                before.call(DeployCelCondition.class.getName());
            }
            try (IsolatedBuild.Loader after = IsolatedBuild.freshClassPath()) {
                List<Object> approved = after.call(ApproveAfterRestart.class.getName());
                assertThat(approved).as("the thread that built CEL, the builds, the instance's status")
                        .containsExactly(CelWarmUp.THREAD, 1, "APPROVED");
            }
        } finally {
            System.clearProperty(DATABASE);
        }
    }

    @Test
    void firstUsesAtOnceWithTheBackgroundBuildShareOneBuild() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            List<Object> raced = fresh.call(RacingFirstUses.class.getName());
            assertThat(raced.subList(0, 2)).as("the thread that built CEL, the builds").containsExactly(CelWarmUp.THREAD, 1);
            assertThat(raced.subList(2, raced.size())).as("each thread's answer").hasSize(LazyCelTest.THREADS).containsOnly(true);
        }
    }

    @Test
    void aFailedBackgroundBuildLeavesTheFirstUseToBuild() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            List<Object> built = fresh.call(BackgroundFails.class.getName());
            assertThat(built).as("the answer, the thread that built CEL, the builds")
                    .containsExactly(true, Thread.currentThread().getName(), 1);
        }
    }

    @Test
    void aBuildThatFailsEverywhereIsReportedToTheFirstUse() throws Exception {
        try (IsolatedBuild.Loader fresh = IsolatedBuild.freshClassPath()) {
            List<Object> reported = fresh.call(BuildFails.class.getName());
            assertThat(reported).as("the first use's error, then the builds, the next use's answer")
                    .containsExactly("IllegalStateException: CEL cannot be built", 0, true);
        }
    }

    /** Runs in a fresh loader: deploys the leave, then approves one; who built CEL. */
    static final class DeployCelCondition implements Callable<List<Object>> {
        @Override
        public List<Object> call() {
            String url = System.getProperty(DATABASE, "jdbc:h2:mem:background-cel-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            String status = WorkflowFixture.approveOneLeave(url, WorkflowFixture.plainLeave(CEL_ONLY));
            return List.of(CelConditions.builtOn(), CelConditions.builds(), status);
        }
    }

    /** Runs in a fresh loader on the database of a deploy before: starts and approves a leave, loading the definition. */
    static final class ApproveAfterRestart implements Callable<List<Object>> {
        @Override
        public List<Object> call() {
            String status = WorkflowFixture.approveOneLeave(System.getProperty(DATABASE), null);
            return List.of(CelConditions.builtOn(), CelConditions.builds(), status);
        }
    }

    /** Runs in a fresh loader: threads at once, each with a definition's condition only CEL reads, prepare it and compile it. */
    static final class RacingFirstUses implements Callable<List<Object>> {
        @Override
        public List<Object> call() throws Exception {
            List<Boolean> each = LazyCelTest.race(true);
            List<Object> out = new ArrayList<>(List.of(CelConditions.builtOn(), CelConditions.builds()));
            out.addAll(each);
            return out;
        }
    }

    /** Runs in a fresh loader: a definition's condition only CEL reads starts the background build, waited for. */
    static final class BuildInTheBackground implements Callable<Void> {
        @Override
        public Void call() {
            Conditions.prepare(List.of(CEL_ONLY));
            CelWarmUp.awaitBuild();
            return null;
        }
    }

    /** Runs in a fresh loader: a command's first condition only CEL reads, another than the background build's, compiled and evaluated. */
    static final class FirstCondition implements Callable<Boolean> {
        @Override
        public Boolean call() {
            return new Conditions().compile("has(form.days) && form.days >= 2 && !('hr' in initiator.roles)")
                    .evaluate(Map.of("form", Map.of("days", 2), "initiator", Map.of("roles", List.of("staff"))));
        }
    }

    /** Runs in a fresh loader: the background build fails; the first use builds CEL on its own thread. */
    static final class BackgroundFails implements Callable<List<Object>> {
        @Override
        public List<Object> call() {
            CelConditions.buildFault = () -> {
                if (Thread.currentThread().getName().equals(CelWarmUp.THREAD)) {
                    throw new IllegalStateException("the background build fails");
                }
            };
            Conditions.prepare(List.of(CEL_ONLY));
            boolean holds = new Conditions().compile(CEL_ONLY).evaluate(Map.of("form", Map.of("days", 5)));
            return List.of(holds, CelConditions.builtOn(), CelConditions.builds());
        }
    }

    /** Runs in a fresh loader: every build fails until the fault is gone; the first use gets the error, the next builds. */
    static final class BuildFails implements Callable<List<Object>> {
        @Override
        public List<Object> call() {
            CelConditions.buildFault = () -> {
                throw new IllegalStateException("CEL cannot be built");
            };
            Conditions.prepare(List.of(CEL_ONLY));
            Conditions conditions = new Conditions();
            List<Object> out = new ArrayList<>();
            try {
                conditions.check(CEL_ONLY);
                out.add("no failure");
            } catch (IllegalStateException | ValidationException e) {
                out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.add(CelConditions.builds());
            CelConditions.buildFault = null;
            out.add(conditions.compile(CEL_ONLY).evaluate(Map.of("form", Map.of("days", 5))));
            return out;
        }
    }
}

package dev.oakit.testing;

import dev.oakit.testing.base.Database;
import dev.oakit.testing.base.DatabaseTest;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What a host sees when it runs a flow on the matrix ({@link EveryDatabaseTest}): one run per selected database,
 * each named after it, the reachable ones passing (an unreachable one skipped, not missing); and a clear refusal
 * when OAKit would boot once per class under a test that runs once per database.
 */
class DatabaseMatrixRunsTest {
    @Test
    void theHostsFlowRunsOncePerSelectedDatabase() {
        EngineExecutionResults results = run(EveryDatabaseTest.class);

        List<String> selected = Arrays.stream(Database.values()).filter(Database::isSelected).map(d -> "[" + d.label() + "]").toList();
        long reachable = Arrays.stream(Database.values()).filter(Database::isSelected).filter(d -> d.unreachable().isEmpty()).count();
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())).containsExactlyElementsOf(selected);
        results.testEvents().assertStatistics(s -> s.succeeded(reachable).failed(0).aborted(selected.size() - reachable));
    }

    @OaKitTest(plugins = WorkflowPlugin.class, definitions = "")
    static class PerClassSample {
        @DatabaseTest(only = Database.H2)
        void wouldRunOnAnH2ThatIsNotItsRuns(OaTestKit kit) {
            kit.oa();
        }
    }

    @Test
    void anOakitPerClassUnderAMatrixMethodIsRefusedNamingTheFix() {
        assertThat(run(PerClassSample.class).testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse("")))
                .singleElement().asString()
                .contains("wouldRunOnAnH2ThatIsNotItsRuns runs once per database (@DatabaseTest)").contains("@OaKitTest(perMethod = true)");
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }
}

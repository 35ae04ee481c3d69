package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/** perMethod: every test method gets a fresh database (the same user is created in each), and fields are injected anew. */
@OaKitTest(plugins = WorkflowPlugin.class, tenant = "globex", definitions = "", perMethod = true)
class PerMethodTest {
    OaKit oa;
    TestClock clock;
    Directory directory;

    @RepeatedTest(2)
    void eachMethodStartsAfresh(OaTestKit kit) {
        assertThat(oa).isSameAs(kit.oa());
        assertThat(clock.instant()).isEqualTo(TestClock.MONDAY_MORNING);
        assertThat(kit.tenant()).isEqualTo("globex");
        assertThat(kit.service(ProcessDefinitions.class).deployments(kit.admin())).isEmpty();
        directory.createUser(kit.admin(), User.of("li.lei", "Li Lei"));
        clock.advance(java.time.Duration.ofDays(1));
    }
}

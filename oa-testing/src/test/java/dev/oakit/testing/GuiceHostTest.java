package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitModule;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.oakit.testing.OaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A Guice host's own wiring under oa-testing: its injector, its service, OAKit on the test's clock. */
class GuiceHostTest {
    /** The host's own service, injected by Guice with an OAKit service. */
    static final class ExpenseDesk {
        private final Approvals approvals;

        @Inject
        ExpenseDesk(Approvals approvals) {
            this.approvals = approvals;
        }

        ProcessInstance claim(String user, int amount) {
            return approvals.start(Actor.of("acme", user), StartRequest.of("expense", Map.of("amount", amount)));
        }
    }

    /** The host's module. */
    static final class HostModule extends AbstractModule {
        @Override
        protected void configure() {
            bind(ExpenseDesk.class);
        }
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:guice_host_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        ds.setUser("sa");
        return ds;
    }

    // tag::guice-test[]
    @RegisterExtension
    static OaKitHostExtension oakit = OaKitHostExtension.guice(clock -> Guice.createInjector(new HostModule(),
                    OaKitModule.builder().dataSource(h2()).clock(clock)   // the TestClock the extension hands over
                            .tenant("acme", "ACME").plugin(new WorkflowPlugin())
                            .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.02S"))) // runDueJobs returns soon
                            .build()))
            .definitions(null);

    @Inject
    ExpenseDesk desk;           // the host's own binding, injected by the host's injector
    OaTestKit kit;              // as with @OaKitTest: the kit, OaKit, TestClock, OAKit's services

    @BeforeAll
    static void organisation(OaTestKit kit) {
        SalesTeam.seed(kit);
        kit.deploy(DeadlineTest.expense());
    }

    @Test
    void aClaimThroughTheHostsServiceIsApprovedWhenItsDeadlineLadderFires() {
        ProcessInstance claim = desk.claim("li.lei", 120);
        assertThat(claim).isWaitingAt("manager").hasOpenTaskFor("wang.fang");

        kit.advance(Duration.ofDays(1));  // the clock the host's OAKit runs on
        assertThat(claim).hasTimelineEntry("auto-approved").isApproved();
    }
    // end::guice-test[]

    @Test
    void theKitIsTheInjectorsOakit(OaTestKit kit, OaKit oa, Injector injector, ExpenseDesk fromInjector) {
        assertThat(oa).isSameAs(injector.getInstance(OaKit.class)).isSameAs(kit.oa());
        assertThat(oa.isRunning()).isTrue();
        assertThat(fromInjector).isNotNull();
        ProcessInstance claim = fromInjector.claim("li.lei", 80);
        kit.as("wang.fang").approve(claim.id(), "ok");
        assertThat(kit, claim).isApproved();
    }
}

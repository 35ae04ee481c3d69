package dev.oakit.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real Spring Boot application context on each database of the matrix: Spring
 * Boot's own pool and transaction manager on a fresh schema, OAKit auto-configured on them.
 */
class SpringBootStarterTest {
    /** The tables a leave request writes, the host's and OAKit's. */
    private static final List<String> TABLES = List.of("host_leave", "oa_wf_instance", "oa_wf_task", "oa_core_audit",
            "oa_core_outbox", "oa_core_job");

    @DbTest
    void servicesAndPluginServicesAreBeansAndALeaveApprovalRuns(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = boot(db);
        OaKit oa = ctx.getBean(OaKit.class);
        assertThat(oa.isRunning()).as("started with the context").isTrue();
        for (Class<?> service : List.of(Directory.class, AuditLog.class, Jobs.class, Approvals.class, ApprovalQueries.class,
                ProcessDefinitions.class)) {
            assertThat(ctx.getBean(service)).as(service.getSimpleName()).isSameAs(oa.service(service));
        }
        assertThat(ctx.getBeanNamesForType(org.flywaydb.core.Flyway.class)).as("Spring Boot's own Flyway, for a host without migrations")
                .isEmpty();
        seed(ctx);
        long id = ctx.getBean(HostApp.LeaveDesk.class).request("alice", 2, false);
        Task task = todoOf(ctx, "bob", id);
        ctx.getBean(Approvals.class).approve(Actor.of(HostApp.TENANT, "bob"), task.id(), Decision.none());
        assertThat(ctx.getBean(ApprovalQueries.class).detail(HostApp.ADMIN, id).instance().status()).isEqualTo(InstanceStatus.APPROVED);
        ctx.close();
        assertThat(oa.isRunning()).as("stopped with the context").isFalse();
    }

    @DbTest
    void aHostTransactionThatThrowsAfterStartingAnApprovalLeavesNoInstanceTaskAuditEntryOrJob(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = boot(db);
        seed(ctx);
        Map<String, Long> before = counts(ctx);
        assertThatThrownBy(() -> ctx.getBean(HostApp.LeaveDesk.class).request("alice", 2, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after approval");
        assertThat(counts(ctx)).isEqualTo(before);
        assertThat(ctx.getBean(ApprovalQueries.class).todo(Actor.of(HostApp.TENANT, "bob"), TodoQuery.firstPage())).isEmpty();
        assertThat(ctx.getBean(HostApp.EventRecorderPlugin.class).events).isEmpty();
    }

    @DbTest
    void aHostTransactionThatCommitsCommitsTheApprovalWithItAndWakesTheWorkersAfterCommit(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = boot(db); // the workers poll once an hour: only a wake-up runs the delivery
        seed(ctx);
        Map<String, Long> before = counts(ctx);
        long id = ctx.getBean(HostApp.LeaveDesk.class).request("alice", 2, false);
        Map<String, Long> after = counts(ctx);
        assertThat(after.get("host_leave")).isEqualTo(before.get("host_leave") + 1);
        assertThat(after.get("oa_wf_instance")).isEqualTo(before.get("oa_wf_instance") + 1);
        assertThat(after.get("oa_wf_task")).isEqualTo(before.get("oa_wf_task") + 1);
        assertThat(after.get("oa_core_audit")).isGreaterThan(before.get("oa_core_audit"));
        assertThat(after.get("oa_core_job")).as("the listener's delivery").isGreaterThan(before.get("oa_core_job"));
        Task task = todoOf(ctx, "bob", id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ctx.getBean(HostApp.EventRecorderPlugin.class).events)
                .contains("wf.task.assigned:" + task.id()));
    }

    @DbTest
    void aHostThatCatchesAFailedCommandCommitsItsOwnWorkWithoutIt(TestDatabase db) throws Exception {
        ConfigurableApplicationContext ctx = boot(db);
        seed(ctx);
        Map<String, Long> before = counts(ctx);
        assertThat(ctx.getBean(HostApp.LeaveDesk.class).requestOrKeepTheBooking("alice", 2, "no-such-process")).startsWith("OA-WF/");
        Map<String, Long> after = counts(ctx);
        assertThat(after.get("host_leave")).isEqualTo(before.get("host_leave") + 1);
        assertThat(after.get("oa_wf_instance")).isEqualTo(before.get("oa_wf_instance"));
        assertThat(after.get("oa_wf_task")).isEqualTo(before.get("oa_wf_task"));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aValueThatDoesNotBindNamesItsOakitKey(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> boot(db, "oakit.jobs.threads=many"))
                .satisfies(e -> assertThat(messages(e)).contains("oakit.jobs.threads"));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aValueOakitRefusesNamesItsOakitKey(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> boot(db, "oakit.jobs.threads=0"))
                .satisfies(e -> assertThat(messages(e)).contains("oakit.jobs.threads (core.jobs.threads): core.jobs.threads must be between 1 and 256, was 0"));
    }

    /** Boots the host on the test's fresh schema with Spring Boot's own DataSource and transaction manager. */
    static ConfigurableApplicationContext boot(TestDatabase db, String... extra) throws Exception {
        HikariDataSource ds = db.dataSource().unwrap(HikariDataSource.class);
        db.execute("CREATE TABLE host_leave (id INT PRIMARY KEY AUTO_INCREMENT, user_id VARCHAR(64) NOT NULL, days INT NOT NULL)"
                .replace("INT PRIMARY KEY AUTO_INCREMENT", db.kind() == TestDatabase.Kind.POSTGRESQL ? "SERIAL PRIMARY KEY" : "INT PRIMARY KEY AUTO_INCREMENT"));
        List<String> props = new ArrayList<>(List.of(
                "spring.datasource.url=" + ds.getJdbcUrl(),
                "spring.datasource.username=" + ds.getUsername(),
                "spring.datasource.password=" + (ds.getPassword() == null ? "" : ds.getPassword()),
                "spring.datasource.hikari.maximum-pool-size=8",
                "oakit.tenants[0].id=" + HostApp.TENANT,
                "oakit.tenants[0].name=ACME",
                "oakit.jobs.poll-interval=1h",
                "oakit.jobs.threads=2",
                "oakit.audit.seal-interval=0s"));
        props.addAll(List.of(extra));
        return db.closeLater(new SpringApplicationBuilder(HostApp.class).web(WebApplicationType.NONE)
                .properties(props.toArray(String[]::new)).run());
    }

    static void seed(ConfigurableApplicationContext ctx) {
        DirectorySeed.of(ctx.getBean(Directory.class), HostApp.ADMIN).department("eng", null, "研发部")
                .users("alice", "bob", "root").members("eng", "alice", "bob").head("eng", "bob").admins("root");
        ctx.getBean(ProcessDefinitions.class).deploy(HostApp.ADMIN, HostApp.leave());
    }

    static Task todoOf(ConfigurableApplicationContext ctx, String user, long instanceId) {
        return ctx.getBean(ApprovalQueries.class).todo(Actor.of(HostApp.TENANT, user), TodoQuery.firstPage()).stream()
                .filter(t -> t.instanceId() == instanceId).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no open task for instance " + instanceId));
    }

    private static Map<String, Long> counts(ConfigurableApplicationContext ctx) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}

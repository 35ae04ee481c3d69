package dev.oakit.examples.spring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boots the example host as Spring Boot does and runs its leave requests; checks the versions its tree resolved. */
@SpringBootTest
class LeaveHostTest {
    @Autowired
    OaKit oaKit;
    @Autowired
    LeaveRequests leaveRequests;
    @Autowired
    ApprovalQueries queries;
    @Autowired
    Approvals approvals;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLeaveRequestIsBookedAndApprovedByTheManager() {
        assertThat(oaKit.isRunning()).isTrue();
        long id = leaveRequests.request("alice", LocalDate.of(2026, 12, 21), 3);
        approvals.approve(Actor.of("acme", "bob"), todoOf("bob", id).id(), Decision.none());
        assertThat(queries.detail(Organisation.ADMIN, id).instance().status()).isEqualTo(InstanceStatus.APPROVED);
    }

    @Test
    void longLeaveAlsoGoesToTheDirectorThroughABranchCondition() {
        long id = leaveRequests.request("alice", LocalDate.of(2026, 12, 21), 12);
        approvals.approve(Actor.of("acme", "bob"), todoOf("bob", id).id(), Decision.none());
        approvals.approve(Actor.of("acme", "carol"), todoOf("carol", id).id(), Decision.none());
        assertThat(queries.detail(Organisation.ADMIN, id).instance().status()).isEqualTo(InstanceStatus.APPROVED);
    }

    private Task todoOf(String user, long instanceId) {
        return queries.todo(Actor.of("acme", user), TodoQuery.firstPage()).stream()
                .filter(t -> t.instanceId() == instanceId).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no open task for instance " + instanceId));
    }

    @Test
    void aRequestTheHostRefusesAfterStartingItsApprovalLeavesNeitherRowNorApproval() {
        long rows = count("leave_request");
        long instances = count("oa_wf_instance");
        assertThatThrownBy(() -> leaveRequests.request("alice", LocalDate.of(2026, 12, 21), 25))
                .hasMessageContaining("at most 20 days");
        assertThat(count("leave_request")).isEqualTo(rows);
        assertThat(count("oa_wf_instance")).isEqualTo(instances);
    }

    /**
     * The host's tree, resolved by Maven under Spring Boot's dependency management and oa-bom (the
     * enforcer's dependencyConvergence rule of this module holds it to one version per artifact):
     * Spring Boot's Jackson and Flyway, one version across each family, and OAKit's Guava and protobuf.
     */
    @Test
    void theHostRunsOneVersionOfEachLibraryOakitShares() throws Exception {
        String root = Files.readString(Path.of(System.getProperty("oakit.root.pom", "../pom.xml")));
        assertThat(SpringBootVersion.getVersion()).as("this example's parent and the root POM's spring-boot.version")
                .isEqualTo(property(root, "spring-boot.version"));
        assertThat(versionOf(com.google.common.collect.ImmutableList.class)).as("Guava").isEqualTo(property(root, "guava.version"));
        assertThat(versionOf(com.google.protobuf.Message.class)).as("protobuf").isEqualTo(property(root, "protobuf.version"));
        String jackson = versionOf(ObjectMapper.class);
        assertThat(versionOf(JsonFactory.class)).as("jackson-core").isEqualTo(jackson);
        assertThat(versionOf(YAMLFactory.class)).as("jackson-dataformat-yaml").isEqualTo(jackson);
        assertThat(versionOf(JavaTimeModule.class)).as("jackson-datatype-jsr310").isEqualTo(jackson);
        String flyway = versionOf(Flyway.class);
        assertThat(versionOf(org.flywaydb.database.postgresql.PostgreSQLDatabaseType.class)).as("flyway-database-postgresql").isEqualTo(flyway);
        assertThat(versionOf(org.flywaydb.database.mysql.MySQLDatabaseType.class)).as("flyway-mysql").isEqualTo(flyway);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** @return the version of the jar a class came from: its folder in the Maven repository ({@code …/guava/33.6.0-jre/guava-33.6.0-jre.jar}) */
    private static String versionOf(Class<?> type) throws Exception {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getFileName().toString();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in the root POM").isTrue();
        return m.group(1).trim();
    }
}

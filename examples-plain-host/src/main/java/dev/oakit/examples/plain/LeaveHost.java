package dev.oakit.examples.plain;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.WorkflowPlugin;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's wiring of OAKit, in one place for its main class and its tests: the tenant, the plugins (approvals and
 * metrics on the host's registry), the database; then its organisation and its leave process.
 */
public final class LeaveHost {
    public static final String TENANT = "acme";
    static final Actor ADMIN = Actor.admin(TENANT, "root");
    static final String DEFINITION = "oakit/processes/leave.yaml";

    private LeaveHost() {
    }

    // tag::wiring[]
    /**
     * @param dataSource the host's database; null: OAKit's embedded H2 database in {@code dataDirectory}
     * @param metrics    OAKit's meters (commands, open tasks, job queue …) on the host's registry: {@code new MetricsPlugin(registry)}
     */
    public static OaKitBuilder oakit(DataSource dataSource, Path dataDirectory, MetricsPlugin metrics) {
        OaKitBuilder builder = OaKit.builder()
                .tenant(TENANT, "ACME Ltd")                 // created at start unless it exists
                .plugin(new WorkflowPlugin())
                .plugin(metrics);
        return dataSource != null ? builder.dataSource(dataSource) : builder.dataDirectory(dataDirectory);
    }
    // end::wiring[]

    /** Creates the organisation and deploys the leave process unless an earlier start did. */
    public static void setUp(OaKit oa) {
        Directory directory = oa.service(Directory.class);
        if (directory.findUser(ADMIN, "alice").isEmpty()) {
            seedOrganisation(directory, ADMIN);
            oa.service(ProcessDefinitions.class).deploy(ADMIN, leaveProcess());
        }
    }

    /** alice and bob in Engineering, bob its head (alice's manager); carol the director. */
    public static void seedOrganisation(Directory directory, Actor admin) {
        for (String user : List.of("alice", "bob", "carol")) {
            directory.createUser(admin, User.of(user, user));
        }
        directory.createDepartment(admin, Department.root("eng", "Engineering"));
        for (String user : List.of("alice", "bob", "carol")) {
            directory.saveMembership(admin, Membership.primary(user, "eng"));
        }
        directory.updateDepartment(admin, directory.department(admin, "eng").withHead("bob"));
    }

    /** The leave process of {@value #DEFINITION} on the class path (oa-testing deploys the same file in the tests). */
    public static ProcessDefinition leaveProcess() {
        try (InputStream in = LeaveHost.class.getClassLoader().getResourceAsStream(DEFINITION)) {
            if (in == null) {
                throw new IllegalStateException(DEFINITION + " is not on the class path");
            }
            return ProcessDefinition.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFINITION, e);
        }
    }
}

package dev.oakit.workflow.migration;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.InstanceMigrations;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationRefusedException;
import dev.oakit.workflow.MigrationReport;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/instance-migration.md shows the code below, and the code does what the doc says. */
class InstanceMigrationDocsTest {
    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/instance-migration.md"),
                Path.of("src/test/java/dev/oakit/workflow/migration/InstanceMigrationDocsTest.java")))
                .containsExactly("plan", "dry-run", "migrate", "one");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theSnippetsRun(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long waiting = f.start("alice", "leave", days(1)).id();
        long atDirector = f.start("dave", "leave", days(5)).id();
        f.approvals.approve(WorkflowFixture.user("bob"), f.todoOf("bob", atDirector).id(), dev.oakit.workflow.Decision.none());
        f.definitions.deploy(f.admin, InstanceMigrationTest.leaveRenamed());
        InstanceMigrations migrations = f.oa.service(InstanceMigrations.class);
        Actor admin = f.admin;
        List<String> problems = new ArrayList<>();

        // tag::plan[]
        MigrationPlan plan = MigrationPlan.of("leave", 1, 2) // every node maps to the node of v2 with the same id,
                .map("manager", "lead");                     // but 'manager' is called 'lead' in v2
        // end::plan[]
        // tag::dry-run[]
        MigrationReport check = migrations.validateAll(admin, plan); // changes nothing
        for (MigrationReport.Refusal refusal : check.refused()) {
            for (MigrationReport.Reason reason : refusal.reasons()) {
                problems.add("instance " + refusal.instanceId() + ": " + reason.message());
            }
        }
        // end::dry-run[]
        assertThat(check.migrated()).containsExactly(waiting);
        assertThat(problems).singleElement().asString().contains("node 'director'");
        // tag::migrate[]
        MigrationReport done = migrations.migrateAll(admin, plan);
        // done.migrated(): the instances now on v2; done.refused(): the others, unchanged, with their reasons
        // end::migrate[]
        assertThat(done.migrated()).containsExactly(waiting);
        long instanceId = atDirector;
        // tag::one[]
        try {
            migrations.migrate(admin, plan, instanceId);
        } catch (MigrationRefusedException e) {
            // e.getMessage() lists every reason; e.reasons() gives them one by one
            problems.add(e.reasons().get(0).problem() + " at node " + e.reasons().get(0).nodeId());
        }
        // end::one[]
        assertThat(problems).last().isEqualTo("NO_COUNTERPART at node director");
    }
}

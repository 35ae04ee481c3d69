package dev.oakit.examples.gettingstarted;

import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.Servers;
import dev.oakit.testing.base.Database;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.InstanceStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/getting-started.md and its Chinese translation show the code these tests compile and run. */
class GettingStartedTest {
    private static final Path SNIPPETS = Path.of("src/test/java/dev/oakit/examples/gettingstarted");

    @Test
    void theFirstLeaveIsApprovedOnTheEmbeddedDefault(@TempDir Path dir) {
        try (OaKit oa = FirstApproval.start(dir)) {
            InstanceDetail leave = FirstApproval.firstLeave(oa);
            assertApproved(leave);
            assertApproved(FirstApproval.firstLeave(oa)); // a second run: the import and the deployment change nothing
        }
    }

    @Test
    void onPostgreSqlOakitsTablesLandInTheSchemaOfTheDataSourceCreatedAtStart() throws Exception {
        Database.POSTGRESQL.skipReason().ifPresent(Assumptions::abort); // not selected, or down outside CI (fails on CI)
        String schema = "gs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(Servers.pgUrl(), Servers.pgUser(), Servers.pgPassword());
             Statement sql = admin.createStatement()) {
            try (HikariDataSource pool = OnPostgreSql.dataSource(Servers.pgUrl(), Servers.pgUser(), Servers.pgPassword(), schema);
                 OaKit oa = OnPostgreSql.start(pool)) {
                assertApproved(FirstApproval.firstLeave(oa));
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name IN ('oa_core_schema_history', 'oa_workflow_schema_history', 'oa_wf_instance', 'oa_core_audit')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("OAKit's tables in schema " + schema).isEqualTo(4);
                }
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + schema + ".oa_wf_instance WHERE status = 'APPROVED'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } finally {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void bothLanguagesShowTheTestedCode() {
        for (String doc : new String[]{"../docs/getting-started.md", "../docs/getting-started.zh.md"}) {
            assertThat(DocSnippets.assertShown(Path.of(doc), SNIPPETS.resolve("FirstApproval.java"))).containsExactly("first-approval");
            assertThat(DocSnippets.assertShown(Path.of(doc), SNIPPETS.resolve("OnPostgreSql.java"))).containsExactly("datasource");
            assertThat(DocSnippets.assertShown(Path.of(doc), Path.of("src/main/java/dev/oakit/examples/EmbeddingExample.java")))
                    .containsExactly("plain", "guice");
        }
    }

    private static void assertApproved(InstanceDetail leave) {
        assertThat(leave.instance().status()).isEqualTo(InstanceStatus.APPROVED);
        assertThat(leave.timeline()).anySatisfy(step -> {
            assertThat(step.actorId()).isEqualTo("wang.fang");
            assertThat(step.comment()).isEqualTo("enjoy");
        });
        assertThat(leave.timeline()).extracting(HistoryEntry::actorId).contains("li.lei");
    }
}

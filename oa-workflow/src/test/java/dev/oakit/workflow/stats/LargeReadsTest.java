package dev.oakit.workflow.stats;

import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalStatistics;
import dev.oakit.workflow.ApprovalStatistics.Period;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.WorkflowFixture;

import java.time.Duration;
import java.time.Instant;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads that stream a large result with a fetch size run inside a transaction: PostgreSQL's driver
 * fetches in batches only there (in auto-commit mode it loads the whole result into memory). The
 * audit chain check and the statistics' percentile pass are such reads; other queries read in
 * auto-commit mode.
 */
class LargeReadsTest {
    @DbTest(only = TestDatabase.Kind.H2)
    void theAuditChainAndThePercentilePassAreStreamedInsideATransaction(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        OaKit oa = WorkflowFixture.startCounting(db, counting);
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        long pi = f.start("alice", "leave", days(1)).id();
        f.approvals.approve(user("bob"), f.todoOf("bob", pi).id(), Decision.none());
        oa.service(AuditLog.class).recent(f.admin, 1); // seals (the counting node runs no background sealer)
        counting.logging(true);
        counting.reset();

        assertThat(oa.service(AuditLog.class).verify(f.admin).intact()).isTrue();
        Period all = Period.of(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
        assertThat(oa.service(ApprovalStatistics.class).byUser(f.admin, all)).hasSize(1);
        assertThat(counting.log()).anyMatch(sql -> sql.contains("FROM oa_core_audit WHERE"))
                .anyMatch(sql -> sql.contains("t.work_ms FROM oa_wf_task"));
        assertThat(counting.autoCommitted()).noneMatch(sql -> sql.contains("FROM oa_core_audit WHERE"))
                .noneMatch(sql -> sql.contains("t.work_ms FROM oa_wf_task"));

        counting.reset();
        f.status(pi);
        assertThat(counting.autoCommitted()).as("an ordinary query reads in auto-commit mode").isNotEmpty();
    }
}

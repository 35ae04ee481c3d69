package dev.oakit.workflow.internal.store;

import dev.oakit.workflow.HistoryEntry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;

/**
 * Every statement on {@code oa_wf_history}: the entries of instances whose inline timeline (see
 * {@link dev.oakit.workflow.internal.Timeline}) is full, or that started before it existed. The
 * inline lines themselves ride on the instance's own UPDATE ({@link InstanceRepository#save}).
 */
@Singleton
public final class HistoryRepository {
    @Inject
    private HistoryRepository() {
    }

    /** Appends entries of one instance in one statement, in order. */
    public void append(Handle h, String tenantId, long instanceId, List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO oa_wf_history (tenant_id, instance_id, task_id, node_id, action, actor_id, on_behalf_of, comment, detail, at)
                VALUES (:t, :i, :task, :n, :a, :actor, :behalf, :c, :d, :now)""");
        for (HistoryEntry e : entries) {
            batch.bind("t", tenantId).bind("i", instanceId).bind("task", e.taskId()).bind("n", e.nodeId())
                    .bind("a", e.action()).bind("actor", e.actorId()).bind("behalf", e.onBehalfOf())
                    .bind("c", e.comment()).bind("d", e.detail()).bind("now", Rows.db(e.at())).add();
        }
        batch.execute();
    }

    /** @return the entries of an instance stored in the table, in order */
    public List<HistoryEntry> of(Handle h, long instanceId) {
        return h.createQuery("SELECT * FROM oa_wf_history WHERE instance_id = :i ORDER BY id")
                .bind("i", instanceId)
                .map((rs, c) -> new HistoryEntry(Rows.instant(rs, "at"), rs.getString("action"), rs.getString("actor_id"),
                        rs.getString("on_behalf_of"), rs.getString("node_id"), rs.getObject("task_id", Long.class),
                        rs.getString("comment"), rs.getString("detail")))
                .list();
    }
}

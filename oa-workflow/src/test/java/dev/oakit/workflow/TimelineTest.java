package dev.oakit.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.internal.Timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline kept with its instance (oa_wf_instance.timeline, JSON lines appended by the
 * state's UPDATE), its spill into oa_wf_history when it outgrows the inline limit, and instances
 * from before the inline timeline, whose entries stay in oa_wf_history.
 */
class TimelineTest {
    private static long historyRows(TestDatabase db, long instanceId) throws Exception {
        return ((Number) one(db, "SELECT COUNT(*) FROM oa_wf_history WHERE instance_id = ?", instanceId)).longValue();
    }

    private static String inline(TestDatabase db, long instanceId) throws Exception {
        return (String) one(db, "SELECT timeline FROM oa_wf_instance WHERE id = ?", instanceId);
    }

    private static Object one(TestDatabase db, String sql, long id) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Object v = rs.getObject(1);
                return v instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : v;
            }
        }
    }

    @DbTest
    void stepsAreKeptInlineWithOnBehalfOfCommentsAndDetail(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        Task t = f.todoOf("bob", pi.id());
        f.approvals.comment(user("alice"), pi.id(), Decision.comment("请尽快审批 \"急\"\n第二行").withAttachments("file:1"));
        f.approvals.transfer(user("bob"), t.id(), "dave", Decision.comment("转给 dave"));
        f.approvals.approve(user("dave"), f.todoOf("dave", pi.id()).id(), Decision.comment("同意"));

        List<HistoryEntry> timeline = f.queries.detail(user("alice"), pi.id()).timeline();
        assertThat(timeline).extracting(HistoryEntry::action).containsExactly("started", "commented", "transferred", "approved");
        assertThat(timeline.get(1).comment()).isEqualTo("请尽快审批 \"急\"\n第二行");
        assertThat(timeline.get(1).detail()).contains("file:1");
        assertThat(timeline.get(2).taskId()).isEqualTo(t.id());
        assertThat(timeline.get(2).actorId()).isEqualTo("bob");
        assertThat(timeline.get(3).actorId()).isEqualTo("dave");
        assertThat(timeline).allSatisfy(e -> assertThat(e.at()).isNotNull());
        assertThat(timeline.get(0).at()).isBeforeOrEqualTo(timeline.get(3).at());
        assertThat(historyRows(db, pi.id())).as("nothing in oa_wf_history").isZero();
        assertThat(inline(db, pi.id()).lines()).hasSize(4);
        assertThat(Timeline.parse(new ObjectMapper(), inline(db, pi.id()))).isEqualTo(timeline);
    }

    @DbTest
    void aLongTimelineSpillsIntoTheHistoryTableInOrder(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        List<String> expected = new ArrayList<>(List.of("started"));
        String filler = "长".repeat(1900);
        int comments = Timeline.INLINE_LIMIT / 1900 + 3;
        for (int i = 0; i < comments; i++) {
            f.approvals.comment(user("alice"), pi.id(), Decision.comment(i + filler));
            expected.add("commented");
        }
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.none());
        expected.add("approved");

        List<HistoryEntry> timeline = f.queries.detail(user("alice"), pi.id()).timeline();
        assertThat(timeline).extracting(HistoryEntry::action).containsExactlyElementsOf(expected);
        for (int i = 0; i < comments; i++) {
            assertThat(timeline.get(1 + i).comment()).startsWith(i + "长");
        }
        assertThat(inline(db, pi.id()).length()).isLessThanOrEqualTo(Timeline.INLINE_LIMIT);
        assertThat(historyRows(db, pi.id())).as("entries past the inline limit").isPositive();
    }

    @DbTest
    void anInstanceFromBeforeTheInlineTimelineKeepsWritingToTheHistoryTable(TestDatabase db) throws Exception {
        WorkflowFixture f = new WorkflowFixture(db);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));
        // as V1-V4 left it: the started entry in oa_wf_history, no timeline column value, no timelineChars in the state
        ObjectMapper json = new ObjectMapper();
        try (Connection c = db.dataSource().getConnection()) {
            String state;
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM oa_wf_instance WHERE id = ?")) {
                s.setLong(1, pi.id());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    state = rs.getString(1);
                }
            }
            ObjectNode old = (ObjectNode) json.readTree(state);
            assertThat(old.has("timelineChars")).isTrue();
            old.remove("timelineChars");
            HistoryEntry started = Timeline.parse(json, inline(db, pi.id())).get(0);
            try (PreparedStatement s = c.prepareStatement("UPDATE oa_wf_instance SET timeline = NULL, state = ? WHERE id = ?")) {
                s.setString(1, json.writeValueAsString(old));
                s.setLong(2, pi.id());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO oa_wf_history (tenant_id, instance_id, node_id, action,"
                    + " actor_id, at) VALUES ('acme', ?, ?, 'started', 'alice', ?)")) {
                s.setLong(1, pi.id());
                s.setString(2, started.nodeId());
                s.setObject(3, java.time.LocalDateTime.ofInstant(started.at(), java.time.ZoneOffset.UTC));
                s.executeUpdate();
            }
        }
        f.approvals.approve(user("bob"), f.todoOf("bob", pi.id()).id(), Decision.comment("同意"));

        List<HistoryEntry> timeline = f.queries.detail(user("alice"), pi.id()).timeline();
        assertThat(timeline).extracting(HistoryEntry::action).containsExactly("started", "approved");
        assertThat(timeline.get(1).comment()).isEqualTo("同意");
        assertThat(inline(db, pi.id())).isNull();
        assertThat(historyRows(db, pi.id())).isEqualTo(2);
    }
}

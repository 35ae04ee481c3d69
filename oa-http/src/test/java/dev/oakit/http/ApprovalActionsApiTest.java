package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** The actions beyond approve (parallel signers among them), the Idempotency-Key and the ETags, over HTTP. */
class ApprovalActionsApiTest {
    private static final Map<String, Object> FIVE_DAYS = Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 5));

    @DbTest
    void anIdempotencyKeyStartsOnceAndCannotBeReusedForAnotherAction(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res first = f.send(f.request("approvals", "alice").header("Idempotency-Key", "k-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(HttpFixture.json(FIVE_DAYS))).build());
            Res again = f.send(f.request("approvals", "alice").header("Idempotency-Key", "k-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(HttpFixture.json(FIVE_DAYS))).build());
            assertThat(again.body().get("id").asLong()).isEqualTo(first.body().get("id").asLong());
            assertThat(f.get("approvals/started", "alice").body().get("items")).hasSize(1);

            long task = f.get("approvals/todo", "bob").body().at("/items/0/id").asLong();
            Res reused = f.send(f.request("approvals/tasks/" + task + "/approve", "bob").header("Idempotency-Key", "k-1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.body().get("code").asText()).isEqualTo("OA-CORE/REQUEST_ID_REUSED");
        }
    }

    @DbTest
    void theInstanceETagSavesARereadAndIfMatchRefusesAStaleAction(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long id = f.post("approvals", "alice", FIVE_DAYS).body().get("id").asLong();
            Res read = f.get("approvals/instances/" + id, "alice");
            String etag = read.header("ETag");
            assertThat(etag).startsWith("\"");
            assertThat(f.send(f.request("approvals/instances/" + id, "alice").header("If-None-Match", etag).GET().build()).status()).isEqualTo(304);

            assertThat(f.post("approvals/instances/" + id + "/comment", "alice", Map.of("comment", "急")).status()).isEqualTo(204);
            Res stale = f.send(f.request("approvals/instances/" + id + "/urge", "alice").header("If-Match", etag)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.body().get("code").asText()).isEqualTo(HttpErrors.PRECONDITION_FAILED);
            String fresh = f.get("approvals/instances/" + id, "alice").header("ETag");
            assertThat(fresh).isNotEqualTo(etag);
            assertThat(f.send(f.request("approvals/instances/" + id + "/urge", "alice").header("If-Match", fresh)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(204);
            assertThat(f.get("approvals/instances/" + id, "alice").body().get("timeline").findValuesAsText("action"))
                    .contains("commented", "urged");
        }
    }

    @DbTest
    void transferAddSignerReturnAndWithdrawGoThroughTheEngine(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long id = f.post("approvals", "alice", FIVE_DAYS).body().get("id").asLong();
            long bobTask = f.get("approvals/todo", "bob").body().at("/items/0/id").asLong();
            assertThat(f.post("approvals/tasks/" + bobTask + "/transfer", "bob", Map.of("toUserId", "dave")).status()).isEqualTo(204);
            long daveTask = f.get("approvals/todo", "dave").body().at("/items/0/id").asLong();
            assertThat(f.post("approvals/tasks/" + daveTask + "/add-signer", "dave",
                    Map.of("position", "AFTER", "userIds", List.of("zhao"))).status()).isEqualTo(204);
            // 后加签: dave's task is done with the signing, zhao signs after him
            assertThat(f.get("approvals/todo", "dave").body().get("items")).isEmpty();
            long zhaoTask = f.get("approvals/todo", "zhao").body().at("/items/0/id").asLong();
            Res back = f.post("approvals/tasks/" + zhaoTask + "/return", "zhao", Map.of("targetNodeId", "start", "comment", "补充事由"));
            assertThat(back.status()).as(String.valueOf(back.body())).isEqualTo(204);
            Res view = f.get("approvals/instances/" + id, "alice");
            assertThat(view.body().at("/instance/status").asText()).isEqualTo("RETURNED");
            assertThat(view.body().get("actions").findValuesAsText("name")).contains("resubmit", "cancel");
            Res bad = f.post("approvals/tasks/" + zhaoTask + "/add-signer", "zhao", Map.of("position", "SIDEWAYS"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().get("errors").findValuesAsText("path")).containsExactly("position");
            assertThat(f.post("approvals/instances/" + id + "/cancel", "alice", Map.of()).status()).isEqualTo(204);
            assertThat(f.post("approvals/instances/" + id + "/withdraw", "alice", Map.of()).body().get("code").asText()).startsWith("OA-WF/");
        }
    }

    /** @return "assignee:kind@node" of the instance's open tasks, as the instance view shows them */
    private static List<String> openTasks(JsonNode view) {
        List<String> open = new java.util.ArrayList<>();
        view.get("tasks").forEach(t -> {
            if (t.get("status").asText().equals("OPEN")) {
                open.add(t.get("assigneeId").asText() + ":" + t.get("kind").asText() + "@" + t.get("nodeId").asText());
            }
        });
        return open;
    }

    /** @return the actions the view offers, as "name:taskId:userIds" */
    private static List<String> actions(JsonNode view) {
        List<String> out = new java.util.ArrayList<>();
        view.get("actions").forEach(a -> out.add(a.get("name").asText() + ":" + a.path("taskId").asText() + ":" + a.path("userIds")));
        return out;
    }

    @DbTest
    void parallelSignersAreShownAndEachApprovesInTheNodesMode(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long id = f.post("approvals", "alice", FIVE_DAYS).body().get("id").asLong();
            long bobTask = f.get("approvals/todo", "bob").body().at("/items/0/id").asLong();
            Res added = f.post("approvals/tasks/" + bobTask + "/add-signer", "bob",
                    Map.of("position", "PARALLEL", "userIds", List.of("zhao", "dave"), "comment", "请一起看"));
            assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(204);

            // 并加签: bob keeps his task; zhao and dave each get a task of the same node, shown as parallel signers
            JsonNode view = f.get("approvals/instances/" + id, "alice").body();
            assertThat(openTasks(view)).containsExactlyInAnyOrder("bob:APPROVAL@manager", "zhao:SIGNER_PARALLEL@manager",
                    "dave:SIGNER_PARALLEL@manager");
            assertThat(view.get("timeline").findValuesAsText("action")).contains("signer-added");
            long zhaoTask = f.get("approvals/todo", "zhao").body().at("/items/0/id").asLong();
            long daveTask = f.get("approvals/todo", "dave").body().at("/items/0/id").asLong();
            assertThat(actions(f.get("approvals/instances/" + id, "zhao").body())).anyMatch(a -> a.startsWith("approve:" + zhaoTask + ":"));
            assertThat(actions(f.get("approvals/instances/" + id, "bob").body()))
                    .anyMatch(a -> a.startsWith("remove-signer:" + bobTask + ":") && a.contains("zhao") && a.contains("dave"));

            // the node's mode is ALL: it waits for every one of them, the signers included, in any order
            assertThat(f.post("approvals/tasks/" + zhaoTask + "/approve", "zhao", Map.of("comment", "同意")).status()).isEqualTo(204);
            assertThat(openTasks(f.get("approvals/instances/" + id, "alice").body()))
                    .containsExactlyInAnyOrder("bob:APPROVAL@manager", "dave:SIGNER_PARALLEL@manager");
            assertThat(f.post("approvals/tasks/" + bobTask + "/approve", "bob", Map.of()).status()).isEqualTo(204);
            assertThat(openTasks(f.get("approvals/instances/" + id, "alice").body())).containsExactly("dave:SIGNER_PARALLEL@manager");
            assertThat(f.post("approvals/tasks/" + daveTask + "/approve", "dave", Map.of()).status()).isEqualTo(204);
            JsonNode after = f.get("approvals/instances/" + id, "alice").body();
            assertThat(openTasks(after)).as("five days: the director next").containsExactly("carol:APPROVAL@director");
            assertThat(after.at("/instance/status").asText()).isEqualTo("RUNNING");
        }
    }
}

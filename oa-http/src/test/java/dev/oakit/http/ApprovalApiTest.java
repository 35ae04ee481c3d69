package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class ApprovalApiTest {
    private static final Map<String, Object> FIVE_DAYS = Map.of("processKey", "leave", "title", "年假",
            "form", Map.of("type", "annual", "days", 5, "reason", "rest"));

    @DbTest
    void aLeaveRequestIsStartedAndApprovedByTwoUsersWithTheirOwnTokens(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res preview = f.post("approvals/preview", "alice", FIVE_DAYS);
            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.body().get("steps").findValuesAsText("nodeId")).contains("manager", "director");

            Res started = f.post("approvals", "alice", FIVE_DAYS);
            assertThat(started.status()).isEqualTo(201);
            long id = started.body().get("id").asLong();
            assertThat(started.header("Location")).isEqualTo("approvals/instances/" + id);

            Res bobTodo = f.get("approvals/todo?process=leave", "bob");
            assertThat(bobTodo.status()).isEqualTo(200);
            JsonNode task = bobTodo.body().get("items").get(0);
            assertThat(task.get("instanceId").asLong()).isEqualTo(id);
            Res bobView = f.get("approvals/instances/" + id, "bob");
            assertThat(actions(bobView.body())).contains("approve#" + task.get("id").asLong(), "comment");
            assertThat(f.post("approvals/tasks/" + task.get("id").asLong() + "/approve", "bob", Map.of("comment", "同意")).status())
                    .isEqualTo(204);

            long carolTask = f.get("approvals/todo", "carol").body().get("items").get(0).get("id").asLong();
            assertThat(f.post("approvals/tasks/" + carolTask + "/approve", "carol", Map.of()).status()).isEqualTo(204);

            Res detail = f.get("approvals/instances/" + id, "alice");
            assertThat(detail.body().at("/instance/status").asText()).isEqualTo("APPROVED");
            assertThat(detail.body().get("timeline").findValuesAsText("action")).containsExactly("started", "approved", "approved", "ended");
            assertThat(detail.body().at("/timeline/1/comment").asText()).isEqualTo("同意");
            assertThat(actions(detail.body())).containsExactly("comment");
            assertThat(f.get("approvals/done", "bob").body().get("items").findValuesAsText("instanceId")).containsExactly(Long.toString(id));
            assertThat(f.get("approvals/started", "alice").body().get("items").findValuesAsText("status")).containsExactly("APPROVED");
            assertThat(f.get("me", "alice").body().get("userId").asText()).isEqualTo("alice");
        }
    }

    @DbTest
    void withoutATokenEveryEndpointAnswers401(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res r = f.get("approvals/todo", null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.body().get("code").asText()).isEqualTo(HttpErrors.UNAUTHENTICATED);
            assertThat(r.body().get("status").asInt()).isEqualTo(401);
            assertThat(f.post("approvals", null, FIVE_DAYS).status()).isEqualTo(401);
        }
    }

    @DbTest
    void anotherUsersTaskIsA403ProblemWithTheEnginesCode(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            f.post("approvals", "alice", FIVE_DAYS);
            long bobTask = f.get("approvals/todo", "bob").body().get("items").get(0).get("id").asLong();
            Res r = f.post("approvals/tasks/" + bobTask + "/approve", "dave", Map.of());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body().get("code").asText()).startsWith("OA-WF/");
            assertThat(r.body().get("detail").asText()).contains("bob");
            assertThat(f.get("approvals/todo", "bob").body().get("items")).hasSize(1);
        }
    }

    @DbTest
    void aBadFormFieldIsA400NamingItsPath(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res r = f.post("approvals", "alice", Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 99)));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body().get("code").asText()).isEqualTo("OA-CORE/FORM_INVALID");
            assertThat(r.body().get("errors").findValuesAsText("path")).containsExactly("days");
            assertThat(r.body().at("/errors/0/message").asText()).isEqualTo("must be at most 30");
            Res typo = f.post("approvals", "alice", Map.of("processKey", "leave", "from", Map.of()));
            assertThat(typo.status()).isEqualTo(400);
            assertThat(typo.body().get("code").asText()).isEqualTo(HttpErrors.BAD_REQUEST);
            assertThat(typo.body().get("errors").findValuesAsText("path")).containsExactly("from");
            assertThat(f.get("approvals/started", "alice").body().get("items")).isEmpty();
        }
    }

    private static List<String> actions(JsonNode view) {
        List<String> out = new ArrayList<>();
        view.get("actions").forEach(a -> out.add(a.get("name").asText() + (a.get("taskId").isNull() ? "" : "#" + a.get("taskId").asLong())));
        return out;
    }
}

package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import dev.oakit.workflow.WorkflowErrors;
import java.util.List;
import java.util.Map;

/** Pool claim and release, delegate and resolve, remove signer, and the administrators' jump, suspend and resume over HTTP. */
class PoolDelegateAdminApiTest {
    private static final Map<String, Object> ONE_DAY = Map.of("type", "annual", "days", 1);

    @DbTest
    void aPoolTaskIsClaimedReleasedClaimedAgainDelegatedResolvedAndApproved(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long id = f.post("approvals", "alice", Map.of("processKey", "reimburse", "form", ONE_DAY)).body().get("id").asLong();
            Res pool = f.get("approvals/pool", "fay");
            assertThat(pool.body().get("items").findValuesAsText("instanceId")).containsExactly(Long.toString(id));
            long task = pool.body().at("/items/0/id").asLong();
            assertThat(names(f.get("approvals/instances/" + id, "fay"))).contains("claim#" + task);

            assertThat(f.post("approvals/tasks/" + task + "/claim", "fay", Map.of()).status()).isEqualTo(204);
            assertThat(f.get("approvals/pool", "gus").body().get("items")).isEmpty();
            Res late = f.post("approvals/tasks/" + task + "/claim", "gus", Map.of());
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.body().get("code").asText()).isEqualTo(WorkflowErrors.ALREADY_CLAIMED);
            assertThat(names(f.get("approvals/instances/" + id, "fay"))).contains("release#" + task, "approve#" + task);
            assertThat(f.post("approvals/tasks/" + task + "/release", "fay", Map.of()).status()).isEqualTo(204);
            assertThat(f.post("approvals/tasks/" + task + "/claim", "gus", Map.of()).status()).isEqualTo(204);

            assertThat(f.post("approvals/tasks/" + task + "/delegate", "gus", Map.of("toUserId", "hal", "comment", "请核对发票")).status())
                    .isEqualTo(204);
            assertThat(names(f.get("approvals/instances/" + id, "hal"))).contains("resolve#" + task).doesNotContain("approve#" + task);
            Res byDelegate = f.post("approvals/tasks/" + task + "/approve", "hal", Map.of());
            assertThat(byDelegate.status()).isEqualTo(403);
            assertThat(byDelegate.body().get("code").asText()).isEqualTo(WorkflowErrors.DELEGATED);
            assertThat(f.post("approvals/tasks/" + task + "/resolve", "hal", Map.of("comment", "核对无误")).status()).isEqualTo(204);
            assertThat(f.post("approvals/tasks/" + task + "/approve", "gus", Map.of()).status()).isEqualTo(204);
            assertThat(f.get("approvals/instances/" + id, "alice").body().at("/instance/status").asText()).isEqualTo("APPROVED");

            Res noOne = f.post("approvals/tasks/" + task + "/delegate", "gus", Map.of());
            assertThat(noOne.status()).isEqualTo(400);
            assertThat(noOne.body().get("errors").findValuesAsText("path")).containsExactly("toUserId");
        }
    }

    @DbTest
    void aSignerIsRemovedAndAnAdministratorSuspendsResumesAndJumps(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long id = f.post("approvals", "alice", Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 5)))
                    .body().get("id").asLong();
            long bobTask = f.get("approvals/todo", "bob").body().at("/items/0/id").asLong();
            assertThat(f.post("approvals/tasks/" + bobTask + "/add-signer", "bob",
                    Map.of("position", "PARALLEL", "userIds", List.of("dave", "zhao"))).status()).isEqualTo(204);
            Res view = f.get("approvals/instances/" + id, "bob");
            assertThat(view.body().get("actions")).anySatisfy(a -> {
                assertThat(a.get("name").asText()).isEqualTo("remove-signer");
                assertThat(a.get("userIds")).extracting(n -> n.asText()).containsExactlyInAnyOrder("dave", "zhao");
            });
            Res nobody = f.post("approvals/tasks/" + bobTask + "/remove-signer", "bob", Map.of());
            assertThat(nobody.status()).isEqualTo(400);
            assertThat(nobody.body().get("errors").findValuesAsText("path")).containsExactly("userId");
            assertThat(f.post("approvals/tasks/" + bobTask + "/remove-signer", "bob", Map.of("userId", "dave")).status()).isEqualTo(204);
            assertThat(f.get("approvals/todo", "dave").body().get("items")).isEmpty();

            Res notAdmin = f.post("approvals/instances/" + id + "/suspend", "alice", Map.of());
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.body().get("code").asText()).startsWith("OA-");
            assertThat(f.postAsAdmin("approvals/instances/" + id + "/suspend", Map.of("comment", "审计中")).status()).isEqualTo(204);
            Res whileSuspended = f.post("approvals/tasks/" + bobTask + "/approve", "bob", Map.of());
            assertThat(whileSuspended.status()).isEqualTo(409);
            assertThat(whileSuspended.body().get("code").asText()).isEqualTo(WorkflowErrors.NOT_RUNNING);
            assertThat(f.postAsAdmin("approvals/instances/" + id + "/resume", Map.of()).status()).isEqualTo(204);

            Res nowhere = f.postAsAdmin("approvals/instances/" + id + "/jump", Map.of("targetNodeId", "nowhere"));
            assertThat(nowhere.status()).isEqualTo(400);
            assertThat(nowhere.body().get("errors").findValuesAsText("path")).containsExactly("targetNodeId");
            assertThat(f.postAsAdmin("approvals/instances/" + id + "/jump", Map.of("targetNodeId", "director")).status()).isEqualTo(204);
            assertThat(f.get("approvals/todo", "carol").body().get("items").findValuesAsText("nodeId")).containsExactly("director");
            assertThat(f.get("approvals/todo", "bob").body().get("items")).isEmpty();
            assertThat(f.get("approvals/instances/" + id, "alice").body().get("timeline").findValuesAsText("action"))
                    .contains("signer-added", "signer-removed", "suspended", "resumed", "jumped");
        }
    }

    private static List<String> names(Res view) {
        List<String> out = new java.util.ArrayList<>();
        view.body().get("actions").forEach(a -> out.add(a.get("name").asText() + (a.get("taskId").isNull() ? "" : "#" + a.get("taskId").asLong())));
        return out;
    }
}

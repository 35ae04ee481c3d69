package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.net.http.HttpRequest;
import java.util.Map;

/** The monitor and dead jobs answer administrators only; the engine's check, a 403 problem for others. */
class AdminApiTest {
    @DbTest
    void theMonitorShowsRunningInstancesToAnAdministratorOnly(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            f.post("approvals", "alice", Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 2)));
            Res monitor = f.send(HttpRequest.newBuilder(f.server.uri().resolve("admin/approvals/monitor"))
                    .header("Authorization", "Bearer " + f.token("root", "oa-admin")).build());
            assertThat(monitor.status()).as(String.valueOf(monitor.body())).isEqualTo(200);
            assertThat(monitor.body().get("running").findValuesAsText("processKey")).containsExactly("leave");
            Res dead = f.send(HttpRequest.newBuilder(f.server.uri().resolve("admin/jobs/dead"))
                    .header("Authorization", "Bearer " + f.token("root", "oa-admin")).build());
            assertThat(dead.status()).isEqualTo(200);
            assertThat(dead.body().get("items")).isEmpty();

            Res refused = f.get("admin/approvals/monitor", "alice");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().get("code").asText()).isEqualTo(dev.oakit.workflow.WorkflowErrors.MONITOR);
            assertThat(f.get("admin/jobs/dead", "alice").status()).isEqualTo(403);
        }
    }

    @DbTest
    void anAdministratorMigratesInstancesAndARefusalListsEveryReason(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long atManager = f.post("approvals", "alice", Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 2)))
                    .body().get("id").asLong();
            long atDirector = f.post("approvals", "dave", Map.of("processKey", "leave", "form", Map.of("type", "annual", "days", 5)))
                    .body().get("id").asLong();
            var bob = dev.oakit.workflow.WorkflowFixture.user("bob");
            f.workflow.approvals.approve(bob, f.workflow.todoOf("bob", atDirector).id(), dev.oakit.workflow.Decision.none());
            // v2: the manager decides alone
            f.workflow.definitions.deploy(f.workflow.admin, dev.oakit.workflow.ProcessDefinition.builder("leave")
                    .form(dev.oakit.workflow.WorkflowFixture.leaveForm()).start("start")
                    .approval("lead", a -> a.approver(dev.oakit.workflow.ApproverRule.manager(1))).end("approved")
                    .chain("start", "lead", "approved").build());
            Map<String, Object> plan = Map.of("processKey", "leave", "fromVersion", 1, "toVersion", 2, "mapping", Map.of("manager", "lead"));

            Res dry = f.postAsAdmin("admin/approvals/migrations", with(plan, "dryRun", true));
            assertThat(dry.status()).as(String.valueOf(dry.body())).isEqualTo(200);
            assertThat(dry.body().get("migrated").get(0).asLong()).isEqualTo(atManager);
            assertThat(dry.body().get("refused").get(0).get("reasons").get(0).get("problem").asText()).isEqualTo("NO_COUNTERPART");

            Res refused = f.postAsAdmin("admin/approvals/instances/" + atDirector + "/migrate", plan);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asText()).isEqualTo(dev.oakit.workflow.WorkflowErrors.MIGRATION_REFUSED);
            assertThat(refused.body().get("errors").get(0).get("path").asText()).isEqualTo("mapping.director");
            assertThat(refused.body().get("errors").get(0).get("message").asText()).contains("node 'director'");

            Res dryRefused = f.postAsAdmin("admin/approvals/instances/" + atDirector + "/migrate", with(plan, "dryRun", true));
            assertThat(dryRefused.status()).isEqualTo(409);
            assertThat(dryRefused.body().get("errors").get(0).get("path").asText()).isEqualTo("mapping.director");
            Res dryMoved = f.postAsAdmin("admin/approvals/instances/" + atManager + "/migrate", with(plan, "dryRun", true));
            assertThat(dryMoved.status()).as(String.valueOf(dryMoved.body())).isEqualTo(204);
            assertThat(f.workflow.todoOf("bob", atManager).nodeId()).as("a dry run moves nothing").isEqualTo("manager");
            Res withIds = f.postAsAdmin("admin/approvals/instances/" + atManager + "/migrate",
                    with(plan, "instanceIds", java.util.List.of(atManager)));
            assertThat(withIds.status()).isEqualTo(400);
            assertThat(withIds.body().get("errors").get(0).get("path").asText()).isEqualTo("instanceIds");
            assertThat(f.workflow.todoOf("bob", atManager).nodeId()).isEqualTo("manager");

            assertThat(f.post("admin/approvals/instances/" + atManager + "/migrate", "alice", plan).status()).isEqualTo(403);
            Res moved = f.postAsAdmin("admin/approvals/instances/" + atManager + "/migrate", plan);
            assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(204);
            assertThat(f.workflow.todoOf("bob", atManager).nodeId()).isEqualTo("lead");
        }
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(m);
        out.put(key, value);
        return out;
    }
}

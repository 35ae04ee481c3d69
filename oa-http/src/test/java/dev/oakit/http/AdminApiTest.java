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
}

package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.util.Map;

/** A ticket's life over HTTP: created by the requester, dispatched, resolved, accepted and rated, each with its own token. */
class TicketApiTest {
    @DbTest
    void aTicketIsCreatedDispatchedResolvedAcceptedAndRated(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res created = f.post("tickets", "alice", Map.of("type", "it", "title", "打印机卡纸", "description", "3 楼"));
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
            long id = created.body().get("id").asLong();
            assertThat(f.get("tickets?scope=MY_QUEUES&open=true", "bob").body().get("items").findValuesAsText("id"))
                    .containsExactly(Long.toString(id));

            Res board = f.get("tickets/queues/it/board", "bob");
            assertThat(board.status()).as(String.valueOf(board.body())).isEqualTo(200);
            assertThat(board.body().get("agents").findValuesAsText("userId")).containsExactlyInAnyOrder("bob", "carol");
            assertThat(board.body().at("/unassigned/items").findValuesAsText("id")).containsExactly(Long.toString(id));
            assertThat(f.get("tickets/queues", "bob").body().get("items").findValuesAsText("key")).contains("it");

            Res assigned = f.post("tickets/" + id + "/assign", "bob", Map.of("assigneeId", "carol"));
            assertThat(assigned.status()).as(String.valueOf(assigned.body())).isEqualTo(200);
            assertThat(f.post("tickets/" + id + "/reply", "carol", Map.of("body", "马上到")).status()).isEqualTo(200);
            Res resolved = f.post("tickets/" + id + "/resolve", "carol", Map.of("comment", "换了搓纸轮"));
            assertThat(resolved.status()).as(String.valueOf(resolved.body())).isEqualTo(200);
            Res accepted = f.post("tickets/" + id + "/accept", "alice", Map.of("comment", "好了"));
            assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(200);
            assertThat(f.get("tickets/queues/it/board", "bob").body().at("/unassigned/items")).isEmpty();
            Res rated = f.post("tickets/" + id + "/rate", "alice", Map.of("score", 5));
            assertThat(rated.status()).as(String.valueOf(rated.body())).isEqualTo(200);

            Res detail = f.get("tickets/" + id, "alice");
            assertThat(detail.body().get("ratings")).hasSize(1);
            assertThat(f.get("tickets/workbench", "carol").status()).isEqualTo(200);
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            String range = "?from=" + java.time.LocalDate.parse(today).minusDays(1) + "&to=" + java.time.LocalDate.parse(today).plusDays(1);
            Res workload = f.send(f.request("tickets/reports/workload" + range, null).header("Authorization", "Bearer " + f.token("root", "oa-admin")).build());
            assertThat(workload.status()).as(String.valueOf(workload.body())).isEqualTo(200);
            assertThat(workload.body().get("rows")).isNotEmpty();
            java.net.http.HttpResponse<String> csv = f.send(f.request("tickets/reports/ratings" + range + "&format=csv", null)
                    .header("Authorization", "Bearer " + f.token("root", "oa-admin")).build()).raw();
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("ratings-");
            assertThat(csv.body().lines().count()).isGreaterThanOrEqualTo(2);
            Res noRange = f.get("tickets/reports/sla", "root");
            assertThat(noRange.status()).isEqualTo(400);
            assertThat(noRange.body().get("errors").findValuesAsText("path")).containsExactly("from");
            Res stranger = f.post("tickets/" + id + "/resolve", "dave", Map.of());
            assertThat(stranger.status()).isIn(403, 404, 409);
            assertThat(stranger.body().get("code").asText()).startsWith("OA-");
        }
    }
}

package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.util.List;
import java.util.Map;

/** Internal notes, field updates, watchers, links, merges and time logging over HTTP. */
class TicketEditingApiTest {
    @DbTest
    void anAgentNotesUpdatesWatchesLinksLogsTimeAndMerges(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            long first = f.post("tickets", "alice", Map.of("type", "it", "title", "打印机卡纸")).body().get("id").asLong();
            long second = f.post("tickets", "dave", Map.of("type", "it", "title", "三楼打印机又卡纸")).body().get("id").asLong();
            assertThat(f.post("tickets/" + first + "/assign", "bob", Map.of("assigneeId", "carol")).status()).isEqualTo(200);

            assertThat(f.post("tickets/" + first + "/note", "carol", Map.of("body", "搓纸轮磨损")).status()).isEqualTo(200);
            Res updated = f.post("tickets/" + first + "/update", "carol", Map.of("priority", "HIGH", "tags", List.of("printer")));
            assertThat(updated.status()).as(String.valueOf(updated.body())).isEqualTo(200);
            assertThat(updated.body().get("priority").asText()).isEqualTo("HIGH");
            Res badUpdate = f.post("tickets/" + first + "/update", "carol", Map.of("priority", "SOMEDAY"));
            assertThat(badUpdate.status()).isEqualTo(400);
            assertThat(badUpdate.body().get("errors").findValuesAsText("path")).containsExactly("priority");

            assertThat(f.post("tickets/" + first + "/watch", "bob", Map.of()).status()).isEqualTo(200);
            Res linked = f.post("tickets/" + second + "/links", "carol", Map.of("kind", "DUPLICATE_OF", "toId", first));
            assertThat(linked.status()).as(String.valueOf(linked.body())).isEqualTo(201);
            assertThat(linked.body().get("kind").asText()).isEqualTo("DUPLICATE_OF");
            Res noKind = f.post("tickets/" + second + "/links", "carol", Map.of("toId", first));
            assertThat(noKind.status()).isEqualTo(400);
            assertThat(noKind.body().get("errors").findValuesAsText("path")).containsExactly("kind");

            Res time = f.post("tickets/" + first + "/time", "carol", Map.of("minutes", 45, "workDate", "2026-01-05", "note", "换搓纸轮"));
            assertThat(time.status()).as(String.valueOf(time.body())).isEqualTo(201);
            assertThat(time.body().get("minutes").asInt()).isEqualTo(45);
            Res tooLong = f.post("tickets/" + first + "/time", "carol", Map.of("minutes", 2000));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.body().get("errors").findValuesAsText("path")).containsExactly("minutes");
            Res byRequester = f.post("tickets/" + first + "/time", "alice", Map.of("minutes", 5));
            assertThat(byRequester.status()).isIn(403, 404);

            Res merged = f.post("tickets/" + second + "/merge", "carol", Map.of("survivorId", first, "comment", "同一台打印机"));
            assertThat(merged.status()).as(String.valueOf(merged.body())).isEqualTo(200);
            Res detail = f.get("tickets/" + first, "carol");
            assertThat(detail.body().get("watchers")).extracting(n -> n.asText()).contains("bob", "dave");
            assertThat(detail.body().get("timeEntries").findValuesAsText("note")).containsExactly("换搓纸轮");
            assertThat(detail.body().get("timeline").findValuesAsText("body")).contains("搓纸轮磨损");
            // the requester never sees internal notes
            assertThat(f.get("tickets/" + first, "alice").body().get("timeline").findValuesAsText("body")).doesNotContain("搓纸轮磨损");
        }
    }
}

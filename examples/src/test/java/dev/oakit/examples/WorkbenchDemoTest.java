package dev.oakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.OaKit;
import dev.oakit.http.OaHttpServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchDemoTest {
    @Test
    void theDemoServesTheLoginAndBobFindsTheTwoRequestsWaitingForHim(@TempDir Path dir) throws Exception {
        try (OaKit oa = WorkbenchDemo.start(dir.resolve("workbench")); OaHttpServer server = WorkbenchDemo.serve(oa, 0)) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
            URI root = server.root();
            String login = browser.send(HttpRequest.newBuilder(root.resolve("login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(login).contains("data-testid=\"login-bob\"", "data-testid=\"login-root\"");
            String csrf = login.replaceAll("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
            browser.send(HttpRequest.newBuilder(root.resolve("login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=bob&_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
            String todo = browser.send(HttpRequest.newBuilder(root.resolve("approvals/todo")).header("Accept-Language", "zh-CN").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(todo).contains("年假 5 天", "差旅报销", "<span class=\"badge\">2</span>");
            // the help desk is not empty: bob's board has the unassigned ticket, the queue lists all three
            String board = browser.send(HttpRequest.newBuilder(root.resolve("tickets/board?queue=it")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(board).contains("打印机卡纸").doesNotContain("VPN 连不上", "键盘坏了");
            String queue = browser.send(HttpRequest.newBuilder(root.resolve("tickets?queue=it&closed=true")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(queue).contains("打印机卡纸", "VPN 连不上", "键盘坏了");
            var queries = oa.service(dev.oakit.ticket.TicketQueries.class);
            var alice = dev.oakit.core.Actor.of(WorkbenchDemo.TENANT, "alice");
            assertThat(queries.workbench(alice).waitingForMyAcceptance()).as("one resolved ticket waits for alice").isEqualTo(1);
            assertThat(queries.workbench(dev.oakit.core.Actor.of(WorkbenchDemo.TENANT, "carol")).myOpen()).isGreaterThanOrEqualTo(1);
        }
    }
}

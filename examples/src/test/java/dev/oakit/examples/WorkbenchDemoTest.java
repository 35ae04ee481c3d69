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
        }
    }
}

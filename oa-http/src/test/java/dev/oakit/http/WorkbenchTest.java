package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.WorkbenchFixture.Browser;
import dev.oakit.core.Actor;
import dev.oakit.http.spi.ActorResolver;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/** The workbench's frame: sign-in, language, CSRF, static files, navigation. */
class WorkbenchTest {
    @DbTest
    void aPersonSignsInThroughTheDemoLoginAndSeesTheirTodoCountInTheNavigation(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser alice = f.browser("en");
            HttpResponse<String> home = alice.get("/");
            assertThat(home.statusCode()).isEqualTo(303);
            assertThat(home.headers().firstValue("Location")).hasValue("/login");
            assertThat(alice.get("/login").body()).contains("Demo sign-in", "data-testid=\"login-alice\"");
            alice.signIn("alice");
            HttpResponse<String> page = alice.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Hello, alice", "href=\"/approvals/todo\"");
            assertThat(alice.get("/approvals/todo").body()).contains("Nothing here.");
            HttpResponse<String> badPage = alice.get("/approvals/todo?page=two");
            assertThat(badPage.statusCode()).as("a page number that is no number is refused, naming the parameter").isEqualTo(400);
            assertThat(badPage.body()).contains("page: must be a whole number, was 'two'");
        }
    }

    @DbTest
    void theLanguageFollowsTheBrowserUntilThePersonChoosesOne(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser bob = f.browser("zh-CN,zh;q=0.9,en;q=0.5").signIn("bob");
            assertThat(bob.get("/approvals/todo").body()).contains("<html lang=\"zh\">", "待办");
            HttpResponse<String> chosen = bob.get("/lang?to=en&back=/approvals/todo");
            assertThat(chosen.headers().firstValue("Location")).hasValue("/approvals/todo");
            assertThat(bob.get("/approvals/todo").body()).contains("<html lang=\"en\">", "To do");
            assertThat(bob.get("/lang?to=zh&back=//evil.example").headers().firstValue("Location")).hasValue("/");
        }
    }

    @DbTest
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser mallory = f.browser("en");
            mallory.get("/login");
            HttpResponse<String> r = mallory.postRaw("/login", Map.of("user", "root"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("security token");
            assertThat(mallory.cookie(DemoLogin.COOKIE)).isNull();
        }
    }

    @DbTest
    void htmxAndTheStylesheetAreServedFromTheJar(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser b = f.browser(null);
            HttpResponse<String> js = b.get("/static/htmx.min.js");
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.body()).contains("htmx");
            assertThat(b.get("/static/app.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
            assertThat(b.get("/static/pom.xml").statusCode()).isEqualTo(404);
        }
    }

    @DbTest
    void aHostPlugsItsOwnResolverAndThePagesRunAsTheActorItReturns(TestDatabase db) throws Exception {
        dev.oakit.core.OaKit oa = HttpFixture.seeded(db);
        // tag::host[]
        // the host's gateway has signed the person in and passes the user id in a header it sets itself
        ActorResolver hostLogin = request -> Optional.ofNullable(request.getHeader("X-Gateway-User")).map(u -> Actor.of("acme", u));
        OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(hostLogin).build();
        OaWorkbenchServlet pages = OaWorkbenchServlet.builder(oa).actorResolver(hostLogin).build();
        OaHttpServer server = OaHttpServer.start(api, "/api", pages, new InetSocketAddress("127.0.0.1", 0));
        // end::host[]
        try (server) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(server.root().resolve("approvals/todo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> bob = client.send(HttpRequest.newBuilder(server.root().resolve("approvals/todo")).header("X-Gateway-User", "bob")
                    .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bob.statusCode()).isEqualTo(200);
            assertThat(bob.body()).contains("data-testid=\"who\">bob<").doesNotContain("Sign out");
        }
    }

    @org.junit.jupiter.api.Test
    void everyMessageHasAChineseAndAnEnglishText() throws java.io.IOException {
        java.util.Properties zh = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        String dir = "/dev/oakit/http/internal/workbench/";
        try (var z = new java.io.InputStreamReader(getClass().getResourceAsStream(dir + "messages_zh.properties"), java.nio.charset.StandardCharsets.UTF_8);
             var e = new java.io.InputStreamReader(getClass().getResourceAsStream(dir + "messages_en.properties"), java.nio.charset.StandardCharsets.UTF_8)) {
            zh.load(z);
            en.load(e);
        }
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    }
}

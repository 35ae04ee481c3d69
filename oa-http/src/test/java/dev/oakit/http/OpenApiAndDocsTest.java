package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import dev.oakit.http.spi.ActorResolver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists every route; docs/http.md lists every route and shows code compiled here. */
class OpenApiAndDocsTest {
    private static final Path DOC = Path.of("../docs/http.md");

    @DbTest(only = TestDatabase.Kind.H2)
    void everyRouteIsInTheOpenApiDocumentAndTheUserDoc(TestDatabase db) throws Exception {
        try (HttpFixture f = new HttpFixture(db)) {
            Res r = f.get("openapi.json", null);
            assertThat(r.status()).isEqualTo(200);
            JsonNode paths = r.body().get("paths");
            assertThat(r.body().get("openapi").asText()).isEqualTo("3.1.0");
            OaHttpServlet servlet = OaHttpServlet.builder(f.oa).actorResolver(req -> Optional.empty()).build();
            String doc = Files.readString(DOC);
            assertThat(servlet.endpoints()).hasSizeGreaterThan(15);
            for (String e : servlet.endpoints()) {
                String method = e.substring(0, e.indexOf(' '));
                String path = e.substring(e.indexOf(' ') + 1);
                assertThat(paths.path(path).has(method.toLowerCase(Locale.ROOT))).as(e + " in openapi.json").isTrue();
                assertThat(doc).as(e + " in docs/http.md").contains("`" + e + "`");
            }
            // every schema a route refers to is defined
            String text = r.body().toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
            while (m.find()) {
                assertThat(r.body().at("/components/schemas").has(m.group(1))).as(m.group(1)).isTrue();
            }
        }
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(DOC, Path.of("src/test/java/dev/oakit/http/HttpFixture.java"))).containsExactly("wiring");
        assertThat(DocSnippets.assertShown(DOC, Path.of("src/test/java/dev/oakit/http/OpenApiAndDocsTest.java"))).containsExactly("mount");
        assertThat(DocSnippets.assertShown(Path.of("../docs/workbench.md"), Path.of("src/test/java/dev/oakit/http/WorkbenchFixture.java")))
                .containsExactly("wiring");
        assertThat(DocSnippets.assertShown(Path.of("../docs/workbench.md"), Path.of("src/test/java/dev/oakit/http/WorkbenchTest.java")))
                .containsExactly("host");
    }

    /** A host with its own Jetty mounts the servlet under a path of its own; the same works in Tomcat or Spring Boot. */
    static Server mountInTheHostsContainer(OaKit oa, ActorResolver hostLogin) throws Exception {
        // tag::mount[]
        OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(hostLogin).build();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("oakit", api), "/oa/*");   // GET /oa/approvals/todo
        // end::mount[]
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(context);
        server.start();
        return server;
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theMountedServletAnswersUnderTheHostsPath(TestDatabase db) throws Exception {
        try (HttpFixture f = new HttpFixture(db)) {
            Server host = mountInTheHostsContainer(f.oa, req -> Optional.ofNullable(req.getHeader("X-Host-User"))
                    .map(u -> dev.oakit.core.Actor.of("acme", u)));
            try {
                URI base = host.getURI().resolve("/oa/");
                Res r = f.send(java.net.http.HttpRequest.newBuilder(base.resolve("approvals/todo")).header("X-Host-User", "bob").build());
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body().get("items")).isEmpty();
            } finally {
                host.stop();
            }
        }
    }
}

package dev.oakit.http;

import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workbench on {@link OaHttpServer} over {@link HttpFixture#seeded} data, signed in with a {@link DemoLogin}
 * (the REST API under /api takes the same demo sessions). {@link #browser} gives one person's cookie jar.
 */
final class WorkbenchFixture implements AutoCloseable {
    final OaKit oa;
    final DemoLogin demo;
    final OaHttpServer server;

    WorkbenchFixture(TestDatabase db) {
        this(HttpFixture.seeded(db));
    }

    WorkbenchFixture(OaKit oa) {
        this(oa, new String[0]);
    }

    /** With more demo users than the five of the wiring below (e.g. a pool's candidates). */
    WorkbenchFixture(OaKit oa, String... moreUsers) {
        this.oa = oa;
        // tag::wiring[]
        DemoLogin demo = DemoLogin.tenant("acme").user("alice", "Alice · 员工").user("bob", "Bob · 经理").user("carol", "Carol · 总监")
                .user("dave", "Dave · 员工").admin("root", "Root · 管理员");
        OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(demo).build();
        OaWorkbenchServlet pages = OaWorkbenchServlet.builder(oa).demoLogin(demo).build();
        OaHttpServer server = OaHttpServer.start(api, "/api", pages, new InetSocketAddress("127.0.0.1", 0));
        // end::wiring[]
        for (String u : moreUsers) {
            demo.user(u, u);
        }
        this.demo = demo;
        this.server = server;
    }

    /** @return a new browser (own cookies), not signed in, preferring the language given */
    Browser browser(String acceptLanguage) {
        return new Browser(acceptLanguage);
    }

    /** One person's browser: cookies kept, redirects not followed (tests look at them). */
    final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        private final String language;

        Browser(String language) {
            this.language = language;
        }

        /** Signs in through the demo login page, as a person would. */
        Browser signIn(String user) {
            get("/login");
            HttpResponse<String> r = post("/login", Map.of("user", user));
            if (r.statusCode() != 303) {
                throw new IllegalStateException("sign-in as " + user + " answered " + r.statusCode() + ": " + r.body());
            }
            return this;
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        /** A form POST carrying the CSRF token, as the pages' forms do. */
        HttpResponse<String> post(String path, Map<String, String> form) {
            Map<String, String> all = new java.util.LinkedHashMap<>(form);
            all.put("_csrf", cookie("oa_csrf"));
            return postRaw(path, all);
        }

        HttpResponse<String> postRaw(String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst()
                    .orElse(null);
        }

        private URI uri(String path) {
            return server.root().resolve(path.substring(1));
        }

        private HttpResponse<String> send(HttpRequest.Builder b) {
            if (language != null) {
                b.header("Accept-Language", language);
            }
            try {
                return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}

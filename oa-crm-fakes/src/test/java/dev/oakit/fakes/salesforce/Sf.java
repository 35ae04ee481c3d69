package dev.oakit.fakes.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bare client of the fake for its own tests: a token, then JSON calls with the bearer. */
final class Sf {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeSalesforce fake;
    String token;

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Sf(FakeSalesforce fake) {
        this.fake = fake;
    }

    Sf login() {
        Answer a = form("/services/oauth2/token", "grant_type=client_credentials&client_id=" + fake.clientId() + "&client_secret=" + fake.clientSecret());
        token = a.json().path("access_token").asText();
        return this;
    }

    Answer form(String path, String body) {
        return send(HttpRequest.newBuilder(fake.baseUri().resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer call(String method, String path, Object body) {
        return call(method, path, body, Map.of());
    }

    Answer call(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(fake.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            b.header("Content-Type", "application/json");
            headers.forEach(b::header);
            return send(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer query(String soql) {
        return call("GET", "/services/data/v62.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null);
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

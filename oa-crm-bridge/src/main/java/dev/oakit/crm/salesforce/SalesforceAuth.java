package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.HttpFailures;
import dev.oakit.integration.spi.RemoteCallException;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * OAuth 2.0 bearer tokens from the org's token endpoint ({@code POST /services/oauth2/token}, grant
 * {@code refresh_token} or {@code client_credentials}). A token is fetched before the first call and again when
 * the API answers 401 {@code INVALID_SESSION_ID}; {@link dev.oakit.integration.spi.JsonHttp} sends the call once more.
 * Thread-safe; the token and the secrets never reach a message.
 */
final class SalesforceAuth implements HttpAuth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceConfig config;
    private final HttpClient client;
    private volatile String token;

    SalesforceAuth(SalesforceConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    @Override
    public void apply(HttpRequest.Builder request) {
        String t = token;
        if (t != null) {
            request.header("Authorization", "Bearer " + t);
        }
    }

    /** Fetches a token when there is none yet. */
    void ensure(CallContext call) throws RemoteCallException {
        if (token == null) {
            refresh(call);
        }
    }

    @Override
    public synchronized void refresh(CallContext call) throws RemoteCallException {
        String form = config.refreshToken() != null
                ? "grant_type=refresh_token&refresh_token=" + enc(config.refreshToken()) + "&client_id=" + enc(config.clientId())
                        + "&client_secret=" + enc(config.clientSecret())
                : "grant_type=client_credentials&client_id=" + enc(config.clientId()) + "&client_secret=" + enc(config.clientSecret());
        String what = call.target() + " POST /services/oauth2/token";
        HttpResponse<String> r;
        try {
            r = client.send(HttpRequest.newBuilder(config.myDomain().resolve("/services/oauth2/token")).timeout(call.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // asking for a token changes nothing at the org: any failure of it may be tried again
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, what + " failed: " + e, null, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, what + " was interrupted", null, null, null, e);
        }
        if (r.statusCode() == 400 || r.statusCode() == 401) {
            String error = errorOf(r.body());
            throw new RemoteCallException(RemoteCallException.Kind.PERMANENT, what + " refused the connected app's credentials (" + error
                    + "); check the consumer key and secret" + (config.refreshToken() != null ? " and the refresh token" : "")
                    + " of target '" + config.target() + "'", r.statusCode(), error, null, null);
        }
        var failure = HttpFailures.classify(what, r.statusCode(), r.headers(), r.body(), java.time.Instant.now());
        if (failure.isPresent()) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, failure.get().getMessage(), r.statusCode(), null,
                    failure.get().retryAfter(), null);
        }
        try {
            String t = JSON.readTree(r.body()).path("access_token").asText(null);
            if (t == null) {
                throw RemoteCallException.of(RemoteCallException.Kind.RETRYABLE, what + " answered without an access_token");
            }
            token = t;
        } catch (IOException e) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, what + " answered with a body that is not JSON", r.statusCode(),
                    null, null, e);
        }
    }

    private static String errorOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("error").asText("unknown") + ": " + n.path("error_description").asText("");
        } catch (IOException e) {
            return "unreadable answer";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

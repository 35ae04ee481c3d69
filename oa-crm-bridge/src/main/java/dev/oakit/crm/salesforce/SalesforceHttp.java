package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's REST API over {@link JsonHttp}: a bearer token before the first call and refreshed once on 401
 * {@code INVALID_SESSION_ID}; Salesforce's error codes classified ({@code UNABLE_TO_LOCK_ROW} retryable, nothing
 * was applied; {@code REQUEST_LIMIT_EXCEEDED} retryable, after the configured wait when the daily limit is used
 * up); and the {@code Sforce-Limit-Info} header read on every answer: once the org's usage reaches its limit, calls
 * fail fast, without a request, until the wait is over. Thread-safe.
 */
final class SalesforceHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final SalesforceConfig config;
    private final SalesforceAuth auth;
    private final JsonHttp http;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile long used = -1;
    private volatile long max = -1;

    SalesforceHttp(SalesforceConfig config, HttpClient client, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.auth = new SalesforceAuth(config, client);
        this.http = JsonHttp.builder(config.myDomain()).client(client).auth(auth).clock(clock).onAnswer(this::limitInfo).build();
    }

    /** @return the org's API usage as the last answer told it: {used, max}; {-1, -1} before any answer */
    long[] usage() {
        return new long[] {used, max};
    }

    JsonNode get(CallContext call, String path) throws RemoteCallException {
        return send(call, "GET", path, null, Map.of());
    }

    /**
     * One call to the data API ({@code path} below {@link SalesforceConfig#dataPath()}).
     *
     * @return the answer's JSON; a {@link com.fasterxml.jackson.databind.node.NullNode} for 204; an array of record
     *     URLs for a 300 (several records match an external id)
     */
    JsonNode send(CallContext call, String method, String path, Object body, Map<String, String> headers) throws RemoteCallException {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, config.target() + ": the org's daily API requests are used up ("
                    + used + "/" + max + "); no call until " + pausedUntil, 403, null, Duration.between(now, pausedUntil), null);
        }
        auth.ensure(call);
        try {
            return http.send(call, method, config.dataPath() + path, body, headers);
        } catch (RemoteCallException e) {
            throw classify(e);
        }
    }

    /** @return the query path of a SOQL statement */
    static String query(String soql) {
        return "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    /** @return a path segment, encoded */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return the page after this one of a query, by its {@code nextRecordsUrl} (a path below the data path) */
    String nextPage(JsonNode page) {
        String next = page.path("nextRecordsUrl").asText(null);
        return next == null ? null : next.substring(next.indexOf("/query"));
    }

    private RemoteCallException classify(RemoteCallException e) {
        String code = errorCode(e.remoteError());
        if (code == null) {
            return e;
        }
        return switch (code) {
            case "UNABLE_TO_LOCK_ROW" -> new RemoteCallException(RemoteCallException.Kind.RETRYABLE, e.getMessage()
                    + ": UNABLE_TO_LOCK_ROW, another transaction holds the record; nothing was applied", e.status(), e.remoteError(), null, e);
            case "REQUEST_LIMIT_EXCEEDED" -> {
                if (String.valueOf(e.remoteError()).contains("TotalRequests")) {
                    pausedUntil = clock.instant().plus(config.dailyLimitWait());
                    yield new RemoteCallException(RemoteCallException.Kind.RETRYABLE, e.getMessage() + ": the org's daily API requests are "
                            + "used up; calls wait " + config.dailyLimitWait(), e.status(), e.remoteError(), config.dailyLimitWait(), e);
                }
                yield new RemoteCallException(RemoteCallException.Kind.RETRYABLE, e.getMessage() + ": too many concurrent requests",
                        e.status(), e.remoteError(), e.retryAfter(), e);
            }
            default -> e;
        };
    }

    /** @return the first {@code errorCode} of Salesforce's error array, or null */
    static String errorCode(String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            return n.isArray() && n.size() > 0 ? n.get(0).path("errorCode").asText(null) : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private void limitInfo(int status, HttpHeaders headers) {
        headers.firstValue("Sforce-Limit-Info").ifPresent(v -> {
            Matcher m = USAGE.matcher(v);
            if (m.find()) {
                used = Long.parseLong(m.group(1));
                max = Long.parseLong(m.group(2));
                if (used >= max) {
                    // this call was the last of the day (or was refused for it): the next would be refused
                    pausedUntil = clock.instant().plus(config.dailyLimitWait());
                }
            }
        });
    }
}

package dev.oakit.fakes.salesforce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.fakes.FakeServer;
import dev.oakit.fakes.FakeServer.Request;
import dev.oakit.fakes.FakeServer.Response;
import dev.oakit.fakes.FakeServer.Route;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST resources of {@link FakeSalesforce}: routing, the token endpoint, sObjects, SOQL, composite. */
final class SalesforceApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("/services/data/v(\\d{2}\\.\\d)(/.*)?");
    private static final double MIN_VERSION = 20.0;
    private static final double MAX_VERSION = 62.0;

    /** A resource's answer before it becomes HTTP: composite items need status and body as values. */
    record Answer(int status, Object body) {
    }

    private record Cursor(String type, List<Map<String, Object>> rows, List<String> fields, int batch) {
    }

    private final FakeSalesforce fake;
    /** Open query cursors: like Salesforce, at most {@value #OPEN_CURSORS} a user; a new one closes the oldest. */
    private final Map<String, Cursor> cursors = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > OPEN_CURSORS;
        }
    });
    private static final int OPEN_CURSORS = 10;

    SalesforceApi(FakeSalesforce fake) {
        this.fake = fake;
    }

    Route route(Request r) {
        if (r.path().equals("/services/oauth2/token") && r.method().equals("POST")) {
            return new Route("", "token", () -> token(r));
        }
        if (r.path().equals("/services/data") || r.path().equals("/services/data/")) {
            return new Route("", "versions", () -> Response.json(200, versions()));
        }
        Matcher m = DATA.matcher(r.path());
        if (!m.matches()) {
            return new Route("", "unknown", () -> fake.error(SalesforceError.notFound()));
        }
        String version = m.group(1);
        String rest = m.group(2) == null ? "" : m.group(2);
        String[] seg = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        String target = seg.length >= 2 && seg[0].equals("sobjects") ? seg[1] : "";
        String action = action(r.method(), seg);
        return new Route(target, action, () -> {
            if (!fake.validToken(bearer(r))) {
                return fake.error(new SalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid"));
            }
            try {
                double v = Double.parseDouble(version);
                if (v < MIN_VERSION || v > MAX_VERSION) {
                    throw SalesforceError.notFound();
                }
                fake.countRequest();
                Answer a;
                synchronized (fake) {
                    a = dispatch(version, r.method(), rest, r.query(), r.header("if-unmodified-since"), r.header("sforce-query-options"),
                            r.body().length == 0 ? null : r.text(), false);
                }
                return fake.limitInfo(toResponse(a));
            } catch (SalesforceError e) {
                return fake.error(e);
            }
        });
    }

    private static String action(String method, String[] seg) {
        if (seg.length == 0) {
            return "resources";
        }
        return switch (seg[0]) {
            case "query", "queryAll" -> "query";
            case "composite" -> "composite";
            case "limits" -> "limits";
            case "sobjects" -> seg.length == 3 && seg[2].equals("describe") ? "describe" : switch (method) {
                case "POST" -> "create";
                case "PATCH" -> seg.length == 4 ? "upsert" : "update";
                case "DELETE" -> "delete";
                default -> "read";
            };
            default -> "unknown";
        };
    }

    private static Response toResponse(Answer a) {
        return a.body() == null ? new Response(a.status(), "application/json; charset=utf-8", new byte[0], new LinkedHashMap<>())
                : Response.json(a.status(), a.body());
    }

    private static String bearer(Request r) {
        String h = r.header("authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
    }

    private Response token(Request r) {
        Map<String, String> form = FakeServer.parseQuery(r.text());
        String grant = form.getOrDefault("grant_type", "");
        if (!fake.clientId.equals(form.get("client_id"))) {
            return Response.json(400, Map.of("error", "invalid_client_id", "error_description", "client identifier invalid"));
        }
        boolean ok = switch (grant) {
            case "client_credentials" -> fake.clientSecret.equals(form.get("client_secret"));
            case "refresh_token" -> fake.refreshToken.equals(form.get("refresh_token"))
                    && (form.get("client_secret") == null || fake.clientSecret.equals(form.get("client_secret")));
            default -> false;
        };
        if (!ok) {
            return Response.json(400, grant.equals("client_credentials") || grant.equals("refresh_token")
                    ? Map.of("error", "invalid_grant", "error_description", "expired access/refresh token")
                    : Map.of("error", "unsupported_grant_type", "error_description", "grant type not supported"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", fake.issueToken());
        out.put("instance_url", fake.baseUri().toString());
        out.put("id", fake.baseUri() + "/id/" + fake.orgId + "/" + SObjectStore.INTEGRATION_USER);
        out.put("token_type", "Bearer");
        out.put("issued_at", String.valueOf(fake.clockMillis()));
        out.put("signature", UUID.randomUUID().toString());
        return Response.json(200, out);
    }

    private static List<Map<String, String>> versions() {
        List<Map<String, String>> out = new ArrayList<>();
        for (int v = (int) MIN_VERSION; v <= MAX_VERSION; v++) {
            out.add(Map.of("version", v + ".0", "url", "/services/data/v" + v + ".0"));
        }
        return out;
    }

    /** Runs one resource; {@code inComposite} when it is an item of a composite request. */
    private Answer dispatch(String version, String method, String rest, Map<String, String> query, String ifUnmodifiedSince,
                            String queryOptions, String body, boolean inComposite) {
        String base = "/services/data/v" + version;
        String[] seg = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        if (seg.length == 0) {
            return new Answer(200, Map.of("sobjects", base + "/sobjects", "query", base + "/query", "composite", base + "/composite",
                    "limits", base + "/limits"));
        }
        switch (seg[0]) {
            case "limits":
                return new Answer(200, fake.limits());
            case "composite":
                if (inComposite || seg.length > 1 || !method.equals("POST")) {
                    throw SalesforceError.notFound();
                }
                return composite(version, body);
            case "query", "queryAll":
                if (seg.length == 2) {
                    return more(base, seg[1]);
                }
                return query(base, query.get("q"), queryOptions);
            case "sobjects":
                break;
            default:
                throw SalesforceError.notFound();
        }
        if (seg.length < 2) {
            return new Answer(200, Map.of("sobjects", fake.store.types.keySet().stream().map(t -> Map.of("name", t)).toList()));
        }
        String type = seg[1];
        SObjectType t = fake.store.type(type);
        if (seg.length == 2) {
            if (!method.equals("POST")) {
                return new Answer(200, Map.of("objectDescribe", Map.of("name", type, "keyPrefix", t.keyPrefix)));
            }
            Map<String, Object> fields = fields(body);
            fake.lockCheck(null);
            String id = fake.store.insert(type, fields);
            return new Answer(201, Map.of("id", id, "success", true, "errors", List.of()));
        }
        if (seg.length == 3 && seg[2].equals("describe")) {
            return new Answer(200, t.describe());
        }
        if (seg.length == 3) {
            String id = seg[2];
            return switch (method) {
                case "GET" -> {
                    Map<String, Object> r = fake.store.get(type, id).orElseThrow(SalesforceError::notFound);
                    Answer read = new Answer(200, SObjectStore.view(type, base, r, selected(t, query.get("fields"))));
                    fake.afterRead(type, id);
                    yield read;
                }
                case "PATCH" -> {
                    Map<String, Object> r = fake.store.get(type, id).orElseThrow(SalesforceError::notFound);
                    Map<String, Object> fields = fields(body);
                    precondition(r, ifUnmodifiedSince);
                    fake.lockCheck(id);
                    fake.store.update(type, id, fields);
                    yield new Answer(204, null);
                }
                case "DELETE" -> {
                    fake.lockCheck(id);
                    fake.store.delete(type, id);
                    yield new Answer(204, null);
                }
                default -> throw new SalesforceError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are GET,PATCH,DELETE");
            };
        }
        if (seg.length == 4) {
            return byExternalId(base, version, method, t, seg[2], decode(seg[3]), ifUnmodifiedSince, query, body);
        }
        throw SalesforceError.notFound();
    }

    private Answer byExternalId(String base, String version, String method, SObjectType t, String field, String value, String ifUnmodifiedSince,
                                Map<String, String> query, String body) {
        SObjectType.Field f = t.fields.get(field);
        if (f == null || !(f.externalId() || f.name().equals("Id"))) {
            throw new SalesforceError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field);
        }
        List<Map<String, Object>> matches = fake.store.byField(t.name, field, value);
        if (matches.size() > 1) {
            return new Answer(300, matches.stream().map(r -> base + "/sobjects/" + t.name + "/" + r.get("Id")).toList());
        }
        boolean since46 = Double.parseDouble(version) >= 46.0;
        switch (method) {
            case "GET":
                if (matches.isEmpty()) {
                    throw SalesforceError.notFound();
                }
                return new Answer(200, SObjectStore.view(t.name, base, matches.get(0), selected(t, query.get("fields"))));
            case "PATCH":
                Map<String, Object> fields = fields(body);
                if (fields.containsKey(field) && !value.equals(fields.get(field))) {
                    throw new SalesforceError(400, "INVALID_FIELD", "Foreign key external ID: " + value + " not found for field " + field
                            + " in entity " + t.name, List.of(field));
                }
                if (matches.isEmpty()) {
                    fake.lockCheck(null);
                    fields.put(field, value);
                    String id = fake.store.insert(t.name, fields);
                    Map<String, Object> out = new LinkedHashMap<>(Map.of("id", id, "success", true, "errors", List.of()));
                    if (since46) {
                        out.put("created", true);
                    }
                    return new Answer(201, out);
                }
                Map<String, Object> r = matches.get(0);
                precondition(r, ifUnmodifiedSince);
                fake.lockCheck((String) r.get("Id"));
                fake.store.update(t.name, (String) r.get("Id"), fields);
                return since46 ? new Answer(200, Map.of("id", r.get("Id"), "success", true, "errors", List.of(), "created", false))
                        : new Answer(204, null);
            default:
                throw new SalesforceError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are GET,PATCH,DELETE");
        }
    }

    private static void precondition(Map<String, Object> r, String ifUnmodifiedSince) {
        if (ifUnmodifiedSince == null) {
            return;
        }
        Instant since;
        try {
            since = ZonedDateTime.parse(ifUnmodifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SalesforceError(400, "INVALID_HEADER", "If-Unmodified-Since is not an HTTP date: " + ifUnmodifiedSince);
        }
        Instant modified = ((Instant) r.get("LastModifiedDate")).truncatedTo(ChronoUnit.SECONDS);
        if (modified.isAfter(since)) {
            throw new SalesforceError(412, "PRECONDITION_FAILED", "The requested resource has been modified since the If-Unmodified-Since date");
        }
    }

    private static List<String> selected(SObjectType t, String fields) {
        if (fields == null || fields.isBlank()) {
            return new ArrayList<>(t.fields.keySet());
        }
        List<String> out = new ArrayList<>(List.of("Id"));
        for (String f : fields.split(",")) {
            String name = f.trim();
            if (!t.fields.containsKey(name)) {
                throw SalesforceError.noSuchField(t.name, name);
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private Answer query(String base, String q, String options) {
        if (q == null || q.isBlank()) {
            throw new SalesforceError(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        Soql.Query parsed = Soql.parse(q, fake.store);
        List<Map<String, Object>> rows = parsed.run(fake.store.all(parsed.type()));
        int batch = 2000;
        if (options != null) {
            Matcher m = Pattern.compile("batchSize=(\\d+)").matcher(options);
            if (m.find()) {
                batch = Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
            }
        }
        List<Map<String, Object>> views = new ArrayList<>();
        rows.forEach(r -> views.add(SObjectStore.view(parsed.type(), base, r, parsed.fields())));
        return page(base, new Cursor(parsed.type(), views, parsed.fields(), batch), "01g" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 15), 0);
    }

    private Answer more(String base, String locatorAndOffset) {
        int dash = locatorAndOffset.lastIndexOf('-');
        Cursor c = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        if (c == null) {
            throw new SalesforceError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(base, c, locatorAndOffset.substring(0, dash), Integer.parseInt(locatorAndOffset.substring(dash + 1)));
    }

    private Answer page(String base, Cursor c, String locator, int offset) {
        int end = Math.min(c.rows().size(), offset + c.batch());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalSize", c.rows().size());
        out.put("done", end >= c.rows().size());
        if (end < c.rows().size()) {
            cursors.put(locator, c);
            out.put("nextRecordsUrl", base + "/query/" + locator + "-" + end);
        } else {
            cursors.remove(locator);
        }
        out.put("records", c.rows().subList(offset, end));
        return new Answer(200, out);
    }

    @SuppressWarnings("unchecked")
    private Answer composite(String version, String body) {
        Map<String, Object> req = json(body, new TypeReference<>() { });
        boolean allOrNone = Boolean.TRUE.equals(req.get("allOrNone"));
        List<Map<String, Object>> items = (List<Map<String, Object>>) req.getOrDefault("compositeRequest", List.of());
        if (items.size() > 25) {
            throw new SalesforceError(400, "INVALID_BATCH_REQUEST", "Composite request exceeds the 25 subrequest limit");
        }
        var snapshot = fake.store.snapshot();
        Map<String, Answer> byRef = new LinkedHashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        boolean failed = false;
        for (Map<String, Object> item : items) {
            String ref = String.valueOf(item.get("referenceId"));
            Answer a;
            if (failed && allOrNone) {
                a = halted();
            } else {
                try {
                    String url = resolve(String.valueOf(item.get("url")), byRef);
                    Object itemBody = item.get("body");
                    String resolvedBody = itemBody == null ? null : resolve(JSON.writeValueAsString(itemBody), byRef);
                    URI u = URI.create(url);
                    Matcher m = DATA.matcher(u.getPath());
                    if (!m.matches()) {
                        throw SalesforceError.notFound();
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, String> headers = (Map<String, String>) item.getOrDefault("httpHeaders", Map.of());
                    a = dispatch(m.group(1), String.valueOf(item.get("method")).toUpperCase(java.util.Locale.ROOT),
                            m.group(2) == null ? "" : m.group(2), FakeServer.parseQuery(u.getRawQuery()), headers.get("If-Unmodified-Since"),
                            null, resolvedBody, true);
                } catch (SalesforceError e) {
                    a = new Answer(e.status, e.body());
                } catch (IOException e) {
                    a = new Answer(400, new SalesforceError(400, "JSON_PARSER_ERROR", e.getMessage()).body());
                }
                failed |= a.status() >= 400;
            }
            byRef.put(ref, a);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("body", a.body());
            r.put("httpHeaders", Map.of());
            r.put("httpStatusCode", a.status());
            r.put("referenceId", ref);
            out.add(r);
        }
        if (failed && allOrNone) {
            fake.store.restore(snapshot);
            for (Map<String, Object> r : out) {
                if ((int) r.get("httpStatusCode") < 400) {
                    Answer h = halted();
                    r.put("body", h.body());
                    r.put("httpStatusCode", h.status());
                }
            }
        }
        return new Answer(200, Map.of("compositeResponse", out));
    }

    private static Answer halted() {
        return new Answer(400, new SalesforceError(400, "PROCESSING_HALTED",
                "The transaction was rolled back since another operation in the same transaction failed.").body());
    }

    /** Replaces {@code @{ref.field}} with the field of an earlier item's answer. */
    private static String resolve(String s, Map<String, Answer> byRef) {
        Matcher m = Pattern.compile("@\\{([^.}]+)\\.([^}]+)}").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Answer a = byRef.get(m.group(1));
            Object v = a != null && a.body() instanceof Map<?, ?> body ? body.get(m.group(2)) : null;
            if (v == null) {
                throw new SalesforceError(400, "PROCESSING_HALTED", "Invalid reference specified. No value for " + m.group(1) + "." + m.group(2)
                        + " found in " + m.group(1) + ".");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, Object> fields(String body) {
        Map<String, Object> m = json(body, new TypeReference<>() { });
        m.remove("attributes");
        return new LinkedHashMap<>(m);
    }

    private static <T> T json(String body, TypeReference<T> type) {
        if (body == null || body.isBlank()) {
            throw new SalesforceError(400, "JSON_PARSER_ERROR", "The request body is empty");
        }
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new SalesforceError(400, "JSON_PARSER_ERROR", e.getMessage());
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

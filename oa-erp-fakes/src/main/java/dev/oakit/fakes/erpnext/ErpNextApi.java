package dev.oakit.fakes.erpnext;

import dev.oakit.fakes.FakeServer.Request;
import dev.oakit.fakes.FakeServer.Response;
import dev.oakit.fakes.FakeServer.Route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The HTTP side of the fake ERPNext: routes (frappe/api/v1.py url_rules, frappe/handler.py for
 * {@code /api/method}), authentication (frappe/auth.py: token or Basic key:secret, else the {@code sid} cookie,
 * else Guest; frappe/sessions.py: an unknown sid runs as Guest with {@code session_expired: 1}), parameters
 * (frappe/app.py make_form_dict: a JSON body, else query and form fields) and the JSON answers.
 */
final class ErpNextApi {
    private record Caller(String user, boolean expired) {
        boolean guest() {
            return user == null;
        }
    }

    private final FakeErpNext fake;
    private final FrappeStore store;
    private final Map<String, String> sessions;

    ErpNextApi(FakeErpNext fake, FrappeStore store, Map<String, String> sessions) {
        this.fake = fake;
        this.store = store;
        this.sessions = sessions;
    }

    Route route(Request r) {
        String path = r.path().startsWith("/api/v1/") ? "/api/" + r.path().substring("/api/v1/".length()) : r.path();
        if (path.startsWith("/api/method/")) {
            String cmd = path.substring("/api/method/".length()).split("/")[0];
            String action = cmd.contains(".") ? cmd.substring(cmd.lastIndexOf('.') + 1) : cmd;
            return new Route(String.valueOf(params(r).getOrDefault("doctype", "")), action, () -> method(r, cmd));
        }
        if (path.startsWith("/api/resource/")) {
            String[] parts = path.substring("/api/resource/".length()).split("/", 2);
            String doctype = parts[0];
            String name = parts.length > 1 && !parts[1].isEmpty() ? parts[1].replaceAll("/$", "") : null;
            String action = switch (r.method()) {
                case "GET" -> name == null ? "list" : "get";
                case "POST" -> name == null ? "insert" : "run_method";
                case "PUT" -> docstatusOf(r) == 1 ? "submit" : docstatusOf(r) == 2 ? "cancel" : "update";
                case "DELETE" -> "delete";
                default -> "http";
            };
            return new Route(doctype, action, () -> resource(r, doctype, name));
        }
        return new Route("", "http", () -> FakeErpNext.error(FrappeError.thrown("NotFound", 404, "Not Found")));
    }

    private int docstatusOf(Request r) {
        Object d = data(params(r)).get("docstatus");
        return d instanceof Number n ? n.intValue() : -1;
    }

    // ---- authentication

    private Caller caller(Request r) {
        String auth = r.header("authorization");
        if (auth != null) {
            String keySecret = null;
            if (auth.regionMatches(true, 0, "token ", 0, 6)) {
                keySecret = auth.substring(6).trim();
            } else if (auth.regionMatches(true, 0, "basic ", 0, 6)) {
                keySecret = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            }
            if (keySecret == null || !fake.tokenMatches(keySecret)) {
                throw FrappeError.authentication();
            }
            return new Caller(fake.user(), false);
        }
        String sid = r.cookie("sid");
        if (sid != null && !sid.equals("Guest")) {
            String user = sessions.get(sid);
            return user == null ? new Caller(null, true) : new Caller(user, false);
        }
        return new Caller(null, false);
    }

    /** What a Guest gets for a resource: PermissionError; after an expired session, with {@code session_expired}. */
    Response guestExpired(Request r) {
        return guestDenied(new Caller(null, true), "Not permitted");
    }

    private Response guestDenied(Caller c, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (c.expired()) {
            body.put("session_expired", 1);
        }
        body.putAll(FrappeError.permission(message).body());
        Response resp = Response.json(403, body);
        return c.expired() ? resp.withHeader("Set-Cookie", "sid=Guest; HttpOnly; Path=/; SameSite=Lax") : resp;
    }

    private Response run(Request r, boolean guestAllowed, String deniedMessage, Function<Caller, Response> body) {
        return fake.serialised(() -> {
            try {
                Caller c = caller(r);
                if (c.guest() && !guestAllowed) {
                    return guestDenied(c, deniedMessage);
                }
                return body.apply(c);
            } catch (FrappeError e) {
                return FakeErpNext.error(e);
            }
        });
    }

    // ---- /api/method

    private Response method(Request r, String cmd) {
        Map<String, Object> p = params(r);
        return switch (cmd) {
            case "login" -> run(r, true, null, c -> login(p));
            case "logout" -> run(r, true, null, c -> {
                String sid = r.cookie("sid");
                if (sid != null) {
                    sessions.remove(sid);
                }
                return Response.json(200, Map.of()).withHeader("Set-Cookie", "sid=Guest; HttpOnly; Path=/; SameSite=Lax");
            });
            case "frappe.auth.get_logged_user" -> run(r, false, "Not permitted", c -> message(c.user()));
            case "frappe.client.get_count" -> run(r, false, "Not permitted", c -> message(list(str(p.get("doctype")), p, true)));
            case "frappe.client.get_list" -> run(r, false, "Not permitted", c -> message(list(str(p.get("doctype")), p, false)));
            case "frappe.client.get_value" -> run(r, false, "Not permitted", c -> {
                // frappe/client.py get_value: the first match as a dict, {} when none; filters may be a bare name
                Object fieldname = json(p.getOrDefault("fieldname", "name"));
                Object filters = json(p.get("filters"));
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("fields", fieldname instanceof List<?> l ? l : List.of(String.valueOf(fieldname)));
                q.put("filters", filters instanceof String name ? Map.of("name", name) : filters);
                q.put("limit_page_length", 1);
                List<?> rows = (List<?>) list(str(p.get("doctype")), q, false);
                return message(rows.isEmpty() ? Map.of() : rows.get(0));
            });
            case "frappe.client.cancel" -> run(r, false, "Not permitted", c -> {
                String doctype = str(p.get("doctype"));
                Map<String, Object> doc = store.update(doctype, str(p.get("name")), Map.of("docstatus", 2));
                fake.webhook(doctype, doc);
                return Response.json(200, Map.of());
            });
            case "frappe.client.submit" -> run(r, false, "Not permitted", c -> {
                Map<String, Object> doc = data(Map.of("data", p.getOrDefault("doc", Map.of())));
                String doctype = str(doc.get("doctype"));
                Map<String, Object> changes = new LinkedHashMap<>(doc);
                changes.put("docstatus", 1);
                Map<String, Object> saved = store.update(doctype, str(doc.get("name")), changes);
                fake.webhook(doctype, saved);
                return message(asDict(saved));
            });
            case "frappe.desk.form.load.getdoctype" -> run(r, false, "Not permitted", c -> {
                DocTypes.DocType d = store.doctype(str(p.get("doctype")));
                List<Object> docs = new ArrayList<>();
                docs.add(DocTypes.meta(d, store.removedFields(d.name())));
                d.fields().values().stream().filter(DocTypes.Field::isTable)
                        .forEach(f -> docs.add(DocTypes.meta(store.doctype(f.options()), store.removedFields(f.options()))));
                return Response.json(200, Map.of("docs", docs, "user_settings", "{}"));
            });
            default -> run(r, true, null, c -> FakeErpNext.error(FrappeError.thrown("DoesNotExistError", 404,
                    "Failed to get method for command " + cmd + " with No module named '" + cmd + "'")));
        };
    }

    private Response login(Map<String, Object> p) {
        if (!fake.passwordMatches(str(p.get("usr")), str(p.get("pwd")))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Invalid Login. Try again.");
            body.putAll(FrappeError.authentication().body());
            return Response.json(401, body);
        }
        String sid = UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        sessions.put(sid, fake.user());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Logged In");
        body.put("home_page", "/app");
        body.put("full_name", fake.user());
        return Response.json(200, body)
                .withHeader("Set-Cookie", "sid=" + sid + "; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=86400; HttpOnly; Path=/; SameSite=Lax")
                .withHeader("Set-Cookie", "system_user=yes; Path=/; SameSite=Lax")
                .withHeader("Set-Cookie", "full_name=" + fake.user() + "; Path=/; SameSite=Lax")
                .withHeader("Set-Cookie", "user_id=" + fake.user() + "; Path=/; SameSite=Lax");
    }

    private static Response message(Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", value);
        return Response.json(200, body);
    }

    // ---- /api/resource

    private Response resource(Request r, String doctype, String name) {
        String denied = "User <strong>Guest</strong> does not have doctype access via role permission for document <strong>" + doctype + "</strong>";
        return run(r, false, denied, c -> {
            if (doctype.equals("DocType") && name != null && r.method().equals("GET")) {
                DocTypes.DocType d = store.doctype(name);
                return Response.json(200, Map.of("data", DocTypes.meta(d, store.removedFields(d.name()))));
            }
            store.doctype(doctype);
            Map<String, Object> p = params(r);
            switch (r.method()) {
                case "GET" -> {
                    if (name == null) {
                        return Response.json(200, Map.of("data", list(doctype, p, false)));
                    }
                    return Response.json(200, Map.of("data", asDict(store.get(doctype, name))));
                }
                case "POST" -> {
                    if (name != null) {
                        throw FrappeError.permission("Method not allowed");
                    }
                    Map<String, Object> data = data(p);
                    data.remove("doctype");
                    Map<String, Object> doc = store.insert(doctype, data);
                    fake.webhook(doctype, doc);
                    return Response.json(200, Map.of("data", asDict(doc)));
                }
                case "PUT" -> {
                    Map<String, Object> data = data(p);
                    data.remove("flags");
                    Map<String, Object> doc = store.update(doctype, name, data);
                    fake.webhook(doctype, doc);
                    return Response.json(200, Map.of("data", asDict(doc)));
                }
                case "DELETE" -> {
                    store.delete(doctype, name);
                    return Response.json(202, Map.of("message", "ok"));
                }
                default -> throw FrappeError.permission("Method not allowed");
            }
        });
    }

    /** {@code frappe.get_list} as the REST list and {@code frappe.client.get_list} / {@code get_count} use it. */
    private Object list(String doctype, Map<String, Object> p, boolean count) {
        DocTypes.DocType d = store.doctype(doctype);
        List<String> fields = new ArrayList<>();
        Object f = json(p.get("fields"));
        if (f instanceof List<?> l) {
            l.forEach(x -> fields.add(String.valueOf(x)));
        } else if (f instanceof String s && !s.isEmpty()) {
            fields.add(s);
        } else {
            fields.add("name");
        }
        if (fields.contains("*")) {
            fields.remove("*");
            d.fields().values().stream().filter(x -> store.hasColumn(d, x.fieldname())).forEach(x -> fields.add(x.fieldname()));
            fields.addAll(0, FrappeStore.STANDARD);
        }
        List<String> clean = fields.stream().map(x -> x.replace("`", "").replaceAll("^tab[^.]*\\.", "")).distinct().toList();
        for (String field : clean) {
            if (!store.hasColumn(d, field)) {
                throw FrappeError.unknownColumn(doctype, "tab" + doctype + "." + field, "field list");
            }
        }
        List<Object[]> and = FrappeQuery.conditions(json(p.get("filters")));
        List<Object[]> or = FrappeQuery.conditions(json(p.get("or_filters")));
        Map<String, String> tables = new LinkedHashMap<>(); // child DocType -> its table field
        d.fields().values().stream().filter(DocTypes.Field::isTable).forEach(t -> tables.put(t.options(), t.fieldname()));
        for (Object[] c : concat(and, or)) {
            String on = c[3] == null || c[3].equals(doctype) ? doctype : (String) c[3];
            boolean known = on.equals(doctype) ? store.hasColumn(d, (String) c[0])
                    : tables.containsKey(on) && store.hasColumn(store.doctype(on), (String) c[0]);
            if (!known) {
                throw FrappeError.unknownColumn(doctype, "tab" + on + "." + c[0], "where clause");
            }
        }
        java.util.function.Function<Object[], String> tableOf = c -> c[3] == null || c[3].equals(doctype) ? null : tables.get((String) c[3]);
        java.util.function.Predicate<Map<String, Object>> match = FrappeQuery.predicate(and, tableOf).and(FrappeQuery.anyOf(or, tableOf));
        if (count) {
            return store.table(doctype).values().stream().filter(match).count();
        }
        String orderBy = p.get("order_by") instanceof String s && !s.isBlank() ? s : "modified desc";
        List<String[]> terms = FrappeQuery.orderTerms(orderBy);
        for (String[] t : terms) {
            if (!store.hasColumn(d, t[0])) {
                throw FrappeError.unknownColumn(doctype, "tab" + doctype + "." + t[0], "order clause");
            }
        }
        int start = intParam(p.get("limit_start"), 0);
        int pageLength = intParam(p.get("limit_page_length") != null ? p.get("limit_page_length") : p.get("limit"), 20);
        // an order starting with modified (every incremental pull's) reads the index on it; any other sorts the matches
        List<Map<String, Object>> docs = !terms.isEmpty() && terms.get(0)[0].equals("modified")
                ? FrappeQuery.page(store.byModified(doctype), and, tableOf, match, terms, start, pageLength)
                : store.table(doctype).values().stream().filter(match).sorted(FrappeQuery.comparator(terms)).skip(Math.max(0, start))
                        .limit(pageLength <= 0 ? Long.MAX_VALUE : pageLength).toList();
        return docs.stream().map(doc -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    clean.forEach(x -> row.put(x, doc.get(x)));
                    return row;
                }).toList();
    }

    private static List<Object[]> concat(List<Object[]> a, List<Object[]> b) {
        List<Object[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The document as the API returns it: {@code as_dict(no_nulls=True)}, child rows alike; a removed field's
     *  column is gone, so its old values are too. */
    Map<String, Object> asDict(Map<String, Object> doc) {
        List<String> gone = removed(doc);
        Map<String, Object> out = new LinkedHashMap<>();
        doc.forEach((k, v) -> {
            if (v == null || gone.contains(k)) {
                return;
            }
            if (v instanceof List<?> rows) {
                List<Object> copied = new ArrayList<>();
                for (Object row : rows) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) row;
                    List<String> rowGone = removed(r);
                    Map<String, Object> c = new LinkedHashMap<>();
                    r.forEach((rk, rv) -> {
                        if (rv != null && !rowGone.contains(rk)) {
                            c.put(rk, rv);
                        }
                    });
                    copied.add(c);
                }
                out.put(k, copied);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private List<String> removed(Map<String, Object> doc) {
        return doc.get("doctype") instanceof String dt && store.knows(dt) ? store.removedFields(dt) : List.of();
    }

    // ---- parameters

    /** frappe/app.py make_form_dict: a JSON body is the form; otherwise the query string and form fields. */
    private static Map<String, Object> params(Request r) {
        Map<String, Object> p = new LinkedHashMap<>(r.query());
        String type = r.header("content-type");
        if (r.body().length > 0) {
            if (type != null && type.contains("json")) {
                Object parsed = FakeErpNext.parseJson(r.text());
                if (parsed instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> p.put(String.valueOf(k), v));
                } else {
                    p.put("data", parsed);
                }
            } else {
                p.putAll(FakeErpNext.form(r.text()));
            }
        }
        return p;
    }

    /** frappe/api/v1.py get_request_form_data: the {@code data} field when sent, else the whole form. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> p) {
        Object d = p.get("data");
        if (d instanceof String s) {
            return new LinkedHashMap<>(FakeErpNext.parseObject(s));
        }
        if (d instanceof Map<?, ?> m) {
            return new LinkedHashMap<>((Map<String, Object>) m);
        }
        return new LinkedHashMap<>(p);
    }

    private static Object json(Object v) {
        return v instanceof String s && (s.startsWith("[") || s.startsWith("{")) ? FakeErpNext.parseJson(s) : v;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int intParam(Object o, int dflt) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        try {
            return o == null ? dflt : Integer.parseInt(String.valueOf(o));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}

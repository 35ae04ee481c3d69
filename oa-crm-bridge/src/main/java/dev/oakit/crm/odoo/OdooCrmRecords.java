package dev.oakit.crm.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.RemoteCallException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Odoo records as the CRM-neutral records: a company {@code res.partner} is a {@link CrmAccount}, a person a
 * {@link CrmContact} (its one {@code name} split at the last space), a task of the support project a {@link CrmCase}.
 */
final class OdooCrmRecords {
    static final String PARTNER = "res.partner";
    static final String TASK = "project.task";
    static final List<String> ACCOUNT_FIELDS = List.of("id", "name", "ref", "phone", "website", "write_date", "active");
    static final List<String> CONTACT_FIELDS = List.of("id", "name", "parent_id", "email", "phone", "write_date", "active");
    /** The tag that marks a task escalated (it is no case type). */
    static final String ESCALATED_TAG = "Escalated";
    static final List<String> TASK_FIELDS = List.of("id", "name", "description", "partner_id", "stage_id", "state", "priority", "tag_ids",
            "write_date");
    static final List<String> MESSAGE_FIELDS = List.of("id", "res_id", "body", "author_id", "email_from", "message_id", "write_date");
    /** Closed task states and the status a case has in them. */
    static final Map<String, String> CLOSED = Map.of("1_done", "Done", "1_canceled", "Cancelled");

    private OdooCrmRecords() {
    }

    /** Odoo reads an empty field as {@code false}. */
    static String text(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    /** A many2one reads as {@code [id, name]} or {@code false}. */
    static String many2oneId(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isArray() && !v.isEmpty() ? v.get(0).asText() : null;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static CrmAccount account(JsonNode p) {
        String name = text(p, "name");
        return new CrmAccount(p.path("id").asText(), cut(name == null ? "#" + p.path("id").asText() : name, 255), cut(text(p, "ref"), 40),
                cut(text(p, "phone"), 40), cut(text(p, "website"), 255), OdooRpc.version(p.path("write_date").asText()));
    }

    static CrmContact contact(JsonNode p, String keyField) {
        String name = text(p, "name");
        String first = null;
        String last = name == null ? "#" + p.path("id").asText() : name.trim();
        int space = last.lastIndexOf(' ');
        if (space > 0) {
            first = last.substring(0, space).trim();
            last = last.substring(space + 1);
        }
        return new CrmContact(p.path("id").asText(), cut(text(p, keyField), 191), many2oneId(p, "parent_id"), cut(first, 40), cut(last, 80),
                cut(text(p, "email"), 80), cut(text(p, "phone"), 40), OdooRpc.version(p.path("write_date").asText()));
    }

    /** @return the name Odoo keeps for a contact: first and last name joined */
    static String name(CrmContact c) {
        return c.firstName() == null || c.firstName().isBlank() ? c.lastName() : c.firstName() + " " + c.lastName();
    }

    /**
     * Reads tasks as cases: the customer's company and the tags' names in one call each for the whole page.
     *
     * @param tasks rows with {@link #TASK_FIELDS}
     */
    static List<CrmCase> cases(OdooRpc rpc, CallContext call, JsonNode tasks) throws RemoteCallException {
        Set<Long> partners = new LinkedHashSet<>();
        Set<Long> tags = new LinkedHashSet<>();
        for (JsonNode t : tasks) {
            if (t.path("partner_id").isArray()) {
                partners.add(t.path("partner_id").get(0).asLong());
            }
            t.path("tag_ids").forEach(x -> tags.add(x.asLong()));
        }
        Map<String, JsonNode> partnerRows = byId(partners.isEmpty() ? null : rpc.execute(call, PARTNER, "read", List.of(List.copyOf(partners)),
                Map.of("fields", List.of("is_company", "commercial_partner_id"))));
        Map<String, JsonNode> tagRows = byId(tags.isEmpty() ? null : rpc.execute(call, "project.tags", "read", List.of(List.copyOf(tags)),
                Map.of("fields", List.of("name"))));
        List<CrmCase> out = new ArrayList<>();
        for (JsonNode t : tasks) {
            String partner = many2oneId(t, "partner_id");
            JsonNode p = partner == null ? null : partnerRows.get(partner);
            String account = p == null ? null : many2oneId(p, "commercial_partner_id");
            String contact = p == null || p.path("is_company").asBoolean() ? null : partner;
            String type = null;
            boolean escalated = false;
            for (JsonNode tag : t.path("tag_ids")) {
                JsonNode row = tagRows.get(tag.asText());
                if (row != null && ESCALATED_TAG.equalsIgnoreCase(text(row, "name"))) {
                    escalated = true;
                } else if (row != null && type == null) {
                    type = text(row, "name");
                }
            }
            String state = t.path("state").asText();
            String status = CLOSED.containsKey(state) ? CLOSED.get(state)
                    : t.path("stage_id").isArray() ? t.path("stage_id").get(1).asText() : "New";
            out.add(new CrmCase(t.path("id").asText(), t.path("id").asText(), account, contact, cut(text(t, "name"), 255), plain(text(t, "description")),
                    cut(type, 64), "1".equals(t.path("priority").asText()) ? "High" : "Low", cut(status, 64),
                    OdooRpc.version(t.path("write_date").asText()), escalated));
        }
        return out;
    }

    /**
     * Reads chatter messages as case comments: those on tasks of the support project, with their author's e-mail
     * (one call each for the page's tasks and authors); the others get no payload.
     *
     * @param messages rows with {@link #MESSAGE_FIELDS}
     */
    static List<String> comments(OdooRpc rpc, CallContext call, JsonNode messages, long project) throws RemoteCallException {
        Set<Long> tasks = new LinkedHashSet<>();
        Set<Long> authors = new LinkedHashSet<>();
        for (JsonNode m : messages) {
            tasks.add(m.path("res_id").asLong());
            if (m.path("author_id").isArray()) {
                authors.add(m.path("author_id").get(0).asLong());
            }
        }
        Set<String> cases = new java.util.HashSet<>();
        if (!tasks.isEmpty()) {
            rpc.execute(call, TASK, "search", List.of(List.of(List.of("id", "in", List.copyOf(tasks)), List.of("project_id", "=", project),
                    List.of("active", "in", List.of(true, false)))), Map.of()).forEach(id -> cases.add(id.asText()));
        }
        Map<String, JsonNode> authorRows = byId(authors.isEmpty() ? null : rpc.execute(call, PARTNER, "read", List.of(List.copyOf(authors)),
                Map.of("fields", List.of("name", "email"))));
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages) {
            String task = m.path("res_id").asText();
            String body = plain(text(m, "body"));
            if (!cases.contains(task) || body == null || body.isBlank()) {
                out.add(null);
                continue;
            }
            JsonNode author = m.path("author_id").isArray() ? authorRows.get(m.path("author_id").get(0).asText()) : null;
            String email = author != null && text(author, "email") != null ? text(author, "email") : text(m, "email_from");
            out.add(dev.oakit.crm.spi.CrmRecords.payload(new dev.oakit.crm.CaseComment(m.path("id").asText(), task, cut(body, 20_000),
                    author == null ? null : cut(text(author, "name"), 255), cut(email, 254), OdooRpc.version(m.path("write_date").asText()))));
        }
        return out;
    }

    /** An html field as text: tags dropped, the common entities read. */
    static String plain(String html) {
        if (html == null) {
            return null;
        }
        String s = html.replaceAll("(?i)<br\\s*/?>|</p>", "\n").replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return s.strip();
    }

    private static Map<String, JsonNode> byId(JsonNode rows) {
        Map<String, JsonNode> m = new HashMap<>();
        if (rows != null) {
            rows.forEach(r -> m.put(r.path("id").asText(), r));
        }
        return m;
    }
}

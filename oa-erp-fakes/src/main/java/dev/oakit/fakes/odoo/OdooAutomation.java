package dev.oakit.fakes.odoo;

import dev.oakit.fakes.Webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake's automation rules with a "Send Webhook Notification" action (odoo/addons/base/models/ir_actions.py
 * {@code _run_action_webhook} in 17.0): the body is built when the rule fires, inside the call. Odoo 17 posts it right
 * there, before its commit (later versions after it); the fake queues it when the call succeeds and leaves the sending
 * to {@code deliver()}, so a test can deliver it before or after reading; a call that fails queues nothing. Not thread safe: {@link FakeOdoo}
 * serialises calls.
 */
final class OdooAutomation {
    private record Rule(long actionId, WebhookRule rule) {
    }

    private record Pending(String model, java.net.URI url, byte[] body) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final OdooOrm orm;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Pending> postcommit = new ArrayList<>();
    private long nextActionId = 500;

    OdooAutomation(OdooOrm orm) {
        this.orm = orm;
    }

    long add(WebhookRule rule) {
        orm.readUnloaded(rule.model(), null, rule.fields()); // an unknown model or field fails here, as the form refuses it
        Rule r = new Rule(++nextActionId, rule);
        rules.add(r);
        return r.actionId();
    }

    void created(String model, List<Long> ids) {
        fire(model, ids, true);
    }

    void written(String model, List<Long> ids) {
        fire(model, ids, false);
    }

    private void fire(String model, List<Long> ids, boolean create) {
        for (Rule r : rules) {
            WebhookRule.Trigger t = r.rule().trigger();
            boolean fires = r.rule().model().equals(model) && (t == WebhookRule.Trigger.ON_CREATE_OR_WRITE
                    || (create ? t == WebhookRule.Trigger.ON_CREATE : t == WebhookRule.Trigger.ON_WRITE));
            if (!fires) {
                continue;
            }
            for (long id : ids) {
                Map<String, Object> vals = new TreeMap<>(); // json.dumps(vals, sort_keys=True, default=str)
                vals.put("_model", model);
                vals.put("_id", id);
                vals.put("_action", "Send Webhook Notification(#" + r.actionId() + ")");
                if (!r.rule().fields().isEmpty()) {
                    vals.putAll(orm.readUnloaded(model, id, r.rule().fields()));
                }
                postcommit.add(new Pending(model, r.rule().url(), pythonJson(vals).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** The call committed: the requests go to the sender's queue. */
    void committed(Webhooks webhooks) {
        for (Pending p : postcommit) {
            webhooks.enqueue(p.model(), p.url(), p.body());
        }
        postcommit.clear();
    }

    /** The call rolled back: "Webhook call … cancelled due to a rollback". */
    void rolledBack() {
        postcommit.clear();
    }

    /** Python's json.dumps with its default separators ({@code ", "}, {@code ": "}) and ensure_ascii. */
    static String pythonJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(pythonJson(String.valueOf(k))).append(": ").append(pythonJson(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(pythonJson(x)));
            return b.append(']').toString();
        }
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Number) {
            return String.valueOf(v);
        }
        String json;
        try {
            json = JSON.writeValueAsString(String.valueOf(v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder b = new StringBuilder();
        for (char c : json.toCharArray()) {
            b.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}

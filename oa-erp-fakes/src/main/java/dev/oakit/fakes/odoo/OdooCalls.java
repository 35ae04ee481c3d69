package dev.oakit.fakes.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Calls a model method on the fake's ORM with bound arguments, and queues the webhook of what it changed. Shared by
 * the JSON-RPC, web session and JSON-2 endpoints of {@link FakeOdoo}.
 */
final class OdooCalls {
    private final OdooOrm orm;
    private final BiConsumer<String, Map<String, Object>> webhook;
    private final OdooAutomation automation;

    OdooCalls(OdooOrm orm, BiConsumer<String, Map<String, Object>> webhook, OdooAutomation automation) {
        this.orm = orm;
        this.webhook = webhook;
        this.automation = automation;
    }

    /** {@code execute_kw} / {@code call_kw}: a record method takes the ids as its first positional argument; the
     *  {@code context} keyword is taken out before the method is called (odoo/api.py split_context). */
    Object execute(String model, String method, List<?> positional, Map<String, Object> kwargs) {
        orm.model(model);
        kwargs.remove("context");
        OdooMethods.Signature s = OdooMethods.lookup(model, method);
        List<Long> ids = List.of();
        List<?> args = positional;
        if (!s.apiModel()) {
            if (positional.isEmpty()) {
                throw OdooError.typeError(method + "() missing 1 required positional argument: 'ids'");
            }
            ids = OdooMethods.ids(positional.get(0));
            args = positional.subList(1, positional.size());
        }
        Map<String, Object> p = OdooMethods.bind(method, s, args, kwargs, false);
        Object result = run(model, method, ids, p);
        if (method.equals("create") && p.get("vals_list") instanceof Map) {
            return ((List<?>) result).get(0); // create(dict) returns one id over RPC
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Object run(String model, String method, List<Long> ids, Map<String, Object> p) {
        Object result = switch (method) {
            case "create" -> {
                Object v = p.get("vals_list");
                List<Map<String, Object>> vals = v instanceof Map ? List.of((Map<String, Object>) v)
                        : v instanceof List<?> l ? (List<Map<String, Object>>) l : null;
                if (vals == null) {
                    throw OdooError.valueError("create() expects a dict or a list of dicts");
                }
                yield orm.create(model, vals);
            }
            case "search" -> orm.search(model, list(p.get("domain")), intOr(p.get("offset"), 0), limit(p.get("limit")), str(p.get("order")));
            case "search_read" -> orm.read(model,
                    orm.search(model, list(p.get("domain")), intOr(p.get("offset"), 0), limit(p.get("limit")), str(p.get("order"))),
                    strings(p.get("fields")));
            case "search_count" -> {
                int n = orm.search(model, list(p.get("domain")), 0, null, null).size();
                Integer limit = limit(p.get("limit"));
                yield limit == null ? n : Math.min(n, limit);
            }
            case "fields_get" -> orm.fieldsGet(model, strings(p.get("allfields")), strings(p.get("attributes")));
            case "read" -> orm.read(model, ids, strings(p.get("fields")));
            case "write" -> {
                orm.write(model, ids, map(p.get("vals")));
                yield true;
            }
            case "unlink" -> {
                orm.unlink(model, ids);
                yield true;
            }
            case "button_confirm" -> orm.buttonConfirm(ids);
            case "message_post" -> orm.crm().messagePost(model, ids, p);
            case "action_post" -> orm.moves().actionPost(ids);
            case "button_cancel" -> {
                if (model.equals(OdooMoves.MOVE)) {
                    orm.moves().buttonCancel(ids);
                } else {
                    orm.buttonCancel(ids);
                }
                yield null;
            }
            case "button_draft" -> {
                if (model.equals(OdooMoves.MOVE)) {
                    orm.moves().buttonDraft(ids);
                    yield null;
                }
                orm.buttonDraft(ids);
                yield Map.of();
            }
            default -> throw OdooError.attributeError("The method '" + model + "." + method + "' does not exist");
        };
        if (Set.of("create", "write", "button_confirm", "action_post", "button_cancel", "button_draft").contains(method)) {
            List<Long> changed = method.equals("create") ? (List<Long>) result : ids;
            if (method.equals("create")) {
                automation.created(model, changed);
            } else {
                automation.written(model, changed);
            }
            for (Map<String, Object> r : orm.read(model, changed, null)) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("_action", "Send Webhook Notification(#1)");
                payload.put("_id", r.get("id"));
                payload.put("_model", model);
                payload.putAll(r);
                webhook.accept(model, payload);
            }
        }
        return result;
    }


    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    static int intOr(Object o, int dflt) {
        return o instanceof Number n ? n.intValue() : dflt;
    }

    static Integer limit(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}

package dev.oakit.fakes.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public model methods the fake serves, with their Python signatures, and the binding of positional and named
 * arguments to them (odoo/service/model.py {@code call_kw}: for a record method the first positional argument is the
 * ids; odoo/addons/rpc/controllers/json2.py: ids come in the body, every other key is a named argument).
 */
final class OdooMethods {
    /** A signature: whether it is an {@code @api.model} method, its parameters, which of them are required. */
    record Signature(boolean apiModel, List<String> params, List<String> required) {
    }

    static final Map<String, Signature> SIGNATURES = Map.of(
            "create", new Signature(true, List.of("vals_list"), List.of("vals_list")),
            "search", new Signature(true, List.of("domain", "offset", "limit", "order"), List.of("domain")),
            "search_read", new Signature(true, List.of("domain", "fields", "offset", "limit", "order"), List.of()),
            "search_count", new Signature(true, List.of("domain", "limit"), List.of("domain")),
            "fields_get", new Signature(true, List.of("allfields", "attributes"), List.of()),
            "read", new Signature(false, List.of("fields", "load"), List.of()),
            "write", new Signature(false, List.of("vals"), List.of("vals")),
            "unlink", new Signature(false, List.of(), List.of()),
            "button_confirm", new Signature(false, List.of(), List.of()),
            "button_cancel", new Signature(false, List.of(), List.of()));
    private static final Map<String, Signature> PURCHASE_ONLY = Map.of(
            "button_draft", new Signature(false, List.of(), List.of()));
    private static final Map<String, Signature> MOVE_ONLY = Map.of(
            "action_post", new Signature(false, List.of(), List.of()),
            "button_cancel", new Signature(false, List.of(), List.of()),
            "button_draft", new Signature(false, List.of(), List.of()));

    /** mail.thread's message_post: keyword-only in Python; keywords that are mail.message fields are kept (message_id). */
    private static final Signature MESSAGE_POST = new Signature(false, List.of("body", "subject", "message_type", "email_from", "author_id",
            "parent_id", "subtype_xmlid", "subtype_id", "partner_ids", "attachments", "attachment_ids", "body_is_html", "message_id"), List.of());

    private OdooMethods() {
    }

    /** The method, as {@code get_public_method} finds it: private names refused, unknown names an AttributeError. */
    static Signature lookup(String model, String method) {
        if (method.startsWith("_")) {
            throw OdooError.accessError("Private methods (such as '" + model + "." + method + "') cannot be called remotely.");
        }
        if (model.equals(OdooMoves.MOVE) && MOVE_ONLY.containsKey(method)) {
            return MOVE_ONLY.get(method);
        }
        if (method.equals("message_post") && OdooCrm.THREADS.contains(model)) {
            return MESSAGE_POST;
        }
        Signature s = SIGNATURES.get(method);
        if (s == null && model.equals("purchase.order")) {
            s = PURCHASE_ONLY.get(method);
        }
        if (s == null || method.startsWith("button_") && !model.equals("purchase.order")) {
            throw OdooError.attributeError("The method '" + model + "." + method + "' does not exist");
        }
        return s;
    }

    /**
     * Binds positional then named arguments to the parameters, as Python does.
     *
     * @param json2 whether to word errors as the JSON-2 endpoint does ({@code signature.bind}, answered 422)
     */
    static Map<String, Object> bind(String method, Signature s, List<?> args, Map<String, ?> kwargs, boolean json2) {
        Map<String, Object> bound = new LinkedHashMap<>();
        if (args.size() > s.params().size()) {
            throw bindError(method, "too many positional arguments", json2);
        }
        for (int i = 0; i < args.size(); i++) {
            bound.put(s.params().get(i), args.get(i));
        }
        for (Map.Entry<String, ?> e : kwargs.entrySet()) {
            if (!s.params().contains(e.getKey())) {
                throw bindError(method, "got an unexpected keyword argument '" + e.getKey() + "'", json2);
            }
            if (bound.containsKey(e.getKey())) {
                throw bindError(method, "multiple values for argument '" + e.getKey() + "'", json2);
            }
            bound.put(e.getKey(), e.getValue());
        }
        for (String r : s.required()) {
            if (!bound.containsKey(r)) {
                throw bindError(method, "missing a required argument: '" + r + "'", json2);
            }
        }
        return bound;
    }

    private static OdooError bindError(String method, String message, boolean json2) {
        return json2 ? OdooError.http(422, message) : OdooError.typeError(method + "() " + message);
    }

    /** Ids as Odoo accepts them: one id or a list of ids. */
    static List<Long> ids(Object o) {
        List<Long> ids = new ArrayList<>();
        if (o instanceof Number n) {
            ids.add(n.longValue());
        } else if (o instanceof List<?> l) {
            for (Object x : l) {
                if (!(x instanceof Number n)) {
                    throw OdooError.valueError("Invalid id " + x);
                }
                ids.add(n.longValue());
            }
        } else if (o != null && !Boolean.FALSE.equals(o)) {
            throw OdooError.valueError("Invalid ids " + o);
        }
        return ids;
    }
}

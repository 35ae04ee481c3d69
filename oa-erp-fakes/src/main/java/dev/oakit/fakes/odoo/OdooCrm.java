package dev.oakit.fakes.odoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Contacts, the CRM pipeline, support tasks and the chatter as Odoo 17 keeps them:
 * <ul>
 *   <li>{@code res.partner} (base/models/res_partner.py): a person's {@code commercial_partner_id} is its company
 *       ({@code parent_id}) or itself; its {@code complete_name} is {@code "Company, Person"};</li>
 *   <li>{@code crm.lead} (addons/crm): a new lead is an opportunity (a database without the Leads setting) in the
 *       first stage; a stage that {@code is_won} sets the probability to 100 and {@code date_closed};
 *       {@code won_status} is won, lost (archived without a won stage) or pending;</li>
 *   <li>{@code project.task} (addons/project): a task goes back to In Progress when its stage changes, unless the
 *       write sets the state too; {@code date_last_stage_update} follows;</li>
 *   <li>{@code message_post} (addons/mail/models/mail_thread.py) adds a {@code mail.message} to one record:
 *       {@code subtype_xmlid} {@code mail.mt_comment} is a public discussion, {@code mail.mt_note} (the default)
 *       an internal note; the author is {@code author_id} as given (the fake seeds no user partner); keyword arguments that are fields of {@code mail.message} (such as {@code message_id})
 *       are stored; it does not write the record itself.</li>
 * </ul>
 */
final class OdooCrm {
    static final String PARTNER = "res.partner";
    static final String LEAD = "crm.lead";
    static final String TASK = "project.task";
    static final String MESSAGE = "mail.message";
    static final List<String> THREADS = List.of(PARTNER, LEAD, TASK);
    /** The subtypes' xml ids and the ids the fake seeds them with. */
    static final Map<String, Long> SUBTYPES = Map.of("mail.mt_comment", 1L, "mail.mt_note", 2L);

    private final OdooOrm orm;

    OdooCrm(OdooOrm orm) {
        this.orm = orm;
    }

    /** Seeds what a fresh database has: the Discussions and Note subtypes. */
    void seed() {
        orm.create("mail.message.subtype", List.of(new LinkedHashMap<>(Map.of("name", "Discussions", "internal", false, "sequence", 0)),
                new LinkedHashMap<>(Map.of("name", "Note", "internal", true, "sequence", 100))));
    }

    void defaults(String model, Map<String, Object> row) {
        switch (model) {
            case LEAD -> {
                row.put("type", "opportunity");
                row.put("priority", "0");
                row.put("active", true);
                orm.rows("crm.stage").stream().sorted(OdooDomain.order(orm.model("crm.stage"), "sequence, name, id")).findFirst()
                        .ifPresent(s -> row.put("stage_id", s.get("id")));
            }
            case TASK -> {
                row.put("state", "01_in_progress");
                row.put("priority", "0");
                row.put("sequence", 10L);
                row.put("active", true);
                row.put("date_last_stage_update", orm.now());
            }
            case "project.task.type" -> {
                row.put("active", true);
                row.put("sequence", 1L);
            }
            case "crm.stage" -> row.put("sequence", 1L);
            case MESSAGE -> {
                row.put("message_type", "comment");
                row.put("date", orm.now());
                row.put("message_id", "<" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                        + "-openerp-message-notify@fake-odoo>");
            }
            case PARTNER -> row.put("type", "contact");
            default -> {
            }
        }
    }

    /** What a write implies beyond its values: {@code vals} as sent, {@code row} the record after them. */
    void written(String model, Map<String, Object> vals, Map<String, Object> row) {
        if (model.equals(TASK) && vals.containsKey("stage_id")) {
            if (!vals.containsKey("state")) {
                row.put("state", "01_in_progress");
            }
            row.put("date_last_stage_update", orm.now());
        }
        if (model.equals(LEAD) && vals.containsKey("stage_id")) {
            Map<String, Object> stage = orm.rowOrNull("crm.stage", row.get("stage_id"));
            if (stage != null && Boolean.TRUE.equals(stage.get("is_won"))) {
                row.put("probability", 100.0);
                row.put("date_closed", orm.now());
            }
        }
    }

    void recompute(String model, Map<String, Object> row) {
        if (model.equals(PARTNER)) {
            Map<String, Object> parent = Boolean.TRUE.equals(row.get("is_company")) ? null : orm.rowOrNull(PARTNER, row.get("parent_id"));
            row.put("commercial_partner_id", parent == null ? row.get("id") : parent.get("commercial_partner_id"));
            row.put("complete_name", parent == null || row.get("name") == null ? row.get("name") : parent.get("name") + ", " + row.get("name"));
        }
        if (model.equals(LEAD)) {
            Map<String, Object> stage = orm.rowOrNull("crm.stage", row.get("stage_id"));
            boolean won = stage != null && Boolean.TRUE.equals(stage.get("is_won"));
            row.put("won_status", won ? "won" : Boolean.FALSE.equals(row.get("active")) ? "lost" : "pending");
        }
    }

    /** {@code message_post} on one record; @return the new message's id */
    long messagePost(String model, List<Long> ids, Map<String, Object> p) {
        if (!THREADS.contains(model)) {
            throw OdooError.attributeError("The method '" + model + ".message_post' does not exist");
        }
        if (ids.size() != 1) {
            throw OdooError.valueError("Expected singleton: " + model + "(" + String.join(", ", ids.stream().map(String::valueOf).toList())
                    + (ids.size() == 1 ? "," : "") + ")");
        }
        orm.rows(model, ids); // a MissingError when the record is gone
        String type = p.get("message_type") instanceof String t ? t : "notification";
        if (type.equals("user_notification")) {
            throw OdooError.valueError("Use message_notify to send a notification to an user.");
        }
        Object xmlid = p.get("subtype_xmlid");
        long subtype;
        if (xmlid != null) {
            Long s = SUBTYPES.get(String.valueOf(xmlid));
            if (s == null) {
                throw OdooError.valueError("External ID not found in the system: " + xmlid);
            }
            subtype = s;
        } else {
            subtype = p.get("subtype_id") instanceof Number n ? n.longValue() : SUBTYPES.get("mail.mt_note");
        }
        Map<String, Object> subtypeRow = orm.rowOrNull("mail.message.subtype", subtype);
        Map<String, Object> vals = new LinkedHashMap<>();
        Map<String, OdooSchema.Field> fields = orm.model(MESSAGE).fields();
        p.forEach((k, v) -> {
            if (fields.containsKey(k) && !List.of("id", "create_date", "write_date", "display_name").contains(k)) {
                vals.put(k, v); // mail_thread keeps the keyword arguments that are message fields
            }
        });
        String body = p.get("body") instanceof String b ? b : "";
        vals.put("body", Boolean.TRUE.equals(p.get("body_is_html")) ? body : escape(body));
        vals.put("model", model);
        vals.put("res_id", ids.get(0));
        vals.put("message_type", type);
        vals.put("subtype_id", subtype);
        vals.put("is_internal", subtypeRow != null && Boolean.TRUE.equals(subtypeRow.get("internal")));
        return orm.create(MESSAGE, List.of(vals)).get(0);
    }

    /** Many2many values: a list of ids, or commands (6, 0, ids) replace, (4, id) link, (3, id) unlink, (5,) clear. */
    static List<Long> many2many(String field, Object current, Object value, java.util.function.LongPredicate exists) {
        List<Long> ids = new ArrayList<>(current instanceof Collection<?> c ? c.stream().map(x -> ((Number) x).longValue()).toList() : List.of());
        if (value == null || Boolean.FALSE.equals(value)) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw OdooError.valueError("Wrong value for " + field + ": " + value);
        }
        if (list.stream().allMatch(x -> x instanceof Number)) {
            ids.clear();
            list.forEach(x -> ids.add(((Number) x).longValue()));
        } else {
            for (Object c : list) {
                if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !(cmd.get(0) instanceof Number code)) {
                    throw OdooError.valueError("Wrong value for " + field + ": " + c);
                }
                switch (code.intValue()) {
                    case 6 -> {
                        ids.clear();
                        ((Collection<?>) cmd.get(2)).forEach(x -> ids.add(((Number) x).longValue()));
                    }
                    case 4 -> ids.add(((Number) cmd.get(1)).longValue());
                    case 3 -> ids.remove(Long.valueOf(((Number) cmd.get(1)).longValue()));
                    case 5 -> ids.clear();
                    default -> throw OdooError.valueError("Unsupported many2many command " + code + " for " + field);
                }
            }
        }
        for (Long id : ids) {
            if (!exists.test(id)) {
                throw OdooError.missing("Record does not exist or has been deleted.\n(Record: " + field + "(" + id + ",), User: 2)");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(ids));
    }

    /** markupsafe.escape: plain text posted as a message body. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }
}

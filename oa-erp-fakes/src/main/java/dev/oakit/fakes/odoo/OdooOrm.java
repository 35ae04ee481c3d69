package dev.oakit.fakes.odoo;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fake's database and the ORM methods on it, following odoo/models.py and addons/purchase: values are stored
 * raw (many2one as the id), read back in the RPC format ({@code False} for an empty field, {@code [id, name]} for a
 * many2one, ids for a one2many). Not thread safe: {@link FakeOdoo} serialises every call, as one database would.
 * Over 500 lines: the generic ORM (create, write, read, transactions) is one unit; the account rules live in
 * {@link OdooMoves}, the contact, CRM, task and chatter rules in {@link OdooCrm}, the index on {@code write_date} in
 * {@link WriteDateIndex}.
 */
final class OdooOrm {
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Map<String, OdooSchema.Model> models;
    private final Map<String, TreeMap<Long, Map<String, Object>>> tables = new LinkedHashMap<>();
    private final Map<String, Long> nextIds = new LinkedHashMap<>();
    private final Set<String> removedFields = new HashSet<>();
    private final Clock clock;
    private final Function<String, Optional<String>> lineErrors;
    private long poSequence;
    private final OdooMoves moves = new OdooMoves(this);
    private final OdooCrm crm = new OdooCrm(this);
    // the undo log of the running call: rows as they were before it touched them, rows it inserted
    private final Map<String, Map<Long, Map<String, Object>>> before = new LinkedHashMap<>();
    private final List<Map.Entry<String, Long>> inserted = new ArrayList<>();
    private final WriteDateIndex byWriteDate = new WriteDateIndex();

    OdooOrm(Map<String, OdooSchema.Model> models, Clock clock, Function<String, Optional<String>> lineErrors) {
        this.models = models;
        this.clock = clock;
        this.lineErrors = lineErrors;
        models.keySet().forEach(m -> tables.put(m, new TreeMap<>()));
    }

    OdooSchema.Model model(String name) {
        OdooSchema.Model m = models.get(name);
        if (m == null) {
            throw OdooError.userError("Object " + name + " doesn't exist");
        }
        return m;
    }

    boolean hasModel(String name) {
        return models.containsKey(name);
    }

    void removeField(String model, String field) {
        model(model);
        removedFields.add(model + "." + field);
    }

    void restoreField(String model, String field) {
        removedFields.remove(model + "." + field);
    }

    private OdooSchema.Field field(OdooSchema.Model m, String name) {
        OdooSchema.Field f = m.field(name);
        if (f == null || removedFields.contains(m.name() + "." + name)) {
            throw OdooError.valueError("Invalid field '" + name + "' on model '" + m.name() + "'");
        }
        return f;
    }

    /** A field value "now": Odoo's {@code fields.Datetime.now()} has whole seconds. */
    String now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(DATETIME);
    }

    /** The transaction timestamp the ORM stamps {@code create_date} / {@code write_date} with: microseconds in the
     *  database, whole seconds when read (fields.Datetime.to_string), so a domain on {@code write_date} compares the
     *  full value. */
    private String timestamp() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(TIMESTAMP);
    }

    OdooMoves moves() {
        return moves;
    }

    OdooCrm crm() {
        return crm;
    }

    /** Every stored row of a model, live. */
    Collection<Map<String, Object>> rows(String model) {
        return tables.get(model).values();
    }

    /** The live rows of ids; a MissingError if one does not exist. */
    List<Map<String, Object>> rows(String model, List<Long> ids) {
        return browse(model(model), ids);
    }

    Map<String, Object> rowOrNull(String model, Object id) {
        return id == null ? null : tables.get(model).get(id);
    }

    /** A live row about to change: in the undo log. */
    Map<String, Object> undoable(String model, Map<String, Object> row) {
        return touch(model, row);
    }

    /** A live row about to change: in the undo log, its write_date stamped. */
    Map<String, Object> changing(String model, Map<String, Object> row) {
        touch(model, row).put("write_date", timestamp());
        return row;
    }

    int size(String model) {
        return tables.get(model(model).name()).size();
    }

    // ---- transactions: every call commits whole or not at all

    /** Forgets the undo log: what the call changed stays. Sequences are not rolled back (as in PostgreSQL). */
    void commit() {
        before.clear();
        inserted.clear();
    }

    /** Undoes everything since the last commit. */
    void rollback() {
        // rows first, inserts last: a row inserted by this call and touched again later (an order whose lines
        // changed it) has a copy in the undo log too, and must not come back with it
        before.forEach((model, rows) -> rows.forEach((id, copy) -> {
            byWriteDate.stale(model, id);
            Map<String, Object> live = tables.get(model).computeIfAbsent(id, k -> new LinkedHashMap<>());
            live.clear();
            live.putAll(copy);
        }));
        for (Map.Entry<String, Long> e : inserted) {
            byWriteDate.stale(e.getKey(), e.getValue());
            tables.get(e.getKey()).remove(e.getValue());
        }
        commit();
    }

    private Map<String, Object> touch(String model, Map<String, Object> row) {
        Long id = (Long) row.get("id");
        byWriteDate.stale(model, id);
        if (id != null) {
            before.computeIfAbsent(model, k -> new LinkedHashMap<>()).putIfAbsent(id, new LinkedHashMap<>(row));
        }
        return row;
    }

    private void remove(String model, Predicate<Map<String, Object>> which) {
        tables.get(model).values().removeIf(r -> {
            if (which.test(r)) {
                touch(model, r);
                return true;
            }
            return false;
        });
    }

    // ---- create / write / unlink

    List<Long> create(String modelName, List<Map<String, Object>> valsList) {
        OdooSchema.Model m = model(modelName);
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> vals : valsList) {
            ids.add(createOne(m, vals));
        }
        return ids;
    }

    private long createOne(OdooSchema.Model m, Map<String, Object> vals) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<List<?>> lineCommands = new ArrayList<>();
        defaults(m, row);
        assign(m, row, vals, lineCommands);
        if (m.name().equals("purchase.order") && (row.get("name") == null || "New".equals(row.get("name")))) {
            row.put("name", String.format("P%05d", ++poSequence));
        }
        if (m.name().equals("purchase.order.line")) {
            lineDefaults(row);
        }
        if (m.name().equals(OdooMoves.LINE)) {
            moves.lineDefaults(row);
        }
        checkRequired(m, row);
        long id = nextIds.merge(m.name(), 1L, Long::sum);
        row.put("id", id);
        row.put("create_date", timestamp());
        row.put("write_date", timestamp());
        tables.get(m.name()).put(id, row);
        inserted.add(Map.entry(m.name(), id));
        byWriteDate.stale(m.name(), id);
        applyLineCommands(m, id, lineCommands);
        recompute(m, row);
        if (m.name().equals(OdooMoves.MOVE)) {
            moves.checkBalanced(row);
        }
        return id;
    }

    void write(String modelName, List<Long> ids, Map<String, Object> vals) {
        OdooSchema.Model m = model(modelName);
        List<Map<String, Object>> rows = browse(m, ids);
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            List<List<?>> lineCommands = new ArrayList<>();
            assign(m, copy, vals, lineCommands);
            crm.written(m.name(), vals, copy);
            checkRequired(m, copy);
            touch(m.name(), row).putAll(copy);
            row.put("write_date", timestamp());
            applyLineCommands(m, (Long) row.get("id"), lineCommands);
            recompute(m, row);
            if (m.name().equals(OdooMoves.MOVE)) {
                moves.checkBalanced(row);
            }
        }
    }

    void unlink(String modelName, List<Long> ids) {
        OdooSchema.Model m = model(modelName);
        List<Map<String, Object>> rows = browse(m, ids);
        if (m.name().equals("purchase.order")) {
            for (Map<String, Object> r : rows) {
                if (!"cancel".equals(r.get("state"))) {
                    throw OdooError.userError("In order to delete a purchase order, you must cancel it first.");
                }
            }
            remove("purchase.order.line", l -> ids.contains((Long) l.get("order_id")));
        }
        if (m.name().equals(OdooMoves.MOVE)) {
            moves.checkUnlink(rows);
            remove(OdooMoves.LINE, l -> ids.contains((Long) l.get("move_id")));
        }
        remove(m.name(), r -> ids.contains((Long) r.get("id")));
    }

    private void defaults(OdooSchema.Model m, Map<String, Object> row) {
        switch (m.name()) {
            case "res.partner" -> {
                row.put("active", true);
                row.put("supplier_rank", 0);
                crm.defaults(m.name(), row);
            }
            case "product.product" -> {
                row.put("active", true);
                row.put("type", "consu");
            }
            case "account.analytic.account", "project.project", "hr.employee" -> row.put("active", true);
            case "account.journal" -> moves.journalDefaults(row);
            case "account.move" -> moves.defaults(row);
            case "purchase.order" -> {
                row.put("state", "draft");
                row.put("priority", "0");
                row.put("date_order", now());
            }
            default -> crm.defaults(m.name(), row);
        }
    }

    private void lineDefaults(Map<String, Object> line) {
        Map<String, Object> product = line.get("product_id") == null ? null : tables.get("product.product").get(line.get("product_id"));
        if (line.get("name") == null && product != null) {
            line.put("name", displayName("product.product", product));
        }
        line.putIfAbsent("product_qty", 1.0);
        if (line.get("price_unit") == null) {
            line.put("price_unit", product == null ? 0.0 : product.getOrDefault("standard_price", 0.0));
        }
        line.putIfAbsent("sequence", 10);
        if (product != null) {
            String key = product.get("default_code") != null ? (String) product.get("default_code") : (String) product.get("name");
            lineErrors.apply(key).ifPresent(msg -> {
                throw OdooError.validation(msg);
            });
        }
    }

    private void assign(OdooSchema.Model m, Map<String, Object> row, Map<String, Object> vals, List<List<?>> lineCommands) {
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            OdooSchema.Field f = field(m, e.getKey());
            Object v = e.getValue();
            if (f.computed()) {
                continue; // the ORM ignores values for computed fields without an inverse
            }
            switch (f.type()) {
                case "one2many" -> {
                    if (!(v instanceof List<?> cmds)) {
                        throw OdooError.valueError("Wrong value for " + m.name() + "." + f.name() + ": " + v);
                    }
                    for (Object c : cmds) {
                        if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !(cmd.get(0) instanceof Number)) {
                            throw OdooError.valueError("Wrong value for " + m.name() + "." + f.name() + ": " + c);
                        }
                        lineCommands.add(cmd);
                    }
                }
                case "many2one" -> {
                    if (v == null || Boolean.FALSE.equals(v)) {
                        row.put(f.name(), null);
                    } else if (v instanceof Number n) {
                        if (!tables.get(f.relation()).containsKey(n.longValue())) {
                            throw OdooError.validation(integrity(m, "Constraint: " + m.name().replace('.', '_') + "_" + f.name() + "_fkey"));
                        }
                        row.put(f.name(), n.longValue());
                    } else {
                        throw OdooError.valueError("Wrong value for " + m.name() + "." + f.name() + ": " + v);
                    }
                }
                case "many2many" -> row.put(f.name(), OdooCrm.many2many(m.name() + "." + f.name(), row.get(f.name()), v,
                        id -> tables.get(f.relation()).containsKey(id)));
                case "selection" -> {
                    if (v != null && !Boolean.FALSE.equals(v) && f.selection().stream().noneMatch(p -> p.get(0).equals(v))) {
                        throw OdooError.valueError("Wrong value for " + m.name() + "." + f.name() + ": '" + v + "'");
                    }
                    row.put(f.name(), Boolean.FALSE.equals(v) ? null : v);
                }
                case "float", "monetary" -> row.put(f.name(), v instanceof Number n ? n.doubleValue() : Boolean.FALSE.equals(v) ? 0.0 : v);
                case "integer" -> row.put(f.name(), v instanceof Number n ? n.longValue() : Boolean.FALSE.equals(v) ? 0L : v);
                case "boolean" -> row.put(f.name(), Boolean.TRUE.equals(v));
                default -> row.put(f.name(), Boolean.FALSE.equals(v) ? null : v);
            }
        }
    }

    /** one2many commands: (0, 0, vals) create, (1, id, vals) update, (2, id) delete, (3, id) unlink,
     *  (4, id) link, (5,) clear, (6, 0, ids) replace; odoo/fields.py Command. */
    @SuppressWarnings("unchecked")
    private void applyLineCommands(OdooSchema.Model m, long orderId, List<List<?>> commands) {
        if (commands.isEmpty()) {
            return;
        }
        OdooSchema.Field o2m = m.fields().values().stream().filter(f -> f.type().equals("one2many")).findFirst().orElseThrow();
        OdooSchema.Model lines = model(o2m.relation());
        for (List<?> cmd : commands) {
            int code = ((Number) cmd.get(0)).intValue();
            Long id = cmd.size() > 1 && cmd.get(1) instanceof Number n ? n.longValue() : null;
            switch (code) {
                case 0 -> {
                    Map<String, Object> vals = new LinkedHashMap<>((Map<String, Object>) cmd.get(2));
                    vals.put(o2m.inverse(), orderId);
                    createOne(lines, vals);
                }
                case 1 -> write(lines.name(), List.of(id), (Map<String, Object>) cmd.get(2));
                case 2, 3 -> remove(lines.name(), l -> l.get("id").equals(id));
                case 4 -> write(lines.name(), List.of(id), Map.of(o2m.inverse(), orderId));
                case 5 -> remove(lines.name(), l -> Long.valueOf(orderId).equals(l.get(o2m.inverse())));
                case 6 -> {
                    Collection<?> keep = (Collection<?>) cmd.get(2);
                    remove(lines.name(), l -> Long.valueOf(orderId).equals(l.get(o2m.inverse()))
                            && keep.stream().noneMatch(k -> ((Number) k).longValue() == (Long) l.get("id")));
                }
                default -> throw OdooError.valueError("Unknown command " + code);
            }
        }
    }

    private void checkRequired(OdooSchema.Model m, Map<String, Object> row) {
        for (OdooSchema.Field f : m.fields().values()) {
            if (f.required() && !f.computed() && row.get(f.name()) == null) {
                throw OdooError.validation(integrity(m, "Field: " + f.string() + " (" + f.name() + ")"));
            }
        }
    }

    /** The message odoo/service/model.py gives a NOT NULL or foreign-key violation. */
    private static String integrity(OdooSchema.Model m, String detail) {
        return "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + m.description() + " (" + m.name() + ")\n" + detail;
    }

    private void recompute(OdooSchema.Model m, Map<String, Object> row) {
        touch(m.name(), row);
        switch (m.name()) {
            case "res.partner", OdooCrm.LEAD -> crm.recompute(m.name(), row);
            case "purchase.order.line" -> {
                row.put("price_subtotal", round(num(row.get("product_qty")) * num(row.get("price_unit"))));
                Map<String, Object> order = tables.get("purchase.order").get(row.get("order_id"));
                if (order != null) {
                    recompute(model("purchase.order"), order);
                }
            }
            case "purchase.order" -> {
                double total = tables.get("purchase.order.line").values().stream()
                        .filter(l -> row.get("id").equals(l.get("order_id"))).mapToDouble(l -> num(l.get("price_subtotal"))).sum();
                row.put("amount_untaxed", round(total));
                row.put("amount_total", round(total));
            }
            case OdooMoves.LINE -> {
                moves.recomputeLine(row);
                Map<String, Object> move = tables.get(OdooMoves.MOVE).get(row.get("move_id"));
                if (move != null) {
                    recompute(model(OdooMoves.MOVE), move);
                }
            }
            case OdooMoves.MOVE -> moves.recomputeMove(row);
            default -> {
            }
        }
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    // ---- purchase workflow (addons/purchase/models/purchase_order.py)

    boolean buttonConfirm(List<Long> ids) {
        for (Map<String, Object> order : browse(model("purchase.order"), ids)) {
            if (!List.of("draft", "sent").contains(order.get("state"))) {
                continue; // orders not in draft or sent are skipped, not refused
            }
            touch("purchase.order", order).put("state", "purchase");
            order.put("date_approve", now());
            order.put("write_date", timestamp());
        }
        return true;
    }

    void buttonCancel(List<Long> ids) {
        for (Map<String, Object> order : browse(model("purchase.order"), ids)) {
            touch("purchase.order", order).put("state", "cancel");
            order.put("write_date", timestamp());
        }
    }

    void buttonDraft(List<Long> ids) {
        for (Map<String, Object> order : browse(model("purchase.order"), ids)) {
            touch("purchase.order", order).put("state", "draft");
            order.put("write_date", timestamp());
        }
    }

    /** Sets a computed field's stored value directly (seeding what the fake does not compute, e.g. stock). */
    void setComputed(String modelName, long id, String field, Object value) {
        OdooSchema.Model m = model(modelName);
        Map<String, Object> row = browse(m, List.of(id)).get(0);
        field(m, field);
        row.put(field, value);
        byWriteDate.stale(m.name(), id);
    }

    // ---- read side

    /** Every id of a model, archived records included, ascending. */
    List<Long> allIds(String modelName) {
        return new ArrayList<>(tables.get(model(modelName).name()).keySet());
    }

    List<Long> search(String modelName, List<?> domain, int offset, Integer limit, String order) {
        OdooSchema.Model m = model(modelName);
        Predicate<Map<String, Object>> p = OdooDomain.compile(m, domain);
        if (m.fields().containsKey("active")) {
            boolean mentionsActive = domain != null && domain.stream().anyMatch(t -> t instanceof List<?> l && "active".equals(l.get(0)));
            if (!mentionsActive) {
                p = p.and(r -> !Boolean.FALSE.equals(r.get("active"))); // archived records are hidden unless asked for
            }
        }
        String spec = order == null || order.isBlank() ? m.defaultOrder() : order;
        java.util.Comparator<Map<String, Object>> sort = OdooDomain.order(m, spec);
        String[] first = spec.split(",")[0].trim().split("\\s+");
        if (first[0].equals("write_date")) {
            List<Map<String, Object>> page = byWriteDate.page(m.name(), tables.get(m.name()), domain, p,
                    first.length > 1 && first[1].equalsIgnoreCase("desc"), spec.contains(",") ? sort : null, offset, limit);
            if (page != null) {
                return page.stream().map(r -> (Long) r.get("id")).toList();
            }
        }
        return tables.get(m.name()).values().stream().filter(p).sorted(sort)
                .skip(offset).limit(limit == null || limit <= 0 ? Long.MAX_VALUE : limit)
                .map(r -> (Long) r.get("id")).toList();
    }

    List<Map<String, Object>> read(String modelName, List<Long> ids, List<String> fields) {
        OdooSchema.Model m = model(modelName);
        List<String> names = fields == null || fields.isEmpty()
                ? m.fields().keySet().stream().filter(f -> !removedFields.contains(m.name() + "." + f)).toList()
                : fields;
        names.forEach(f -> field(m, f));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : browse(m, ids)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.get("id"));
            for (String f : names) {
                r.put(f, external(m, m.field(f), row));
            }
            out.add(r);
        }
        return out;
    }

    /**
     * {@code read(fields, load=None)} of one record as a server action calls it (base/models/ir_actions.py): a many2one
     * is its id, a datetime Python's {@code str()} of it, microseconds kept (a whole second has none). With a null id
     * only the model and the field names are checked.
     */
    Map<String, Object> readUnloaded(String modelName, Long id, List<String> fields) {
        OdooSchema.Model m = model(modelName);
        fields.forEach(f -> field(m, f));
        Map<String, Object> r = new LinkedHashMap<>();
        if (id == null) {
            return r;
        }
        Map<String, Object> row = browse(m, List.of(id)).get(0);
        r.put("id", id);
        for (String f : fields) {
            OdooSchema.Field field = m.field(f);
            Object v = row.get(f);
            r.put(f, switch (field.type()) {
                case "many2one" -> v == null || tables.get(field.relation()).get(v) == null ? false : v;
                case "datetime" -> v instanceof String t ? (t.endsWith(".000000") ? t.substring(0, 19) : t) : false;
                default -> external(m, field, row);
            });
        }
        return r;
    }

    Map<String, Object> fieldsGet(String modelName, List<String> allfields, List<String> attributes) {
        OdooSchema.Model m = model(modelName);
        Map<String, Object> out = new LinkedHashMap<>();
        for (OdooSchema.Field f : m.fields().values()) {
            if (removedFields.contains(m.name() + "." + f.name()) || allfields != null && !allfields.isEmpty() && !allfields.contains(f.name())) {
                continue;
            }
            Map<String, Object> d = f.describe();
            if (attributes != null && !attributes.isEmpty()) {
                d.keySet().retainAll(attributes);
            }
            out.put(f.name(), d);
        }
        return out;
    }

    private List<Map<String, Object>> browse(OdooSchema.Model m, List<Long> ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Map<String, Object> r = tables.get(m.name()).get(id);
            if (r == null) {
                missing.add(id);
            } else {
                rows.add(r);
            }
        }
        if (!missing.isEmpty()) {
            String list = missing.size() == 1 ? missing.get(0) + "," : String.join(", ", missing.stream().map(String::valueOf).toList());
            throw OdooError.missing("Record does not exist or has been deleted.\n(Record: " + m.name() + "(" + list + "), User: 2)");
        }
        return rows;
    }

    private Object external(OdooSchema.Model m, OdooSchema.Field f, Map<String, Object> row) {
        Object v = row.get(f.name());
        return switch (f.type()) {
            case "many2one" -> {
                if (v == null) {
                    yield false;
                }
                Map<String, Object> target = tables.get(f.relation()).get(v);
                yield target == null ? false : List.of(v, displayName(f.relation(), target));
            }
            case "one2many" -> tables.get(f.relation()).values().stream()
                    .filter(l -> row.get("id").equals(l.get(f.inverse()))).map(l -> l.get("id")).toList();
            case "many2many" -> v == null ? List.of() : v;
            case "integer", "many2one_reference" -> v == null ? 0 : v;
            case "float", "monetary" -> v == null ? 0.0 : v;
            case "boolean" -> Boolean.TRUE.equals(v);
            case "datetime" -> v instanceof String t && t.length() > 19 ? t.substring(0, 19) : v == null ? false : v;
            default -> f.name().equals("display_name") ? displayName(m.name(), row) : v == null ? false : v;
        };
    }

    private String displayName(String model, Map<String, Object> row) {
        if (model.equals("product.product") && row.get("default_code") != null) {
            return "[" + row.get("default_code") + "] " + row.get("name");
        }
        if (model.equals("purchase.order.line")) {
            return String.valueOf(row.get("name"));
        }
        if (model.equals("account.account")) {
            return row.get("code") + " " + row.get("name");
        }
        return row.get("name") == null ? model + "," + row.get("id") : String.valueOf(row.get("name"));
    }
}

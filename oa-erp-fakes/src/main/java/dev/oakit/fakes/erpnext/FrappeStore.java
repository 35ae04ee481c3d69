package dev.oakit.fakes.erpnext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The fake's database and Frappe's document life cycle on it (frappe/model/document.py insert / save / submit /
 * cancel, frappe/model/delete_doc.py), with the ERPNext validations the fake needs. A change builds a new copy of the
 * document and replaces the stored one only when every check passed, so a failed call leaves nothing behind. Not
 * thread safe: {@link FakeErpNext} serialises calls.
 */
final class FrappeStore {
    static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    static final List<String> STANDARD = List.of("name", "owner", "creation", "modified", "modified_by", "docstatus", "idx");

    private final Map<String, DocTypes.DocType> doctypes;
    private final Map<String, Map<String, Map<String, Object>>> docs = new HashMap<>();
    private final Map<String, Set<String>> removed = new HashMap<>();
    private final Map<String, Integer> series = new HashMap<>();
    // DocType -> temporal(modified) -> insertion number -> document: the index a list ordered by modified reads
    // (FrappeQuery.page); the insertion number keeps equal timestamps in the order the table holds them
    private final Map<String, NavigableMap<String, NavigableMap<Long, Map<String, Object>>>> byModified = new HashMap<>();
    private final Map<String, Map<String, Long>> inserted = new HashMap<>();
    private long insertions;
    // "DocType.field" -> value -> name, for the unique fields: the database's unique index
    private final Map<String, Map<String, String>> uniqueIndex = new HashMap<>();
    private final Clock clock;
    private final String user;
    private final ErpNextRules rules;
    private final String uniqueKeyField;
    private final boolean nameByKey;
    private final GeneralLedger ledger;

    FrappeStore(Map<String, DocTypes.DocType> doctypes, Clock clock, String user, String defaultCompany,
                Function<String, Optional<String>> lineErrors, String uniqueKeyField, boolean nameByKey) {
        this.doctypes = doctypes;
        this.clock = clock;
        this.user = user;
        this.rules = new ErpNextRules(doctype -> docs.get(doctype), defaultCompany, clock, lineErrors);
        this.uniqueKeyField = uniqueKeyField;
        this.nameByKey = nameByKey;
        this.ledger = new GeneralLedger(this);
        doctypes.keySet().forEach(d -> {
            docs.put(d, new LinkedHashMap<>());
            byModified.put(d, new TreeMap<>());
            inserted.put(d, new HashMap<>());
        });
    }

    DocTypes.DocType doctype(String name) {
        DocTypes.DocType d = doctypes.get(name);
        if (d == null) {
            throw FrappeError.thrown("DoesNotExistError", 404, "DocType " + name + " not found");
        }
        return d;
    }

    boolean knows(String doctype) {
        return doctypes.containsKey(doctype);
    }

    void removeField(String doctype, String field) {
        doctype(doctype);
        removed.computeIfAbsent(doctype, k -> new HashSet<>()).add(field);
    }

    void restoreField(String doctype, String field) {
        removed.getOrDefault(doctype, Set.of()).remove(field);
    }

    List<String> removedFields(String doctype) {
        return List.copyOf(removed.getOrDefault(doctype, Set.of()));
    }

    boolean hasColumn(DocTypes.DocType d, String field) {
        return STANDARD.contains(field) || field.equals("doctype")
                || d.field(field) != null && !d.field(field).isTable() && !removed.getOrDefault(d.name(), Set.of()).contains(field);
    }

    int count(String doctype) {
        return docs.get(doctype(doctype).name()).size();
    }

    Map<String, Map<String, Object>> table(String doctype) {
        return docs.get(doctype(doctype).name());
    }

    /** The documents of a DocType by {@code modified} (read only). */
    NavigableMap<String, NavigableMap<Long, Map<String, Object>>> byModified(String doctype) {
        return Collections.unmodifiableNavigableMap(byModified.get(doctype(doctype).name()));
    }

    Map<String, Object> get(String doctype, String name) {
        Map<String, Object> d = docs.get(doctype(doctype).name()).get(name);
        if (d == null) {
            throw FrappeError.notFound(doctype, name);
        }
        return d;
    }

    private String now() {
        return LocalDateTime.now(clock).format(MODIFIED);
    }

    // ---- insert

    Map<String, Object> insert(String doctype, Map<String, Object> data) {
        DocTypes.DocType d = doctype(doctype);
        if (d.istable()) {
            throw FrappeError.validation("Cannot insert a child table document directly: " + doctype);
        }
        int docstatus = data.get("docstatus") instanceof Number n ? n.intValue() : 0;
        if (docstatus == 2) {
            throw FrappeError.raised("DocstatusTransitionError", 417, "Cannot change docstatus from 0 to 2");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", null);
        doc.put("owner", user);
        doc.put("creation", now());
        doc.put("modified", now());
        doc.put("modified_by", user);
        doc.put("docstatus", docstatus);
        doc.put("idx", 0);
        apply(d, doc, data);
        rules.defaults(d, doc);
        validateLinks(d, doc);
        String name = autoname(d, doc, data);
        doc.put("name", name);
        rules.validate(d, doc);
        mandatory(d, doc);
        if (docs.get(d.name()).containsKey(name)) {
            throw FrappeError.raised("DuplicateEntryError", 409, "('" + d.name() + "', '" + name + "', IntegrityError(1062, \"Duplicate entry '"
                    + name + "' for key 'PRIMARY'\"))").withMessage(d.name() + " <strong>" + name + "</strong> already exists");
        }
        unique(d, doc);
        finish(d, doc, docstatus);
        if (d.autoname().startsWith("naming_series:")) {
            series.merge(seriesKey(d), 1, Integer::sum);
        }
        put(d, name, doc);
        ledger.post(d.name(), doc, 0, docstatus);
        return doc;
    }

    // ---- save, submit, cancel

    /** {@code PUT}: update then save; the docstatus in the data decides save / submit / update after submit / cancel. */
    Map<String, Object> update(String doctype, String name, Map<String, Object> data) {
        DocTypes.DocType d = doctype(doctype);
        Map<String, Object> stored = get(doctype, name);
        int from = ((Number) stored.get("docstatus")).intValue();
        int to = data.get("docstatus") instanceof Number n ? n.intValue() : from;
        if (from == 2) {
            throw FrappeError.raised("ValidationError", 417, "Cannot edit cancelled document");
        }
        if (data.containsKey("modified") && !Objects.equals(String.valueOf(data.get("modified")), stored.get("modified"))) {
            throw FrappeError.thrown("TimestampMismatchError", 417, "Error: Document has been modified after you have opened it ("
                    + data.get("modified") + ", " + stored.get("modified") + "). Please refresh to get the latest document.");
        }
        if (from == 0 && to == 2 || from == 1 && to == 0) {
            throw FrappeError.raised("DocstatusTransitionError", 417, "Cannot change docstatus from " + from + " to " + to);
        }
        Map<String, Object> doc = copy(stored);
        if (!(from == 1 && to == 2)) {
            apply(d, doc, data);
        }
        if (from == 1 && to == 1) {
            checkUpdateAfterSubmit(d, stored, doc);
        } else if (from == 0) {
            rules.defaults(d, doc);
            validateLinks(d, doc);
            rules.validate(d, doc);
            mandatory(d, doc);
        }
        unique(d, doc);
        doc.put("modified", now());
        doc.put("modified_by", user);
        finish(d, doc, to);
        put(d, name, doc);
        ledger.post(d.name(), doc, from, to);
        return doc;
    }

    static String event(int from, int to, boolean inserted) {
        if (inserted) {
            return to == 1 ? "on_submit" : "after_insert";
        }
        return from == 0 && to == 1 ? "on_submit" : to == 2 ? "on_cancel" : from == 1 ? "on_update_after_submit" : "on_update";
    }

    void delete(String doctype, String name) {
        Map<String, Object> doc = get(doctype, name);
        if (((Number) doc.get("docstatus")).intValue() == 1) {
            throw FrappeError.validation(doctype + " " + name + ": Submitted Record cannot be deleted. You must Cancel it first.");
        }
        put(doctype(doctype), name, null);
    }

    private void checkUpdateAfterSubmit(DocTypes.DocType d, Map<String, Object> before, Map<String, Object> after) {
        for (DocTypes.Field f : d.fields().values()) {
            if (f.isTable()) {
                List<?> a = (List<?>) before.getOrDefault(f.fieldname(), List.of());
                List<?> b = (List<?>) after.getOrDefault(f.fieldname(), List.of());
                if (a.size() != b.size()) {
                    throw updateAfterSubmit(f.label());
                }
                DocTypes.DocType child = doctype(f.options());
                for (int i = 0; i < a.size(); i++) {
                    for (DocTypes.Field cf : child.fields().values()) {
                        if (!cf.allowOnSubmit() && !same(((Map<?, ?>) a.get(i)).get(cf.fieldname()), ((Map<?, ?>) b.get(i)).get(cf.fieldname()))) {
                            throw updateAfterSubmit(cf.label());
                        }
                    }
                }
            } else if (!f.allowOnSubmit() && !same(before.get(f.fieldname()), after.get(f.fieldname()))) {
                throw updateAfterSubmit(f.label());
            }
        }
    }

    private static FrappeError updateAfterSubmit(String label) {
        return FrappeError.thrown("UpdateAfterSubmitError", 417, "Not allowed to change " + label + " after submission");
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    // ---- building a document

    /** {@code doc.update(data)}: known fields are set, unknown or removed ones dropped; a table is replaced whole. */
    @SuppressWarnings("unchecked")
    private void apply(DocTypes.DocType d, Map<String, Object> doc, Map<String, Object> data) {
        Set<String> gone = removed.getOrDefault(d.name(), Set.of());
        for (DocTypes.Field f : d.fields().values()) {
            if (!data.containsKey(f.fieldname()) || gone.contains(f.fieldname())) {
                continue;
            }
            Object v = data.get(f.fieldname());
            if (f.isTable()) {
                DocTypes.DocType child = doctype(f.options());
                Set<String> childGone = removed.getOrDefault(child.name(), Set.of());
                List<Map<String, Object>> rows = new ArrayList<>();
                int idx = 0;
                for (Object o : v instanceof List<?> l ? l : List.of()) {
                    Map<String, Object> in = o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", in.get("name") instanceof String s ? s : UUID.randomUUID().toString().replace("-", "").substring(0, 10));
                    row.put("idx", ++idx);
                    for (DocTypes.Field cf : child.fields().values()) {
                        if (in.containsKey(cf.fieldname()) && !childGone.contains(cf.fieldname())) {
                            row.put(cf.fieldname(), cf.isNumber() && in.get(cf.fieldname()) instanceof Number n ? n.doubleValue() : in.get(cf.fieldname()));
                        }
                    }
                    rows.add(row);
                }
                doc.put(f.fieldname(), rows);
            } else {
                doc.put(f.fieldname(), f.isNumber() && v instanceof Number n && !f.fieldtype().equals("Int") && !f.fieldtype().equals("Check")
                        ? (Object) n.doubleValue() : v);
            }
        }
    }

    /** Links to DocTypes the fake stores must exist (frappe's _validate_links, LinkValidationError). */
    @SuppressWarnings("unchecked")
    private void validateLinks(DocTypes.DocType d, Map<String, Object> doc) {
        for (DocTypes.Field f : d.fields().values()) {
            if (f.fieldtype().equals("Link") && doc.get(f.fieldname()) != null && knows(f.options())
                    && !docs.get(f.options()).containsKey(String.valueOf(doc.get(f.fieldname())))) {
                throw FrappeError.thrown("LinkValidationError", 417, "Could not find " + f.label() + ": " + doc.get(f.fieldname()));
            }
            if (f.isTable()) {
                DocTypes.DocType child = doctype(f.options());
                for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault(f.fieldname(), List.of())) {
                    for (DocTypes.Field cf : child.fields().values()) {
                        Object v = row.get(cf.fieldname());
                        if (cf.fieldtype().equals("Link") && v != null && knows(cf.options()) && !docs.get(cf.options()).containsKey(String.valueOf(v))) {
                            throw FrappeError.thrown("LinkValidationError", 417, "Could not find Row #" + row.get("idx") + ": " + cf.label() + ": " + v);
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void mandatory(DocTypes.DocType d, Map<String, Object> doc) {
        List<String> missing = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Set<String> gone = removed.getOrDefault(d.name(), Set.of());
        for (DocTypes.Field f : d.fields().values()) {
            Object v = doc.get(f.fieldname());
            if (f.reqd() && !gone.contains(f.fieldname()) && (v == null || "".equals(v) || f.isTable() && ((List<?>) v).isEmpty())) {
                missing.add(f.fieldname());
                messages.add("Error: Value missing for " + d.name() + ": " + f.label());
            }
            if (f.isTable() && v instanceof List<?> rows) {
                DocTypes.DocType child = doctype(f.options());
                for (Object r : rows) {
                    Map<String, Object> row = (Map<String, Object>) r;
                    for (DocTypes.Field cf : child.fields().values()) {
                        if (cf.reqd() && (row.get(cf.fieldname()) == null || "".equals(row.get(cf.fieldname())))) {
                            missing.add(cf.fieldname());
                            messages.add("Error: Data missing in table " + f.label() + ", Row #" + row.get("idx") + ": " + cf.label());
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            FrappeError e = FrappeError.raised("MandatoryError", 417, "[" + d.name() + ", " + doc.get("name") + "]: " + String.join(", ", missing));
            messages.forEach(e::withMessage);
            throw e;
        }
    }

    /** A unique field already used by another document: UniqueValidationError (MariaDB's message, then the error). */
    private void unique(DocTypes.DocType d, Map<String, Object> doc) {
        for (DocTypes.Field f : d.fields().values()) {
            Object v = doc.get(f.fieldname());
            if (!f.unique() || v == null || "".equals(v)) {
                continue;
            }
            String owner = uniqueIndex.getOrDefault(d.name() + "." + f.fieldname(), Map.of()).get(String.valueOf(v));
            if (owner != null && !owner.equals(doc.get("name"))) {
                throw FrappeError.raised("UniqueValidationError", 417, "('" + d.name() + "', '" + doc.get("name")
                        + "', IntegrityError(1062, \"Duplicate entry '" + v + "' for key '" + f.fieldname() + "'\"))")
                        .withMessage(f.label() + " must be unique");
            }
        }
    }

    /** Stores a document (replacing its earlier version, or removing it when {@code doc} is null) and keeps the
     *  unique index in step. */
    private void put(DocTypes.DocType d, String name, Map<String, Object> doc) {
        Map<String, Object> before = doc == null ? docs.get(d.name()).remove(name) : docs.get(d.name()).put(name, doc);
        index(d, name, before, doc);
        for (DocTypes.Field f : d.fields().values()) {
            if (!f.unique()) {
                continue;
            }
            Map<String, String> index = uniqueIndex.computeIfAbsent(d.name() + "." + f.fieldname(), k -> new HashMap<>());
            if (before != null && before.get(f.fieldname()) != null) {
                index.remove(String.valueOf(before.get(f.fieldname())), name);
            }
            if (doc != null && doc.get(f.fieldname()) != null && !"".equals(doc.get(f.fieldname()))) {
                index.put(String.valueOf(doc.get(f.fieldname())), name);
            }
        }
    }

    /** Keeps the index on {@code modified} in step with the table: a document removed gets a new insertion number when
     *  it comes back, as the LinkedHashMap puts it last. */
    private void index(DocTypes.DocType d, String name, Map<String, Object> before, Map<String, Object> doc) {
        NavigableMap<String, NavigableMap<Long, Map<String, Object>>> index = byModified.get(d.name());
        Map<String, Long> numbers = inserted.get(d.name());
        if (before != null) {
            String key = FrappeQuery.temporal(String.valueOf(before.get("modified")));
            NavigableMap<Long, Map<String, Object>> group = index.get(key);
            group.remove(numbers.get(name));
            if (group.isEmpty()) {
                index.remove(key);
            }
        }
        if (doc == null) {
            numbers.remove(name);
        } else {
            long n = numbers.computeIfAbsent(name, k -> insertions++);
            index.computeIfAbsent(FrappeQuery.temporal(String.valueOf(doc.get("modified"))), k -> new TreeMap<>()).put(n, doc);
        }
    }

    private String autoname(DocTypes.DocType d, Map<String, Object> doc, Map<String, Object> data) {
        String rule = d.autoname();
        if (nameByKey && d.name().equals("Purchase Order") && uniqueKeyField != null && doc.get(uniqueKeyField) != null) {
            return String.valueOf(doc.get(uniqueKeyField)); // autoname "field:<key>": the key is the name
        }
        if (rule.startsWith("field:")) {
            Object v = doc.get(rule.substring(6));
            return v == null ? "new-" + d.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-1" : String.valueOf(v);
        }
        if (rule.equals("cost_center")) {
            Map<String, Object> company = docs.get("Company").get(String.valueOf(doc.get("company")));
            return doc.get("cost_center_name") + (company == null ? "" : " - " + company.get("abbr"));
        }
        if (rule.startsWith("naming_series:")) {
            return seriesPrefix(d) + String.format("%05d", series.getOrDefault(seriesKey(d), 0) + 1);
        }
        if (rule.equals("budget")) { // erpnext Budget.autoname: make_autoname(<budget against>/<fiscal year>/.###)
            String prefix = doc.get(String.valueOf(doc.get("budget_against")).toLowerCase(java.util.Locale.ROOT).replace(' ', '_'))
                    + "/" + doc.get("fiscal_year") + "/";
            return prefix + String.format("%03d", series.merge(prefix, 1, Integer::sum));
        }
        return data.get("name") instanceof String s ? s : UUID.randomUUID().toString().substring(0, 10);
    }

    private String seriesPrefix(DocTypes.DocType d) {
        String pattern = d.autoname().substring("naming_series:".length());
        return pattern.replace(".YYYY.", String.valueOf(LocalDate.now(clock).getYear())).replace(".", "");
    }

    private String seriesKey(DocTypes.DocType d) {
        return seriesPrefix(d);
    }

    @SuppressWarnings("unchecked")
    private void finish(DocTypes.DocType d, Map<String, Object> doc, int docstatus) {
        doc.put("docstatus", docstatus);
        if (d.name().equals("Purchase Order")) {
            doc.put("status", ErpNextRules.status(docstatus));
        }
        for (DocTypes.Field f : d.fields().values()) {
            if (f.isTable()) {
                for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault(f.fieldname(), List.of())) {
                    row.put("owner", doc.get("owner"));
                    row.put("creation", doc.get("creation"));
                    row.put("modified", doc.get("modified"));
                    row.put("modified_by", doc.get("modified_by"));
                    row.put("docstatus", docstatus);
                    row.put("parent", doc.get("name"));
                    row.put("parentfield", f.fieldname());
                    row.put("parenttype", d.name());
                    row.put("doctype", f.options());
                }
            }
        }
        doc.put("doctype", d.name());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> doc) {
        Map<String, Object> c = new LinkedHashMap<>();
        doc.forEach((k, v) -> {
            if (v instanceof List<?> rows) {
                List<Map<String, Object>> copied = new ArrayList<>();
                rows.forEach(r -> copied.add(new LinkedHashMap<>((Map<String, Object>) r)));
                c.put(k, copied);
            } else {
                c.put(k, v);
            }
        });
        return c;
    }
}

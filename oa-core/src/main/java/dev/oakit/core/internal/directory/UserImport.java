package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Bulk import of users: parsing JSON and CSV into rows, ordering rows so that a manager is
 * imported before the users it manages, and importing each row in its own command.
 *
 * <p>A row describes the user for the fields it has: an absent field (JSON key, CSV column)
 * leaves the stored value alone, a null or empty one clears it. Attributes and external ids are
 * merged key by key (an empty value removes the key). Departments and roles, when present,
 * replace the user's memberships and roles.
 */
final class UserImport {
    static final Set<String> FIELDS = Set.of("id", "name", "email", "mobile", "manager", "active", "attributes",
            "externalIds", "departments", "roles");

    private final DirectoryService service;

    UserImport(DirectoryService service) {
        this.service = service;
    }

    /**
     * One parsed input row.
     *
     * @param scalars given values of name, email, mobile, manager (null value = clear) and active (Boolean)
     * @param attributes keys to set (null value = remove), or empty
     * @param departments the memberships to end up with, or null to leave them alone
     * @param roles the roles to end up with, or null to leave them alone
     * @param errors problems found while parsing
     */
    record Row(int number, String userId, Map<String, Object> scalars, Map<String, String> attributes,
               Map<String, String> externalIds, List<Membership> departments, Set<String> roles,
               List<ImportReport.RowError> errors) {

        String manager() {
            return (String) scalars.get("manager");
        }

        boolean setsManager() {
            return scalars.containsKey("manager");
        }

        /** @return a supplier of the user this row leads to, given the stored one (or null) */
        Supplier<User> merge(User old) {
            return () -> {
                String name = scalars.containsKey("name") ? (String) scalars.get("name") : old == null ? null : old.name();
                String email = scalars.containsKey("email") ? (String) scalars.get("email") : old == null ? null : old.email();
                String mobile = scalars.containsKey("mobile") ? (String) scalars.get("mobile") : old == null ? null : old.mobile();
                String manager = scalars.containsKey("manager") ? (String) scalars.get("manager") : old == null ? null : old.managerId();
                boolean active = scalars.containsKey("active") ? (Boolean) scalars.get("active") : old == null || old.active();
                return new User(userId, name, email, mobile, manager, active,
                        overlay(old == null ? Map.of() : old.attributes(), attributes),
                        overlay(old == null ? Map.of() : old.externalIds(), externalIds));
            };
        }

        private static Map<String, String> overlay(Map<String, String> base, Map<String, String> changes) {
            Map<String, String> m = new TreeMap<>(base);
            changes.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    m.remove(k);
                } else {
                    m.put(k, v);
                }
            });
            return m;
        }
    }

    /** Every problem of one row; thrown to roll the row's command back. */
    static final class RowFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<ImportReport.RowError> errors;

        RowFailure(List<ImportReport.RowError> errors) {
            super("import row failed: " + errors, null, false, false);
            this.errors = errors;
        }
    }

    /** Collects the problems of one row while its command checks it. */
    static final class Problems {
        private final Row row;
        private final List<ImportReport.RowError> list = new ArrayList<>();

        Problems(Row row) {
            this.row = row;
        }

        User user(Supplier<User> build) {
            try {
                return build.get();
            } catch (ValidationException e) {
                for (ValidationException.Problem p : e.problems()) {
                    add(p.path().replaceFirst("^managerId", "manager"), p.message());
                }
                return null;
            }
        }

        void check(String field, Runnable check) {
            try {
                check.run();
            } catch (OaException e) {
                add(field, e.getMessage());
            }
        }

        void add(String field, String message) {
            list.add(new ImportReport.RowError(row.number(), row.userId(), field, message));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new RowFailure(List.copyOf(list));
            }
        }
    }

    ImportReport run(Actor actor, List<Row> rows) {
        List<ImportReport.RowError> failures = new ArrayList<>();
        Map<String, Row> byId = new HashMap<>();
        List<Row> valid = new ArrayList<>();
        for (Row r : rows) {
            if (!r.errors().isEmpty()) {
                failures.addAll(r.errors());
            } else if (byId.containsKey(r.userId())) {
                failures.add(new ImportReport.RowError(r.number(), r.userId(), "id", "user '" + r.userId()
                        + "' is also in row " + byId.get(r.userId()).number() + "; give each user once per import"));
            } else {
                byId.put(r.userId(), r);
                valid.add(r);
            }
        }
        // managers first: depth-first over "manager is another row of this input"
        List<Row> ordered = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
        for (Row r : valid) {
            order(r, byId, state, ordered, new ArrayList<>(), failures);
        }
        Set<String> failed = new LinkedHashSet<>();
        for (ImportReport.RowError e : failures) {
            if (e.userId() != null) {
                failed.add(e.userId());
            }
        }
        int imported = 0;
        for (Row r : ordered) {
            if (r.setsManager() && r.manager() != null && failed.contains(r.manager()) && byId.containsKey(r.manager())) {
                failures.add(new ImportReport.RowError(r.number(), r.userId(), "manager", "manager '" + r.manager()
                        + "' was not imported (row " + byId.get(r.manager()).number() + " failed); fix that row and import again"));
                failed.add(r.userId());
                continue;
            }
            try {
                service.importRow(actor, r);
                imported++;
            } catch (RowFailure e) {
                failures.addAll(e.errors);
                failed.add(r.userId());
            } catch (OaException e) {
                failures.add(new ImportReport.RowError(r.number(), r.userId(), "", e.getMessage()));
                failed.add(r.userId());
            }
        }
        failures.sort(java.util.Comparator.comparingInt(ImportReport.RowError::row));
        return new ImportReport(imported, failures);
    }

    private static void order(Row r, Map<String, Row> byId, Map<String, Integer> state, List<Row> ordered,
                              List<String> path, List<ImportReport.RowError> failures) {
        Integer s = state.get(r.userId());
        if (s != null) {
            if (s == 1) {
                int from = path.indexOf(r.userId());
                List<String> cycle = new ArrayList<>(path.subList(from, path.size()));
                cycle.add(r.userId());
                for (String id : path.subList(from, path.size())) {
                    Row c = byId.get(id);
                    failures.add(new ImportReport.RowError(c.number(), c.userId(), "manager",
                            "managers form a cycle in this input: " + String.join(" → ", cycle) + "; break it"));
                    state.put(id, 3);
                }
            }
            return;
        }
        state.put(r.userId(), 1);
        path.add(r.userId());
        if (r.setsManager() && r.manager() != null && byId.containsKey(r.manager()) && !r.manager().equals(r.userId())) {
            order(byId.get(r.manager()), byId, state, ordered, path, failures);
        }
        path.remove(path.size() - 1);
        if (state.get(r.userId()) == 1) {
            state.put(r.userId(), 2);
            ordered.add(r);
        }
    }

    // ---- JSON -----------------------------------------------------------------------------------

    static List<Row> parseJson(ObjectMapper json, Reader input) {
        JsonNode root;
        try {
            root = json.readTree(input);
        } catch (IOException e) {
            throw ValidationException.of("input", "is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + "; give a JSON array of user objects");
        }
        if (root == null || !root.isArray()) {
            throw ValidationException.of("input", "must be a JSON array of user objects");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            rows.add(jsonRow(i + 1, root.get(i)));
        }
        return rows;
    }

    private static Row jsonRow(int number, JsonNode node) {
        List<ImportReport.RowError> errors = new ArrayList<>();
        if (!node.isObject()) {
            errors.add(new ImportReport.RowError(number, null, "", "must be a JSON object describing one user"));
            return new Row(number, null, Map.of(), Map.of(), Map.of(), null, null, errors);
        }
        String id = node.hasNonNull("id") && node.get("id").isValueNode() ? node.get("id").asText().strip() : null;
        Builder b = new Builder(number, id, errors);
        if (id == null || id.isEmpty()) {
            b.error("id", "is required: the user id to create or update");
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String key = f.getKey();
            JsonNode v = f.getValue();
            switch (key) {
                case "id" -> { }
                case "name", "email", "mobile", "manager" -> {
                    if (v.isNull()) {
                        b.scalars.put(key, null);
                    } else if (v.isValueNode()) {
                        b.scalars.put(key, blankToNull(v.asText()));
                    } else {
                        b.error(key, "must be a text value");
                    }
                }
                case "active" -> {
                    if (v.isBoolean()) {
                        b.scalars.put("active", v.booleanValue());
                    } else {
                        b.error("active", "must be true or false");
                    }
                }
                case "attributes", "externalIds" -> {
                    Map<String, String> target = key.equals("attributes") ? b.attributes : b.externalIds;
                    if (!v.isObject()) {
                        b.error(key, "must be an object of text values");
                    } else {
                        v.properties().forEach(e -> {
                            if (e.getValue().isNull()) {
                                target.put(e.getKey(), null);
                            } else if (e.getValue().isValueNode()) {
                                target.put(e.getKey(), e.getValue().asText());
                            } else {
                                b.error(key + "." + e.getKey(), "must be a text value");
                            }
                        });
                    }
                }
                case "departments" -> {
                    b.departments = new ArrayList<>();
                    if (!v.isNull() && !v.isArray()) {
                        b.error("departments", "must be an array of department ids or {\"id\", \"position\", \"primary\"} objects");
                    } else if (v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            JsonNode d = v.get(i);
                            if (d.isTextual()) {
                                b.department(i, d.asText(), null, null);
                            } else if (d.isObject()) {
                                b.department(i, d.path("id").isValueNode() ? d.path("id").asText() : null,
                                        d.path("position").isValueNode() ? blankToNull(d.path("position").asText()) : null,
                                        d.has("primary") ? d.get("primary").asBoolean() : null);
                            } else {
                                b.error("departments[" + i + "]", "must be a department id or an object with \"id\"");
                            }
                        }
                    }
                }
                case "roles" -> {
                    b.roles = new LinkedHashSet<>();
                    if (!v.isNull() && !v.isArray()) {
                        b.error("roles", "must be an array of role codes");
                    } else if (v.isArray()) {
                        for (int i = 0; i < v.size(); i++) {
                            b.role(i, v.get(i).isValueNode() ? v.get(i).asText() : null);
                        }
                    }
                }
                default -> b.error(key, "is not a known field; known fields are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        return b.build();
    }

    // ---- CSV ------------------------------------------------------------------------------------

    static List<Row> parseCsv(Reader input) {
        List<List<String>> records = Csv.read(input);
        if (records.isEmpty()) {
            throw ValidationException.of("input", "is empty; the first line must be a header such as id,name,email,departments");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<ValidationException.Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            boolean known = (FIELDS.contains(c) && !c.equals("attributes") && !c.equals("externalIds"))
                    || (c.startsWith("attr.") && c.length() > 5) || (c.startsWith("ext.") && c.length() > 4);
            if (!known) {
                problems.add(new ValidationException.Problem("header[" + i + "]", "unknown column '" + c
                        + "'; use id, name, email, mobile, manager, active, departments, roles, attr.<key> or ext.<system>"));
            } else if (!seen.add(c)) {
                problems.add(new ValidationException.Problem("header[" + i + "]", "column '" + c + "' appears twice"));
            }
        }
        if (!seen.contains("id")) {
            problems.add(new ValidationException.Problem("header", "needs an 'id' column"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("OA-CORE/VALIDATION", "CSV header", problems);
        }
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            number++;
            rows.add(csvRow(number, header, cells));
        }
        return rows;
    }

    private static Row csvRow(int number, List<String> header, List<String> cells) {
        int idColumn = header.indexOf("id");
        String id = idColumn < cells.size() ? blankToNull(cells.get(idColumn)) : null;
        Builder b = new Builder(number, id, new ArrayList<>());
        if (id == null) {
            b.error("id", "is required: the user id to create or update");
        }
        if (cells.size() > header.size()) {
            b.error("", "has " + cells.size() + " cells but the header has " + header.size() + " columns; quote cells that contain commas");
        }
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String raw = i < cells.size() ? cells.get(i).strip() : "";
            String v = blankToNull(raw);
            switch (column) {
                case "id" -> { }
                case "name", "email", "mobile", "manager" -> b.scalars.put(column, v);
                case "active" -> {
                    if (v != null) {
                        switch (v.toLowerCase(Locale.ROOT)) {
                            case "true", "yes", "y", "1", "是" -> b.scalars.put("active", true);
                            case "false", "no", "n", "0", "否" -> b.scalars.put("active", false);
                            default -> b.error("active", "must be true or false (was '" + v + "')");
                        }
                    }
                }
                case "departments" -> {
                    b.departments = new ArrayList<>();
                    if (v != null) {
                        String[] parts = v.split(";");
                        int k = 0;
                        for (String part : parts) {
                            if (part.isBlank()) {
                                continue;
                            }
                            int colon = part.indexOf(':');
                            String dept = colon < 0 ? part.strip() : part.substring(0, colon).strip();
                            String pos = colon < 0 ? null : blankToNull(part.substring(colon + 1));
                            b.department(k++, dept, pos, null);
                        }
                    }
                }
                case "roles" -> {
                    b.roles = new LinkedHashSet<>();
                    if (v != null) {
                        int k = 0;
                        for (String part : v.split(";")) {
                            if (!part.isBlank()) {
                                b.role(k++, part.strip());
                            }
                        }
                    }
                }
                default -> {
                    if (column.startsWith("attr.")) {
                        b.attributes.put(column.substring(5), v);
                    } else {
                        b.externalIds.put(column.substring(4), v);
                    }
                }
            }
        }
        return b.build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Assembles one row and its parse problems. */
    private static final class Builder {
        final int number;
        final String id;
        final List<ImportReport.RowError> errors;
        final Map<String, Object> scalars = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> externalIds = new LinkedHashMap<>();
        List<Membership> departments;
        Set<String> roles;

        Builder(int number, String id, List<ImportReport.RowError> errors) {
            this.number = number;
            this.id = id;
            this.errors = errors;
        }

        void error(String field, String message) {
            errors.add(new ImportReport.RowError(number, id, field, message));
        }

        void department(int index, String departmentId, String position, Boolean primary) {
            if (departmentId == null || departmentId.isBlank()) {
                error("departments[" + index + "]", "needs a department id");
                return;
            }
            if (departments.stream().anyMatch(m -> m.departmentId().equals(departmentId.strip()))) {
                error("departments[" + index + "]", "department '" + departmentId.strip() + "' is listed twice");
                return;
            }
            try {
                departments.add(new Membership(id == null ? "?" : id, departmentId.strip(), position,
                        Boolean.TRUE.equals(primary)));
            } catch (ValidationException e) {
                e.problems().forEach(p -> error("departments[" + index + "]." + p.path(), p.message()));
            }
        }

        void role(int index, String code) {
            if (code == null || code.isBlank()) {
                error("roles[" + index + "]", "needs a role code");
            } else if (code.strip().length() > dev.oakit.core.Checks.MAX_ID_LENGTH) {
                error("roles[" + index + "]", "must be at most " + dev.oakit.core.Checks.MAX_ID_LENGTH + " characters");
            } else {
                roles.add(code.strip());
            }
        }

        Row build() {
            if (departments != null) {
                long primaries = departments.stream().filter(Membership::primary).count();
                if (primaries > 1) {
                    error("departments", "marks " + primaries + " departments as primary; a user has one primary department");
                } else if (primaries == 0 && !departments.isEmpty()) {
                    Membership first = departments.get(0);
                    departments.set(0, new Membership(first.userId(), first.departmentId(), first.positionCode(), true));
                }
            }
            if (id != null && id.length() > dev.oakit.core.Checks.MAX_ID_LENGTH) {
                error("id", "must be at most " + dev.oakit.core.Checks.MAX_ID_LENGTH + " characters (was " + id.length() + ")");
            }
            return new Row(number, id, scalars, attributes, externalIds,
                    departments == null ? null : List.copyOf(departments), roles == null ? null : Set.copyOf(roles), errors);
        }
    }

    /** A small RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> read(Reader input) {
            StringBuilder all = new StringBuilder();
            char[] buf = new char[8192];
            try {
                for (int n; (n = input.read(buf)) >= 0; ) {
                    all.append(buf, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the import input", e);
            }
            String s = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    record.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(cell.toString());
                    records.add(record);
                    record = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                } else {
                    cell.append(c);
                    any = true;
                }
            }
            if (any || cell.length() > 0) {
                record.add(cell.toString());
                records.add(record);
            }
            return records;
        }
    }
}

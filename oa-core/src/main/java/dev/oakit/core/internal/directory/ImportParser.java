package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the input of a user import, JSON or CSV (formats in {@code docs/directory.md}), into
 * {@link ImportRow}s. Problems of a row are kept with it; input that cannot be read as a whole
 * raises a {@link ValidationException}.
 */
final class ImportParser {
    static final Set<String> FIELDS = Set.of("id", "name", "email", "mobile", "manager", "active", "attributes",
            "externalIds", "departments", "roles");

    private ImportParser() {
    }

    // ---- JSON -----------------------------------------------------------------------------------

    static List<ImportRow> parseJson(ObjectMapper json, Reader input) {
        JsonNode root = readJson(json, input, true, "a JSON array of user objects");
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            rows.add(jsonRow(i + 1, root.get(i)));
        }
        return rows;
    }

    /**
     * @param array whether the input must be an array (else an object)
     * @param expected what the input must be, for the messages
     * @return the input's JSON
     * @throws ValidationException on {@code input} when it is not JSON or not of the expected kind
     */
    static JsonNode readJson(ObjectMapper json, Reader input, boolean array, String expected) {
        JsonNode root;
        try {
            root = json.readTree(input);
        } catch (IOException e) {
            throw ValidationException.of("input", "is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + "; give " + expected);
        }
        if (root == null || (array ? !root.isArray() : !root.isObject())) {
            throw ValidationException.of("input", "must be " + expected);
        }
        return root;
    }

    static ImportRow jsonRow(int number, JsonNode node) {
        List<ImportReport.RowError> errors = new ArrayList<>();
        if (!node.isObject()) {
            errors.add(new ImportReport.RowError(number, null, "", "must be a JSON object describing one user"));
            return new ImportRow(number, null, Map.of(), Map.of(), Map.of(), null, null, errors);
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
                default -> b.error(key, "is not a known field; known fields are " + new TreeSet<>(FIELDS));
            }
        }
        return b.build();
    }

    // ---- CSV ------------------------------------------------------------------------------------

    static List<ImportRow> parseCsv(Reader input) {
        List<List<String>> records = Csv.read(input);
        if (records.isEmpty()) {
            throw ValidationException.of("input", "is empty; the first line must be a header such as id,name,email,departments");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<ValidationException.Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            if (!isUserColumn(c)) {
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
            throw new ValidationException(CoreErrors.VALIDATION, "CSV header", problems);
        }
        List<ImportRow> rows = new ArrayList<>();
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

    /** @return whether {@code c} is a column of a user row in CSV */
    static boolean isUserColumn(String c) {
        return (FIELDS.contains(c) && !c.equals("attributes") && !c.equals("externalIds"))
                || (c.startsWith("attr.") && c.length() > 5) || (c.startsWith("ext.") && c.length() > 4);
    }

    static ImportRow csvRow(int number, List<String> header, List<String> cells) {
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
            } else if (code.strip().length() > Checks.MAX_ID_LENGTH) {
                error("roles[" + index + "]", "must be at most " + Checks.MAX_ID_LENGTH + " characters");
            } else {
                roles.add(code.strip());
            }
        }

        ImportRow build() {
            if (departments != null) {
                long primaries = departments.stream().filter(Membership::primary).count();
                if (primaries > 1) {
                    error("departments", "marks " + primaries + " departments as primary; a user has one primary department");
                } else if (primaries == 0 && !departments.isEmpty()) {
                    Membership first = departments.get(0);
                    departments.set(0, new Membership(first.userId(), first.departmentId(), first.positionCode(), true));
                }
            }
            if (id != null && id.length() > Checks.MAX_ID_LENGTH) {
                error("id", "must be at most " + Checks.MAX_ID_LENGTH + " characters (was " + id.length() + ")");
            }
            return new ImportRow(number, id, scalars, attributes, externalIds,
                    departments == null ? null : List.copyOf(departments), roles == null ? null : Set.copyOf(roles), errors);
        }
    }
}

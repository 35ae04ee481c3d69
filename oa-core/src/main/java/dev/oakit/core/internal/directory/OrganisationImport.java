package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.OrgImportReport;
import dev.oakit.core.directory.OrgImportReport.Outcome;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Bootstraps an organisation from one input: departments and users together (formats in {@code docs/directory.md}).
 * Departments come first, parents before children, without heads; then the users, through {@link UserImport}; then
 * the heads, once the users they name exist. Every department and user is written in its own command (audited as
 * any other change), a row that changes nothing is not written at all, so running the same input again changes
 * nothing; the import as a whole is audited once when it changed something.
 */
@Singleton
final class OrganisationImport {
    /** The columns of a department row in CSV, besides {@code type}, {@code id} and {@code name}. */
    private static final Set<String> DEPARTMENT_COLUMNS = Set.of("parent", "head", "sortOrder");

    private final ObjectMapper json;
    private final Commands commands;
    private final DepartmentRepository departments;
    private final DepartmentCommands departmentCommands;
    private final UserImport userImport;

    @Inject
    private OrganisationImport(ObjectMapper json, Commands commands, DepartmentRepository departments,
                       DepartmentCommands departmentCommands, UserImport userImport) {
        this.json = json;
        this.commands = commands;
        this.departments = departments;
        this.departmentCommands = departmentCommands;
        this.userImport = userImport;
    }

    /** A department row as read; {@code head} null leaves the head alone. */
    private record DepartmentRow(int number, String id, String parent, String name, String head, int sortOrder,
                                 List<ImportReport.RowError> errors) {
    }

    OrgImportReport importOrganisation(Actor actor, ImportFormat format, Reader input) {
        Checks.notNull("actor", actor).requireAdmin("import the organisation into the directory");
        Checks.notNull("format", format);
        Checks.notNull("input", input);
        List<DepartmentRow> depts = new ArrayList<>();
        List<ImportRow> users = new ArrayList<>();
        if (format == ImportFormat.JSON) {
            parseJson(input, depts, users);
        } else {
            parseCsv(input, depts, users);
        }
        Map<DepartmentRow, Outcome> outcomes = new LinkedHashMap<>();
        Map<DepartmentRow, List<ImportReport.RowError>> errors = new HashMap<>();
        for (DepartmentRow d : parentsFirst(depts, errors)) {
            outcomes.put(d, writeDepartment(actor, d, errors));
        }
        List<OrgImportReport.Row> userRows = userImport.run(actor, users);
        for (DepartmentRow d : depts) {
            if (d.head() != null && outcomes.getOrDefault(d, Outcome.FAILED) != Outcome.FAILED) {
                Outcome o = writeHead(actor, d, errors);
                outcomes.put(d, o == Outcome.UNCHANGED ? outcomes.get(d) : o == Outcome.UPDATED && outcomes.get(d) == Outcome.CREATED ? Outcome.CREATED : o);
            }
        }
        List<OrgImportReport.Row> rows = new ArrayList<>();
        for (DepartmentRow d : depts) {
            List<ImportReport.RowError> e = errors.getOrDefault(d, List.of());
            rows.add(new OrgImportReport.Row("department", d.number(), d.id(), e.isEmpty() ? outcomes.getOrDefault(d, Outcome.FAILED)
                    : Outcome.FAILED, e));
        }
        rows.addAll(userRows);
        OrgImportReport report = new OrgImportReport(rows);
        if (report.changedAnything()) {
            commands.execute(CommandSpec.of(actor, "core.directory.import"), Void.class, ctx -> {
                ctx.summary("imported the organisation: " + report.count(Outcome.CREATED) + " created, " + report.count(Outcome.UPDATED)
                        + " updated, " + report.count(Outcome.UNCHANGED) + " unchanged, " + report.count(Outcome.FAILED) + " failed");
                return null;
            });
        }
        return report;
    }

    // ---- writing ---------------------------------------------------------------------------------------------------

    private Outcome writeDepartment(Actor actor, DepartmentRow d, Map<DepartmentRow, List<ImportReport.RowError>> errors) {
        if (errors.containsKey(d)) {
            return Outcome.FAILED;
        }
        try {
            Optional<Department> old = commands.query(h -> departments.find(h, actor.tenantId(), d.id()));
            Department next = new Department(d.id(), d.parent(), d.name(), old.map(Department::headUserId).orElse(null), d.sortOrder());
            if (old.isEmpty()) {
                departmentCommands.create(actor, next);
                return Outcome.CREATED;
            }
            if (old.get().equals(next)) {
                return Outcome.UNCHANGED;
            }
            departmentCommands.update(actor, next);
            return Outcome.UPDATED;
        } catch (OaException e) {
            error(errors, d, e instanceof ValidationException v && !v.problems().isEmpty() ? v.problems().get(0).path() : "", e.getMessage());
            return Outcome.FAILED;
        }
    }

    private Outcome writeHead(Actor actor, DepartmentRow d, Map<DepartmentRow, List<ImportReport.RowError>> errors) {
        try {
            Department now = commands.query(h -> departments.find(h, actor.tenantId(), d.id())).orElseThrow();
            String head = d.head().isEmpty() ? null : d.head();
            if (Objects.equals(now.headUserId(), head)) {
                return Outcome.UNCHANGED;
            }
            departmentCommands.update(actor, now.withHead(head));
            return Outcome.UPDATED;
        } catch (OaException e) {
            error(errors, d, "head", e.getMessage() + " (the department itself was written; fix the head and import again)");
            return Outcome.FAILED;
        }
    }

    /** Parents before children; a parent that is neither in the input nor stored, or a cycle, fails the row. */
    private List<DepartmentRow> parentsFirst(List<DepartmentRow> rows, Map<DepartmentRow, List<ImportReport.RowError>> errors) {
        Map<String, DepartmentRow> byId = new LinkedHashMap<>();
        for (DepartmentRow d : rows) {
            if (!d.errors().isEmpty()) {
                errors.put(d, new ArrayList<>(d.errors()));
            } else if (byId.containsKey(d.id())) {
                error(errors, d, "id", "department '" + d.id() + "' is also in row " + byId.get(d.id()).number()
                        + "; give each department once per import");
            } else {
                byId.put(d.id(), d);
            }
        }
        List<DepartmentRow> ordered = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        for (DepartmentRow d : byId.values()) {
            visit(d, byId, state, ordered, new ArrayList<>(), errors);
        }
        return ordered;
    }

    private void visit(DepartmentRow d, Map<String, DepartmentRow> byId, Map<String, Integer> state, List<DepartmentRow> ordered,
                       List<String> path, Map<DepartmentRow, List<ImportReport.RowError>> errors) {
        Integer s = state.get(d.id());
        if (s != null) {
            if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.id()), path.size()));
                cycle.add(d.id());
                for (String id : path.subList(path.indexOf(d.id()), path.size())) {
                    error(errors, byId.get(id), "parent", "parents form a cycle in this input: " + String.join(" → ", cycle) + "; break it");
                }
            }
            return;
        }
        state.put(d.id(), 1);
        path.add(d.id());
        if (d.parent() != null && byId.containsKey(d.parent())) {
            visit(byId.get(d.parent()), byId, state, ordered, path, errors);
        }
        path.remove(path.size() - 1);
        state.put(d.id(), 2);
        ordered.add(d); // a row whose parent failed fails when it is written: its parent does not exist
    }

    private static void error(Map<DepartmentRow, List<ImportReport.RowError>> errors, DepartmentRow d, String field, String message) {
        errors.computeIfAbsent(d, k -> new ArrayList<>()).add(new ImportReport.RowError(d.number(), d.id(), field, message));
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    private void parseJson(Reader input, List<DepartmentRow> depts, List<ImportRow> users) {
        JsonNode root = ImportParser.readJson(json, input, false, "a JSON object {\"departments\": [...], \"users\": [...]}");
        List<ValidationException.Problem> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("departments") && !f.equals("users")) {
                problems.add(new ValidationException.Problem(f, "is not a section of an organisation import; use departments and users"));
            } else if (!root.get(f).isArray()) {
                problems.add(new ValidationException.Problem(f, "must be an array"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "organisation import", problems);
        }
        JsonNode ds = root.path("departments");
        for (int i = 0; i < ds.size(); i++) {
            depts.add(jsonDepartment(i + 1, ds.get(i)));
        }
        JsonNode us = root.path("users");
        for (int i = 0; i < us.size(); i++) {
            users.add(ImportParser.jsonRow(i + 1, us.get(i)));
        }
    }

    private static DepartmentRow jsonDepartment(int number, JsonNode node) {
        if (!node.isObject()) {
            return new DepartmentRow(number, null, null, null, null, 0,
                    List.of(new ImportReport.RowError(number, null, "", "must be a JSON object describing one department")));
        }
        Map<String, String> cells = new LinkedHashMap<>();
        List<ImportReport.RowError> errors = new ArrayList<>();
        node.properties().forEach(f -> {
            if (!Set.of("id", "name", "parent", "head", "sortOrder").contains(f.getKey())) {
                errors.add(new ImportReport.RowError(number, text(node, "id"), f.getKey(),
                        "is not a field of a department; use id, name, parent, head, sortOrder"));
            } else {
                cells.put(f.getKey(), f.getValue().isNull() ? (f.getKey().equals("head") ? "" : null) : f.getValue().asText());
            }
        });
        return department(number, cells, errors);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void parseCsv(Reader input, List<DepartmentRow> depts, List<ImportRow> users) {
        List<List<String>> records = Csv.read(input);
        if (records.isEmpty()) {
            throw ValidationException.of("input", "is empty; the first line must be a header such as type,id,name,parent,head,email,departments");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            if (!c.equals("type") && !DEPARTMENT_COLUMNS.contains(c) && !ImportParser.isUserColumn(c)) {
                problems.add(new ValidationException.Problem("header[" + i + "]", "unknown column '" + c + "'; use type, id, name,"
                        + " parent, head, sortOrder (departments) and email, mobile, manager, active, departments, roles, attr.<key>,"
                        + " ext.<system> (users)"));
            } else if (header.indexOf(c) != i) {
                problems.add(new ValidationException.Problem("header[" + i + "]", "column '" + c + "' appears twice"));
            }
        }
        for (String needed : List.of("type", "id")) {
            if (!header.contains(needed)) {
                problems.add(new ValidationException.Problem("header", "needs a '" + needed + "' column"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "CSV header", problems);
        }
        List<String> userHeader = header.stream().filter(ImportParser::isUserColumn).toList();
        int number = 0;
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            number++;
            String type = cell(header, cells, "type");
            if ("department".equals(type)) {
                Map<String, String> values = new LinkedHashMap<>();
                List<ImportReport.RowError> errors = new ArrayList<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    String c = header.get(i);
                    String v = cells.get(i).strip();
                    if (Set.of("id", "name", "parent", "head", "sortOrder").contains(c)) {
                        values.put(c, v.isEmpty() ? null : v);
                    } else if (!c.equals("type") && !v.isEmpty()) {
                        errors.add(new ImportReport.RowError(number, values.get("id"), c, "is a user column; leave it empty on a department row"));
                    }
                }
                depts.add(department(number, values, errors));
            } else if ("user".equals(type)) {
                List<String> userCells = new ArrayList<>();
                for (String c : userHeader) {
                    userCells.add(cell(header, cells, c));
                }
                users.add(ImportParser.csvRow(number, userHeader, userCells));
                for (String c : DEPARTMENT_COLUMNS) {
                    if (!cell(header, cells, c).isEmpty()) {
                        users.set(users.size() - 1, withError(users.get(users.size() - 1), c,
                                "is a department column; leave it empty on a user row (a user's departments go in 'departments')"));
                    }
                }
            } else {
                depts.add(new DepartmentRow(number, cell(header, cells, "id"), null, null, null, 0, List.of(new ImportReport.RowError(number,
                        blankToNull(cell(header, cells, "id")), "type", "is '" + type + "'; use department or user"))));
            }
        }
    }

    private static ImportRow withError(ImportRow r, String field, String message) {
        List<ImportReport.RowError> errors = new ArrayList<>(r.errors());
        errors.add(new ImportReport.RowError(r.number(), r.userId(), field, message));
        return new ImportRow(r.number(), r.userId(), r.scalars(), r.attributes(), r.externalIds(), r.departments(), r.roles(), errors);
    }

    private static String cell(List<String> header, List<String> cells, String column) {
        int i = header.indexOf(column);
        return i < 0 || i >= cells.size() ? "" : cells.get(i).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A department row from its cells; the record's own checks name the field of each problem. */
    private static DepartmentRow department(int number, Map<String, String> cells, List<ImportReport.RowError> errors) {
        String id = blankToNull(cells.get("id"));
        List<ImportReport.RowError> all = new ArrayList<>(errors);
        int sortOrder = 0;
        String order = cells.get("sortOrder");
        if (order != null) {
            try {
                sortOrder = Integer.parseInt(order);
            } catch (NumberFormatException e) {
                all.add(new ImportReport.RowError(number, id, "sortOrder", "is '" + order + "'; give a whole number such as 10"));
            }
        }
        String head = cells.get("head");
        try {
            new Department(id, blankToNull(cells.get("parent")), cells.get("name"), blankToNull(head), sortOrder);
        } catch (ValidationException e) {
            for (ValidationException.Problem p : e.problems()) {
                String field = switch (p.path()) {
                    case "parentId" -> "parent";
                    case "headUserId" -> "head";
                    default -> p.path();
                };
                all.add(new ImportReport.RowError(number, id, field, p.message()));
            }
        }
        return new DepartmentRow(number, id, blankToNull(cells.get("parent")), cells.get("name"), head, sortOrder, all);
    }
}

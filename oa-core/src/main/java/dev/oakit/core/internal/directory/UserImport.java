package dev.oakit.core.internal.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.OaException;
import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.OrgImportReport;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.CommandSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk import of users: orders the parsed rows so that a manager is imported before the users it
 * manages, and imports each row in its own command, completely or not at all, through the
 * repositories and with the checks of the user and membership commands.
 *
 * <p>A row describes the user for the fields it has (see {@link ImportRow}). Departments and
 * roles, when present, replace the user's memberships and roles.
 */
@Singleton
final class UserImport {
    private final ObjectMapper json;
    private final DirectoryCache cache;
    private final UserRepository users;
    private final RoleRepository roles;
    private final MembershipRepository memberships;
    private final UserCommands userCommands;
    private final MembershipCommands membershipCommands;

    @Inject
    private UserImport(ObjectMapper json, DirectoryCache cache, UserRepository users, RoleRepository roles,
               MembershipRepository memberships, UserCommands userCommands, MembershipCommands membershipCommands) {
        this.json = json;
        this.cache = cache;
        this.users = users;
        this.roles = roles;
        this.memberships = memberships;
        this.userCommands = userCommands;
        this.membershipCommands = membershipCommands;
    }

    ImportReport importUsers(Actor actor, ImportFormat format, Reader input) {
        Checks.notNull("actor", actor).requireAdmin("import users in the directory");
        Checks.notNull("format", format);
        Checks.notNull("input", input);
        List<ImportRow> rows = format == ImportFormat.JSON ? ImportParser.parseJson(json, input) : ImportParser.parseCsv(input);
        List<ImportReport.RowError> failures = new ArrayList<>();
        int imported = 0;
        for (OrgImportReport.Row r : run(actor, rows)) {
            failures.addAll(r.errors());
            imported += r.outcome() == OrgImportReport.Outcome.FAILED ? 0 : 1;
        }
        failures.sort(Comparator.comparingInt(ImportReport.RowError::row));
        return new ImportReport(imported, failures);
    }

    /** @return each row's outcome, in row order */
    List<OrgImportReport.Row> run(Actor actor, List<ImportRow> rows) {
        Map<Integer, OrgImportReport.Outcome> outcomes = new HashMap<>();
        List<ImportReport.RowError> failures = new ArrayList<>();
        Map<String, ImportRow> byId = new HashMap<>();
        List<ImportRow> valid = new ArrayList<>();
        for (ImportRow r : rows) {
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
        List<ImportRow> ordered = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
        for (ImportRow r : valid) {
            order(r, byId, state, ordered, new ArrayList<>(), failures);
        }
        Set<String> failed = new LinkedHashSet<>();
        for (ImportReport.RowError e : failures) {
            if (e.userId() != null) {
                failed.add(e.userId());
            }
        }
        for (ImportRow r : ordered) {
            if (r.setsManager() && r.manager() != null && failed.contains(r.manager()) && byId.containsKey(r.manager())) {
                failures.add(new ImportReport.RowError(r.number(), r.userId(), "manager", "manager '" + r.manager()
                        + "' was not imported (row " + byId.get(r.manager()).number() + " failed); fix that row and import again"));
                failed.add(r.userId());
                continue;
            }
            try {
                outcomes.put(r.number(), importRow(actor, r));
            } catch (ImportRow.Unchanged e) {
                outcomes.put(r.number(), OrgImportReport.Outcome.UNCHANGED);
            } catch (ImportRow.RowFailure e) {
                failures.addAll(e.errors);
                failed.add(r.userId());
            } catch (OaException e) {
                failures.add(new ImportReport.RowError(r.number(), r.userId(), "", e.getMessage()));
                failed.add(r.userId());
            }
        }
        List<OrgImportReport.Row> result = new ArrayList<>();
        for (ImportRow r : rows) {
            List<ImportReport.RowError> errors = failures.stream().filter(e -> e.row() == r.number()).toList();
            result.add(new OrgImportReport.Row("user", r.number(), r.userId(),
                    errors.isEmpty() ? outcomes.getOrDefault(r.number(), OrgImportReport.Outcome.FAILED) : OrgImportReport.Outcome.FAILED, errors));
        }
        return result;
    }

    private static void order(ImportRow r, Map<String, ImportRow> byId, Map<String, Integer> state, List<ImportRow> ordered,
                              List<String> path, List<ImportReport.RowError> failures) {
        Integer s = state.get(r.userId());
        if (s != null) {
            if (s == 1) {
                int from = path.indexOf(r.userId());
                List<String> cycle = new ArrayList<>(path.subList(from, path.size()));
                cycle.add(r.userId());
                for (String id : path.subList(from, path.size())) {
                    ImportRow c = byId.get(id);
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

    /**
     * Imports one parsed, ordered row in its own command; throws {@link ImportRow.RowFailure} with every problem, and
     * {@link ImportRow.Unchanged} (which rolls the command back, audit entry and all) when the row changes nothing.
     *
     * @return CREATED or UPDATED
     */
    private OrgImportReport.Outcome importRow(Actor actor, ImportRow row) {
        return cache.execute(CommandSpec.of(actor, "core.user.import").withTarget("user", row.userId()), OrgImportReport.Outcome.class, ctx -> {
            Handle h = ctx.handle();
            String t = ctx.tenantId();
            ImportRow.Problems problems = new ImportRow.Problems(row);
            Optional<User> old = users.find(h, t, row.userId());
            User next = problems.user(row.merge(old.orElse(null)));
            if (next != null) {
                problems.check("manager", () -> userCommands.checkManager(h, t, next.id(), next.managerId()));
                problems.check("externalIds", () -> userCommands.checkExternalIds(h, t, next.id(), next.externalIds()));
            }
            if (row.departments() != null) {
                for (int i = 0; i < row.departments().size(); i++) {
                    Membership m = row.departments().get(i);
                    problems.check("departments[" + i + "]", () -> membershipCommands.checkReferences(h, t, m));
                }
            }
            if (row.roles() != null) {
                for (String r : row.roles()) {
                    if (!roles.exists(h, t, r)) {
                        problems.add("roles", "role '" + r + "' does not exist in tenant '" + t + "'; create it with saveRole first");
                    }
                }
            }
            problems.throwIfAny();
            // every check passed: write
            boolean changed = false;
            boolean wrote = false; // anything at all, for a row that changes nothing (changed: what USER_UPDATED reports)
            if (old.isEmpty()) {
                users.insert(h, t, next, ctx.now());
                ctx.publish(DirectoryEvents.USER_CREATED, "user", next.id(), Map.of("userId", next.id()));
            } else {
                if (old.get().active() != next.active()) {
                    userCommands.writeActive(ctx, next.id(), next.active(), "import");
                    wrote = true;
                }
                if (!old.get().withActive(next.active()).equals(next)) {
                    users.update(h, t, next, ctx.now());
                    changed = true;
                }
            }
            if (row.departments() != null) {
                Set<String> wanted = new HashSet<>();
                row.departments().forEach(m -> wanted.add(m.departmentId()));
                List<Membership> current = memberships.ofUser(h, t, next.id());
                for (Membership m : current) {
                    if (!wanted.contains(m.departmentId())) {
                        membershipCommands.delete(ctx, next.id(), m.departmentId());
                        wrote = true;
                    }
                }
                for (Membership m : row.departments()) {
                    membershipCommands.write(ctx, m);
                }
                // a write that changes nothing writes nothing; one more read tells, only for a row that changed nothing else
                wrote = wrote || changed || old.isEmpty() || !current.equals(memberships.ofUser(h, t, next.id()));
            }
            if (row.roles() != null) {
                Set<String> current = roles.rolesOf(h, t, next.id());
                for (String r : current) {
                    if (!row.roles().contains(r)) {
                        roles.revoke(h, t, next.id(), r);
                        changed = true;
                    }
                }
                for (String r : row.roles()) {
                    if (!current.contains(r)) {
                        roles.grant(h, t, next.id(), r);
                        changed = true;
                    }
                }
            }
            if (changed && old.isPresent()) {
                ctx.publish(DirectoryEvents.USER_UPDATED, "user", next.id(), Map.of("userId", next.id()));
            }
            if (old.isPresent() && !wrote && !changed) {
                throw new ImportRow.Unchanged();
            }
            ctx.summary((old.isEmpty() ? "imported new user " : "imported user ") + next.id() + " (row " + row.number() + ")");
            return old.isEmpty() ? OrgImportReport.Outcome.CREATED : OrgImportReport.Outcome.UPDATED;
        });
    }
}

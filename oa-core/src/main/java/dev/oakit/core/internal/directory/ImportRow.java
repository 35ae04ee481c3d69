package dev.oakit.core.internal.directory;

import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.ImportReport;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One parsed row of a user import: the fields it gives, merged over the stored user when the
 * row is imported. An absent field leaves the stored value alone, a null one clears it;
 * attributes and external ids are merged key by key.
 *
 * @param scalars given values of name, email, mobile, manager (null value = clear) and active (Boolean)
 * @param attributes keys to set (null value = remove), or empty
 * @param departments the memberships to end up with, or null to leave them alone
 * @param roles the roles to end up with, or null to leave them alone
 * @param errors problems found while parsing
 */
record ImportRow(int number, String userId, Map<String, Object> scalars, Map<String, String> attributes,
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

    /** Every problem of one row; thrown to roll the row's command back. */
    static final class RowFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<ImportReport.RowError> errors;

        RowFailure(List<ImportReport.RowError> errors) {
            super("import row failed: " + errors, null, false, false);
            this.errors = errors;
        }
    }

    /** Thrown when a row changes nothing, to roll its command back: no write, no event, no audit entry. */
    static final class Unchanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unchanged() {
            super("import row changes nothing", null, false, false);
        }
    }

    /** Collects the problems of one row while its command checks it. */
    static final class Problems {
        private final ImportRow row;
        private final List<ImportReport.RowError> list = new ArrayList<>();

        Problems(ImportRow row) {
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
}

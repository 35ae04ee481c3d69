package dev.oakit.workflow.internal.definition;

import dev.oakit.core.DecimalLimits;
import dev.oakit.core.form.FieldType;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who approves: an approval node's mode and its settings (pass ratio, veto, pool, onEmpty,
 * separation of duties) and every approver or recipient rule (users, role, department head,
 * manager, manager chain, initiator chooses, form field, a plugin's resolver).
 */
final class ApproverRules {
    private final DefinitionCheck check;
    private final FormRules forms;

    ApproverRules(DefinitionCheck check, FormRules forms) {
        this.check = check;
        this.forms = forms;
    }

    void checkApproval(String path, Node.Approval a) {
        checkRules(path + ".approvers", a.approvers(), "approver");
        if (a.mode() == ApprovalMode.VOTE) {
            Optional<String> unbounded = a.passRatio() == null ? Optional.empty()
                    : DecimalLimits.problem(a.passRatio());
            if (unbounded.isPresent()) {
                // never printed or compared in full: 1e-100000000 takes minutes to write out
                check.problem(path + ".passRatio", unbounded.get() + "; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
            } else if (a.passRatio() == null || a.passRatio().signum() <= 0 || a.passRatio().compareTo(BigDecimal.ONE) > 0) {
                check.problem(path + ".passRatio", "is " + (a.passRatio() == null ? "missing" : a.passRatio().toPlainString())
                        + "; a VOTE node needs a pass ratio above 0 and at most 1, e.g. 0.5");
            }
        } else {
            if (a.passRatio() != null) {
                check.problem(path + ".passRatio", "is only used with mode VOTE (the mode is " + a.mode() + "); remove it");
            }
            if (a.veto()) {
                check.problem(path + ".veto", "is only used with mode VOTE (the mode is " + a.mode() + "); remove it");
            }
        }
        if (a.pool() && a.mode() != ApprovalMode.ANY) {
            check.problem(path + ".pool", "offers one task that the claimer decides alone, so it needs mode ANY (the mode is "
                    + a.mode() + ")");
        }
        if (a.onEmpty() == Node.NoApprover.USER) {
            if (a.emptyUser() == null || a.emptyUser().isBlank()) {
                check.problem(path + ".emptyUser", "is required when onEmpty is USER: the user who gets the task");
            }
        } else if (a.emptyUser() != null) {
            check.problem(path + ".emptyUser", "is only used when onEmpty is USER (it is " + a.onEmpty() + "); remove it");
        }
        for (int k = 0; k < a.separateFrom().size(); k++) {
            String other = a.separateFrom().get(k);
            String p = path + ".separateFrom[" + k + "]";
            Node target = check.nodeOf(other);
            if (other == null || other.isBlank()) {
                check.problem(p, "is blank; name an approval node");
            } else if (other.equals(a.id())) {
                check.problem(p, "names the node itself; name other approval nodes");
            } else if (target == null) {
                check.problem(p, "names no node '" + other + "'");
            } else if (!(target instanceof Node.Approval)) {
                check.problem(p, "names '" + other + "', which is not an approval node");
            }
        }
        forms.checkFieldAccess(path + ".fields", a.fields());
    }

    void checkRules(String path, List<ApproverRule> rules, String what) {
        if (rules == null || rules.isEmpty()) {
            check.problem(path, "is " + (rules == null ? "missing" : "empty") + "; add at least one " + what + " rule");
            return;
        }
        for (int k = 0; k < rules.size(); k++) {
            checkRule(path + "[" + k + "]", rules.get(k));
        }
    }

    void checkRule(String path, ApproverRule rule) {
        if (rule == null) {
            check.problem(path, "is null");
        } else if (rule instanceof ApproverRule.Users u) {
            if (u.ids() == null || u.ids().isEmpty()) {
                check.problem(path + ".ids", "is empty; list at least one user id");
            } else {
                for (int m = 0; m < u.ids().size(); m++) {
                    if (u.ids().get(m) == null || u.ids().get(m).isBlank()) {
                        check.problem(path + ".ids[" + m + "]", "is blank; give a user id");
                    }
                }
            }
        } else if (rule instanceof ApproverRule.Role r) {
            if (r.code() == null || r.code().isBlank()) {
                check.problem(path + ".code", "is required: the role's code");
            }
        } else if (rule instanceof ApproverRule.DepartmentHead h) {
            if (h.formField() != null) {
                forms.checkFieldType(path + ".formField", h.formField(), Set.of(FieldType.DEPARTMENT), "a department field");
            }
        } else if (rule instanceof ApproverRule.Manager m) {
            if (m.level() < 1 || m.level() > DefinitionValidator.MAX_LEVEL) {
                check.problem(path + ".level", "is " + m.level() + "; use 1 (the direct manager) to " + DefinitionValidator.MAX_LEVEL);
            }
        } else if (rule instanceof ApproverRule.ManagerChain c) {
            checkManagerChain(path, c);
        } else if (rule instanceof ApproverRule.InitiatorChooses c) {
            if (c.min() < 1) {
                check.problem(path + ".min", "is " + c.min() + "; the initiator chooses at least 1 user");
            }
            if (c.max() < Math.max(c.min(), 1) || c.max() > DefinitionValidator.MAX_CHOSEN) {
                check.problem(path + ".max", "is " + c.max() + "; use a number from min (" + c.min() + ") to " + DefinitionValidator.MAX_CHOSEN);
            }
        } else if (rule instanceof ApproverRule.FormField f) {
            if (f.key() == null || f.key().isBlank()) {
                check.problem(path + ".key", "is required: the key of a user field of the form");
            } else {
                forms.checkFieldType(path + ".key", f.key(), Set.of(FieldType.USER, FieldType.MULTI_SELECT),
                        "a user field or a multiSelect of user ids");
            }
        } else if (rule instanceof ApproverRule.Custom c) {
            if (c.resolver() == null || c.resolver().isBlank()) {
                check.problem(path + ".resolver", "is required: the id of an approver resolver");
            } else if (check.knownResolvers != null && !check.knownResolvers.contains(c.resolver())) {
                check.problem(path + ".resolver", "names no registered approver resolver '" + c.resolver() + "'"
                        + DefinitionCheck.known(check.knownResolvers) + "; install the plugin that contributes it");
            }
        }
    }

    void checkManagerChain(String path, ApproverRule.ManagerChain c) {
        boolean level = c.upToLevel() != 0;
        boolean role = c.upToRole() != null;
        if (level && role) {
            check.problem(path, "gives both upToLevel and upToRole; give exactly one");
        } else if (!level && !role) {
            check.problem(path, "gives neither upToLevel nor upToRole; give exactly one");
        }
        if (level && (c.upToLevel() < 1 || c.upToLevel() > DefinitionValidator.MAX_LEVEL)) {
            check.problem(path + ".upToLevel", "is " + c.upToLevel() + "; use 1 to " + DefinitionValidator.MAX_LEVEL);
        }
        if (role && c.upToRole().isBlank()) {
            check.problem(path + ".upToRole", "is blank; give a role code");
        }
    }
}

package dev.oakit.workflow.internal;

import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.spi.ApproverResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns approver rules into user ids through the organisation directory, each with the reason it
 * was chosen. Only active users are returned; duplicates keep their first position.
 */
@Singleton
public final class ApproverResolution {
    /** A resolved approver and why. */
    public record Resolved(String userId, String reason) {
    }

    private final DirectoryProvider directory;
    private final Map<String, ApproverResolver> custom;

    @Inject
    private ApproverResolution(DirectoryProvider directory, Set<ApproverResolver> resolvers) {
        this.directory = directory;
        this.custom = resolvers.stream().collect(Collectors.toUnmodifiableMap(ApproverResolver::id, Function.identity()));
    }

    /** Resolves every rule in order. */
    public List<Resolved> resolve(String tenantId, String initiatorId, Map<String, Object> form, Map<String, List<String>> chosen,
                                  String nodeId, List<ApproverRule> rules) {
        Map<String, Resolved> out = new java.util.LinkedHashMap<>();
        for (ApproverRule rule : rules) {
            // role, department-head and manager rules read active users from the directory already;
            // ids from the definition, the form, the initiator or a plugin are checked one by one
            boolean checked = rule instanceof ApproverRule.Role || rule instanceof ApproverRule.DepartmentHead
                    || rule instanceof ApproverRule.Manager || rule instanceof ApproverRule.ManagerChain;
            for (Resolved r : resolveOne(tenantId, initiatorId, form, chosen, nodeId, rule)) {
                if (!out.containsKey(r.userId()) && (checked || isActive(tenantId, r.userId()))) {
                    out.put(r.userId(), r);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** @return true when the user exists and is active */
    public boolean isActive(String tenantId, String userId) {
        return directory.findUser(tenantId, userId).map(User::active).orElse(false);
    }

    private List<Resolved> resolveOne(String tenantId, String initiatorId, Map<String, Object> form,
                                      Map<String, List<String>> chosen, String nodeId, ApproverRule rule) {
        if (rule instanceof ApproverRule.Users u) {
            return u.ids().stream().map(id -> new Resolved(id, "named in the process")).toList();
        }
        if (rule instanceof ApproverRule.Role r) {
            return directory.usersWithRole(tenantId, r.code(), true).stream()
                    .map(x -> new Resolved(x.id(), "holds role '" + r.code() + "'")).toList();
        }
        if (rule instanceof ApproverRule.DepartmentHead d) {
            if (d.formField() == null) {
                return directory.headOfDepartmentOf(tenantId, initiatorId).filter(User::active)
                        .map(x -> List.of(new Resolved(x.id(), "head of the initiator's department"))).orElse(List.of());
            }
            Object v = form.get(d.formField());
            if (v == null) {
                return List.of();
            }
            String reason = "head of department '" + v + "' from form field '" + d.formField() + "'";
            return directory.departmentHead(tenantId, v.toString()).filter(User::active)
                    .map(x -> List.of(new Resolved(x.id(), reason))).orElse(List.of());
        }
        if (rule instanceof ApproverRule.Manager m) {
            return directory.managerOf(tenantId, initiatorId, m.level()).filter(User::active)
                    .map(x -> List.of(new Resolved(x.id(), "the initiator's manager, level " + m.level()))).orElse(List.of());
        }
        if (rule instanceof ApproverRule.ManagerChain c) {
            List<User> chain = c.upToRole() != null
                    ? directory.managerChainUpToRole(tenantId, initiatorId, c.upToRole(), 20)
                    : directory.managerChain(tenantId, initiatorId, c.upToLevel(), true);
            chain = chain.stream().filter(User::active).toList();
            List<Resolved> out = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                out.add(new Resolved(chain.get(i).id(), "the initiator's manager chain, level " + (i + 1)));
            }
            return out;
        }
        if (rule instanceof ApproverRule.InitiatorChooses) {
            return chosen.getOrDefault(nodeId, List.of()).stream().map(id -> new Resolved(id, "chosen by the initiator")).toList();
        }
        if (rule instanceof ApproverRule.FormField f) {
            Object v = form.get(f.key());
            Collection<?> ids = v instanceof Collection<?> c ? c : v == null ? List.of() : List.of(v);
            return ids.stream().map(o -> new Resolved(o.toString(), "named in form field '" + f.key() + "'")).toList();
        }
        if (rule instanceof ApproverRule.Custom c) {
            ApproverResolver r = custom.get(c.resolver());
            if (r == null) {
                return List.of();
            }
            return r.resolve(tenantId, initiatorId, form, c.params()).stream()
                    .map(id -> new Resolved(id, "resolved by '" + c.resolver() + "'")).toList();
        }
        throw new IllegalStateException("unknown approver rule " + rule);
    }

    /** @return the initiator's direct manager, if any */
    public Optional<String> manager(String tenantId, String userId) {
        return directory.managerOf(tenantId, userId, 1).map(User::id);
    }

    /** @return the active managers above a user, the direct one first, at most {@code levels} */
    public List<String> managerChain(String tenantId, String userId, int levels) {
        return directory.managerChain(tenantId, userId, levels, true).stream().map(User::id).toList();
    }

    /** @return the active administrators of a tenant */
    public List<String> admins(String tenantId) {
        return directory.usersWithRole(tenantId, dev.oakit.core.Actor.ADMIN_ROLE, true).stream().map(User::id).toList();
    }

    /** @return map of initiator attributes for conditions */
    public Map<String, Object> initiatorVariables(String tenantId, String userId) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", userId);
        Optional<User> u = directory.findUser(tenantId, userId);
        m.put("name", u.map(User::name).orElse(userId));
        m.put("departmentId", directory.primaryMembership(tenantId, userId).map(Membership::departmentId).orElse(""));
        m.put("roles", new ArrayList<>(new LinkedHashSet<>(directory.rolesOf(tenantId, userId))));
        m.put("attributes", u.map(User::attributes).orElse(Map.of()));
        return m;
    }
}

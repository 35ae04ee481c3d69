package dev.oakit.core;

import org.apiguardian.api.API;

import java.util.Set;

/**
 * Who issues a command: a user of one tenant with roles. Every command carries one; OAKit, not
 * the host, checks that the actor may do what it asks and only ever shows it its own tenant.
 *
 * @param tenantId the tenant; non-blank, at most 64 characters
 * @param userId the acting user's id; non-blank, at most 64 characters ({@value #SYSTEM_USER} for the system)
 * @param roles role codes held by the actor; never null ({@value #ADMIN_ROLE} makes it an administrator)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Actor(String tenantId, String userId, Set<String> roles) {
    /** The role that makes an actor an OAKit administrator of its tenant. */
    public static final String ADMIN_ROLE = "oa-admin";
    /**
     * The role of a platform operator, who creates, lists and deactivates tenants ({@code Tenants}); it gives no
     * access to any tenant's data.
     *
     * @since 0.1
     */
    public static final String OPERATOR_ROLE = "oa-operator";
    /** The user id recorded for actions OAKit takes by itself (timeouts, retries). */
    public static final String SYSTEM_USER = "system";

    /** Validates the components; see the record description. */
    public Actor {
        Checks.id("tenantId", tenantId);
        Checks.id("userId", userId);
        if (roles == null) {
            throw ValidationException.of("roles", "must not be null; pass an empty set for no roles");
        }
        roles = Set.copyOf(roles);
    }

    /** @return an actor with the given roles */
    public static Actor of(String tenantId, String userId, String... roles) {
        return new Actor(tenantId, userId, Set.of(roles));
    }

    /** @return the system actor of a tenant, an administrator */
    public static Actor system(String tenantId) {
        return new Actor(tenantId, SYSTEM_USER, Set.of(ADMIN_ROLE));
    }

    /** @return an administrator of the given tenant */
    public static Actor admin(String tenantId, String userId) {
        return new Actor(tenantId, userId, Set.of(ADMIN_ROLE));
    }

    /** @return true if the actor holds {@value #ADMIN_ROLE} */
    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /**
     * Checks that the actor is an administrator of its tenant.
     *
     * @param what what the actor asked to do, e.g. {@code "replay jobs"}; used in the message
     * @throws ForbiddenException naming the user, the action and who may do it
     */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw new ForbiddenException(CoreErrors.FORBIDDEN, "user '" + userId + "' of tenant '" + tenantId
                    + "' may not " + what + "; only administrators (role " + ADMIN_ROLE + ") may");
        }
    }

    /**
     * @return true if the actor may manage tenants: it holds {@value #OPERATOR_ROLE}, or it is the system actor
     *     (the host's own code)
     * @since 0.1
     */
    public boolean isOperator() {
        return roles.contains(OPERATOR_ROLE) || (SYSTEM_USER.equals(userId) && isAdmin());
    }

    /** @return true if the actor holds the role */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}

package dev.oakit.core.directory;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * Creates, lists and deactivates tenants. Only an operator ({@link Actor#isOperator()}: role
 * {@value Actor#OPERATOR_ROLE}, or the host's system actor) may; each change is audited in the chain of the tenant it
 * concerns. A host may also declare its tenants on the builder ({@code OaKit.builder().tenant("acme", "ACME")}),
 * which creates those missing at {@code start()}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Tenants {
    /**
     * @param operator an operator
     * @param tenant the tenant to create ({@link Tenant#of(String, String)})
     * @return the created tenant, active
     * @throws dev.oakit.core.ForbiddenException {@code OA-CORE/FORBIDDEN} unless the actor is an operator
     * @throws dev.oakit.core.ConflictException {@code OA-CORE/TENANT_EXISTS} when the id is taken
     */
    Tenant create(Actor operator, Tenant tenant);

    /** @return every tenant, by id; operators only */
    List<Tenant> list(Actor operator);

    /** @return the tenant, if it exists; operators, and any actor asking about its own tenant */
    Optional<Tenant> find(Actor actor, String tenantId);

    /**
     * Deactivates a tenant: from now on its commands are refused ({@code OA-CORE/TENANT_INACTIVE}) on this node, and
     * on other nodes within {@code core.tenants.cacheTtl}; its data stays and may still be read.
     *
     * @return the tenant, inactive
     * @throws dev.oakit.core.NotFoundException {@code OA-CORE/TENANT_NOT_FOUND} when it does not exist
     */
    Tenant deactivate(Actor operator, String tenantId);

    /** @return the tenant, active again; its commands run again */
    Tenant reactivate(Actor operator, String tenantId);
}

package dev.oakit.core.internal.tenant;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.directory.Tenant;
import dev.oakit.core.directory.Tenants;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The {@link Tenants} facade. Each change is a command in the chain of the tenant it concerns (its audit entry opens
 * or continues that tenant's log), run by the operator under that tenant's id.
 */
@Singleton
public final class TenantService implements Tenants {
    private final Commands commands;
    private final TenantRepository tenants;
    private final TenantGate gate;

    @Inject
    private TenantService(Commands commands, TenantRepository tenants, TenantGate gate) {
        this.commands = commands;
        this.tenants = tenants;
        this.gate = gate;
    }

    @Override
    public Tenant create(Actor operator, Tenant tenant) {
        requireOperator(operator, "create tenants");
        Checks.notNull("tenant", tenant);
        return commands.execute(spec(operator, tenant.id(), "create"), Tenant.class, ctx -> {
            if (tenants.lock(ctx.handle(), tenant.id()).isPresent()) {
                throw new ConflictException(CoreErrors.TENANT_EXISTS, "tenant '" + tenant.id() + "' already exists; choose another id,"
                        + " or reactivate it if it was deactivated");
            }
            tenants.insert(ctx.handle(), tenant, operator.userId(), ctx.now());
            ctx.summary("created tenant '" + tenant.id() + "' (" + tenant.name() + ")");
            return new Tenant(tenant.id(), tenant.name(), true, ctx.now(), null);
        });
    }

    /** Creates the tenants a host declared on the builder that do not exist yet, as the system. */
    public void declare(List<Tenant> declared) {
        for (Tenant t : declared) {
            boolean exists = commands.query(h -> tenants.find(h, t.id()).isPresent());
            if (!exists) {
                try {
                    create(Actor.system(t.id()), t);
                } catch (ConflictException e) {
                    // another node started at the same time and created it first
                }
            }
        }
    }

    @Override
    public List<Tenant> list(Actor operator) {
        requireOperator(operator, "list tenants");
        return commands.query(tenants::all);
    }

    @Override
    public Optional<Tenant> find(Actor actor, String tenantId) {
        Checks.notNull("actor", actor);
        Checks.id("tenantId", tenantId);
        if (!actor.isOperator() && !actor.tenantId().equals(tenantId)) {
            return Optional.empty(); // another tenant's existence is none of its business
        }
        return commands.query(h -> tenants.find(h, tenantId));
    }

    @Override
    public Tenant deactivate(Actor operator, String tenantId) {
        return setActive(operator, tenantId, false);
    }

    @Override
    public Tenant reactivate(Actor operator, String tenantId) {
        return setActive(operator, tenantId, true);
    }

    private Tenant setActive(Actor operator, String tenantId, boolean active) {
        requireOperator(operator, active ? "reactivate tenants" : "deactivate tenants");
        Checks.id("tenantId", tenantId);
        Tenant result = commands.execute(spec(operator, tenantId, active ? "reactivate" : "deactivate"), Tenant.class, ctx -> {
            Tenant t = tenants.lock(ctx.handle(), tenantId).orElseThrow(() -> new NotFoundException(CoreErrors.TENANT_NOT_FOUND,
                    "tenant '" + tenantId + "' does not exist; Tenants.list shows the tenants there are"));
            if (t.active() != active) {
                tenants.setActive(ctx.handle(), tenantId, active, ctx.now());
            }
            ctx.summary((active ? "reactivated" : "deactivated") + " tenant '" + tenantId + "'");
            return new Tenant(t.id(), t.name(), active, t.createdAt(), active ? null : ctx.now());
        });
        gate.forget(tenantId);
        return result;
    }

    /** The command runs under the tenant it concerns, so that its audit entry is in that tenant's log. */
    private static CommandSpec spec(Actor operator, String tenantId, String action) {
        Checks.id("tenantId", tenantId);
        return CommandSpec.of(new Actor(tenantId, operator.userId(), operator.roles()), TenantGate.OWN_ACTIONS + action)
                .withTarget("tenant", tenantId);
    }

    private static void requireOperator(Actor actor, String what) {
        Checks.notNull("actor", actor);
        if (!actor.isOperator()) {
            throw new ForbiddenException(CoreErrors.FORBIDDEN, "user '" + actor.userId() + "' of tenant '" + actor.tenantId()
                    + "' may not " + what + "; only operators (role " + Actor.OPERATOR_ROLE + ") and the host's system actor may");
        }
    }
}

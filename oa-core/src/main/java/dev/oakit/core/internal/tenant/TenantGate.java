package dev.oakit.core.internal.tenant;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.directory.Tenant;
import dev.oakit.core.spi.DirectoryProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check every command passes before it runs: its actor's tenant exists and is active, and (with
 * {@code core.tenants.requireKnownUsers}, the default) its actor is a user of the tenant's directory, unless it is an
 * administrator, an operator or the system. "Active" and "known" answers are reused for {@code core.tenants.cacheTtl},
 * so the check costs no statement on the hot path; a deactivation on this node forgets the answer at once. With {@code core.tenants.autoCreate} a command of an unknown tenant creates it in
 * its own transaction (the row records who and when; no audit entry: the setting is for demos and tests).
 */
@Singleton
public final class TenantGate {
    /** The actions of the tenant commands themselves, which must run on a tenant that is missing or inactive. */
    static final String OWN_ACTIONS = "core.tenant.";

    private final TenantRepository tenants;
    private final CoreConfig.TenantRules rules;
    private final Map<String, Long> activeUntil = new ConcurrentHashMap<>();
    private final Map<String, Long> knownUntil = new ConcurrentHashMap<>();
    /** Lazily: the default provider reads through the command runner, which holds this gate. */
    private final Provider<DirectoryProvider> directory;

    @Inject
    private TenantGate(TenantRepository tenants, CoreConfig config, Provider<DirectoryProvider> directory) {
        this.tenants = tenants;
        this.rules = config.tenants();
        this.directory = directory;
    }

    /**
     * @param action the command's action
     * @throws NotFoundException {@code OA-CORE/TENANT_NOT_FOUND} naming the tenant and how to create it
     * @throws ConflictException {@code OA-CORE/TENANT_INACTIVE} naming the tenant
     */
    public void admit(Handle h, Actor actor, String action, Instant now) {
        admitTenant(h, actor, action, now);
        if (rules.requireKnownUsers() && !actor.isAdmin() && !actor.isOperator() && !action.startsWith(OWN_ACTIONS)) {
            admitUser(actor, action);
        }
    }

    /**
     * @throws ForbiddenException {@code OA-CORE/UNKNOWN_ACTOR}: an unknown user would otherwise run until something
     *     needs its directory entry (an approval's manager, a ticket's department) and fail there, in other words
     */
    private void admitUser(Actor actor, String action) {
        String key = actor.tenantId() + '\u0000' + actor.userId();
        Long until = knownUntil.get(key);
        if (until != null && System.nanoTime() - until < 0) {
            return;
        }
        if (directory.get().findUser(actor.tenantId(), actor.userId()).isEmpty()) {
            throw new ForbiddenException(CoreErrors.UNKNOWN_ACTOR, "user '" + actor.userId() + "' is not a user of tenant '"
                    + actor.tenantId() + "', so " + action + " is refused; create the user first (Directory.createUser or "
                    + "Directory.importOrganisation), check the user id for a typo, or act as an administrator");
        }
        long ttl = rules.cacheTtl().toNanos();
        if (ttl > 0) {
            knownUntil.put(key, System.nanoTime() + ttl);
        }
    }

    private void admitTenant(Handle h, Actor actor, String action, Instant now) {
        String tenantId = actor.tenantId();
        Long until = activeUntil.get(tenantId);
        if ((until != null && System.nanoTime() - until < 0) || action.startsWith(OWN_ACTIONS)) {
            return;
        }
        Tenant t = tenants.find(h, tenantId).orElse(null);
        if (t == null && rules.autoCreate()) {
            t = autoCreate(h, actor, now);
        }
        if (t == null) {
            throw new NotFoundException(CoreErrors.TENANT_NOT_FOUND, "tenant '" + tenantId + "' does not exist, so " + action
                    + " by '" + actor.userId() + "' is refused; create the tenant first (Tenants.create by an operator, or"
                    + " builder.tenant(\"" + tenantId + "\", name)), or check the tenant id for a typo");
        }
        if (!t.active()) {
            throw new ConflictException(CoreErrors.TENANT_INACTIVE, "tenant '" + tenantId + "' was deactivated at " + t.deactivatedAt()
                    + ", so " + action + " by '" + actor.userId() + "' is refused; an operator reactivates it with Tenants.reactivate");
        }
        remember(tenantId);
    }

    /**
     * Creates the actor's tenant, recorded on the row (created_by, created_at); no audit entry, which would open every
     * test tenant's log. Two first commands of one tenant may race: the loser's insert is undone to a savepoint (the
     * command's transaction stays usable on PostgreSQL) and it reads the winner's row.
     */
    private Tenant autoCreate(Handle h, Actor actor, Instant now) {
        Tenant t = Tenant.of(actor.tenantId(), actor.tenantId());
        String savepoint = "tenant_auto_create";
        h.savepoint(savepoint);
        try {
            tenants.insert(h, t, actor.userId(), now);
            h.releaseSavepoint(savepoint);
            return t;
        } catch (RuntimeException duplicate) {
            try {
                h.rollbackToSavepoint(savepoint);
            } catch (RuntimeException transactionGone) {
                // MariaDB ends the whole transaction on the deadlock two first inserts can run into; rethrowing the
                // deadlock lets the command runner run the command again, which then finds the winner's tenant
                duplicate.addSuppressed(transactionGone);
                throw duplicate;
            }
            return tenants.find(h, actor.tenantId()).orElseThrow(() -> duplicate);
        }
    }

    void remember(String tenantId) {
        long ttl = rules.cacheTtl().toNanos();
        if (ttl > 0) {
            activeUntil.put(tenantId, System.nanoTime() + ttl);
        }
    }

    void forget(String tenantId) {
        activeUntil.remove(tenantId);
    }
}

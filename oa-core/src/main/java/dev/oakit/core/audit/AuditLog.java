package dev.oakit.core.audit;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The audit log: every command appends one entry (actor, action, target, time, request id,
 * summary) in its own transaction. Entries are chained by SHA-256 per tenant, so that a change,
 * removal or insertion with plain SQL is found by {@link #verify}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface AuditLog {
    /** @return entries about one object, oldest first; administrators only (modules show their own timelines to users) */
    List<AuditRecord> forTarget(Actor actor, String targetType, String targetId);

    /** @return the newest entries of the actor's tenant, newest first, at most {@code limit} (1..1000); admins only */
    List<AuditRecord> recent(Actor actor, int limit);

    /** Recomputes the actor's tenant chain and names the first tampered entry; admins only. */
    AuditVerification verify(Actor actor);
}

package dev.oakit.core.audit;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The audit log: every command appends one entry (actor, action, target, time, request id,
 * summary) in its own transaction; a sealer chains the entries of each tenant shortly after
 * (every second, on every node) with SHA-256, or HMAC-SHA256 when {@code core.audit.keys} is set,
 * so that a change, removal or insertion with plain SQL is found by {@link #verify}. An entry is
 * protected from the moment it is sealed, not before. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface AuditLog {
    /** @return entries about one object, oldest first; administrators only (modules show their own timelines to users) */
    List<AuditRecord> forTarget(Actor actor, String targetType, String targetId);

    /** @return the newest entries of the actor's tenant, newest first, at most {@code limit} (1..1000); admins only */
    List<AuditRecord> recent(Actor actor, int limit);

    /**
     * Recomputes the actor's tenant chain and names the first tampered entry; admins only. Entries
     * not sealed when the check runs are counted as {@link AuditVerification#unverifiable()} (the
     * result is then not intact) and sealed afterwards, so that the next check covers them.
     */
    AuditVerification verify(Actor actor);

    /**
     * Exports the head of the actor's tenant chain (the newest sealed entry), to store outside the
     * database and to check against later with {@link #verify(Actor, AuditChainHead)}; admins only.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    AuditChainHead head(Actor actor);

    /**
     * Verifies the chain as {@link #verify(Actor)} does and also that it still holds the entry of
     * a head exported earlier, unchanged: detects a chain cut off after that entry (and its head
     * moved back) or recomputed since; admins only.
     *
     * @param exported a head from {@link #head(Actor)} of the actor's tenant
     * @throws dev.oakit.core.ValidationException if the head belongs to another tenant
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    AuditVerification verify(Actor actor, AuditChainHead exported);
}

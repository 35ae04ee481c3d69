package dev.oakit.core.audit;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One entry of the append-only, hash-chained audit log.
 *
 * @param seq position in the tenant's chain, from 1
 * @param tenantId tenant
 * @param actorId who acted
 * @param onBehalfOf whom the actor acted for (proxy, delegate), or null
 * @param action stable action name, e.g. {@code core.user.deactivate}
 * @param targetType kind of object, or null
 * @param targetId object id, or null
 * @param occurredAt when
 * @param requestId the command's request id, or null
 * @param summary short description, or null
 * @param prevHash hash of the previous entry ({@code 64 zeros} for the first)
 * @param hash SHA-256 (or, with {@code keyId}, HMAC-SHA256) over this entry's fields and {@code prevHash}
 * @param keyId id of the HMAC key ({@code core.audit.keys}) the entry was sealed with; null for plain SHA-256
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AuditRecord(long seq, String tenantId, String actorId, String onBehalfOf, String action,
                          String targetType, String targetId, Instant occurredAt, String requestId, String summary,
                          String prevHash, String hash, String keyId) {
    /** An entry sealed with plain SHA-256 (the constructor before key ids). */
    public AuditRecord(long seq, String tenantId, String actorId, String onBehalfOf, String action,
                       String targetType, String targetId, Instant occurredAt, String requestId, String summary,
                       String prevHash, String hash) {
        this(seq, tenantId, actorId, onBehalfOf, action, targetType, targetId, occurredAt, requestId, summary, prevHash, hash, null);
    }
}

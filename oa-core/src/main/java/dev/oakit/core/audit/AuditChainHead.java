package dev.oakit.core.audit;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * The newest sealed entry of a tenant's audit chain, to be stored outside the database (another
 * system, a signed file, a ticket). Whoever can write the database can cut off the end of the
 * chain and move its head back, or, without the HMAC key, recompute the whole chain; neither goes
 * unnoticed by {@link AuditLog#verify(dev.oakit.core.Actor, AuditChainHead)} against a head
 * exported earlier. Immutable; its JSON form (Jackson) is a fine way to store it.
 *
 * @param tenantId the tenant whose chain it is
 * @param seq sequence number of the newest sealed entry; 0 for an empty chain
 * @param hash that entry's hash (64 hex digits; 64 zeros for an empty chain)
 * @param keyId the HMAC key the entry was sealed with, or null for plain SHA-256
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditChainHead(String tenantId, long seq, String hash, String keyId) {
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** Validates the components. */
    public AuditChainHead {
        Checks.id("tenantId", tenantId);
        if (seq < 0) {
            throw ValidationException.of("seq", "must not be negative, was " + seq);
        }
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw ValidationException.of("hash", "must be 64 lower-case hex digits, as exported");
        }
    }
}

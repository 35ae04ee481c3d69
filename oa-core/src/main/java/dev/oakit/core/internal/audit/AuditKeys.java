package dev.oakit.core.internal.audit;

import dev.oakit.core.CoreConfig;
import dev.oakit.core.audit.AuditRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an audit entry's hash is computed: SHA-256 over its canonical fields, or, for an entry
 * sealed with a key of {@code core.audit.keys}, HMAC-SHA256 with that key over the same fields and
 * the key id. The first configured key seals new entries; every configured key verifies. The
 * secrets never leave this class.
 */
@Singleton
public final class AuditKeys {
    /** The previous hash of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final String current;

    @Inject
    private AuditKeys(CoreConfig config) {
        for (CoreConfig.Audit.Key k : config.audit().keys()) {
            secrets.put(k.id(), k.secret().getBytes(StandardCharsets.UTF_8));
        }
        current = secrets.isEmpty() ? null : secrets.keySet().iterator().next();
    }

    /** @return the id of the key that seals new entries; null when entries are sealed with plain SHA-256 */
    String current() {
        return current;
    }

    /** @return whether keys are configured at all */
    boolean configured() {
        return current != null;
    }

    /** @return whether this node holds the key with this id */
    boolean knows(String keyId) {
        return secrets.containsKey(keyId);
    }

    /** @return the entry's hash under its {@code keyId}; the key must be {@linkplain #knows known} */
    String hash(AuditRecord r) {
        String canonical = String.join("\u001f", r.prevHash(), Long.toString(r.seq()), r.tenantId(), r.actorId(),
                nz(r.onBehalfOf()), r.action(), nz(r.targetType()), nz(r.targetId()),
                Long.toString(r.occurredAt().toEpochMilli()), nz(r.requestId()), nz(r.summary()));
        try {
            if (r.keyId() == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get(r.keyId()), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((canonical + "\u001f" + r.keyId()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from the JVM", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }
}

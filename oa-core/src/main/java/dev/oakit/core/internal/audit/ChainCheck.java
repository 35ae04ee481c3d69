package dev.oakit.core.internal.audit;

import dev.oakit.core.audit.AuditChainHead;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.core.audit.AuditVerification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pass over a tenant's sealed entries in sequence order: the rules of an intact chain, in one
 * place. Feed every entry to {@link #next}; it answers with the first sign of tampering. Then
 * {@link #end} compares the end of the chain with its head row and an exported head, and
 * {@link #result} counts what the pass could not vouch for.
 */
final class ChainCheck {
    private final AuditKeys keys;
    private final AuditChainHead exported;
    private long checked;
    private long expectedSeq = 1;
    private String prev = AuditKeys.GENESIS;
    private long lastKeyedSeq;
    private long unkeyedTail;
    private final TreeMap<String, Long> unknownKeys = new TreeMap<>();

    /** The head row of the chain, as the sealer keeps it. */
    record HeadRow(long seq, String hash) {
    }

    ChainCheck(AuditKeys keys, AuditChainHead exported) {
        this.keys = keys;
        this.exported = exported;
    }

    /** @return the tampering this entry shows, if any */
    Optional<AuditVerification> next(AuditRecord r) {
        checked++;
        if (r.seq() != expectedSeq) {
            return bad(expectedSeq, "entry " + expectedSeq + " is missing (next entry found is " + r.seq() + ")");
        }
        if (!r.prevHash().equals(prev)) {
            return bad(r.seq(), "entry " + r.seq() + " does not link to the previous entry (an entry was replaced or removed)");
        }
        boolean checkable = r.keyId() == null || keys.knows(r.keyId());
        if (checkable && !keys.hash(r).equals(r.hash())) {
            return bad(r.seq(), "entry " + r.seq() + " was changed after it was written (its hash does not match its content"
                    + (r.keyId() == null ? ")" : " under key '" + r.keyId() + "')"));
        }
        if (r.keyId() == null && keys.configured()) {
            if (lastKeyedSeq > 0) {
                return bad(r.seq(), "entry " + r.seq() + " was sealed without a key after entry " + lastKeyedSeq
                        + " was sealed with one: the chain was recomputed without the key (or a node runs without core.audit.keys)");
            }
            unkeyedTail++;
        } else if (r.keyId() != null && !checkable) {
            unknownKeys.merge(r.keyId(), 1L, Long::sum);
        } else if (r.keyId() != null) {
            lastKeyedSeq = r.seq();
            unkeyedTail = 0; // the keyed entry's HMAC covers the link to every entry before it
        }
        if (exported != null && r.seq() == exported.seq()
                && (!r.hash().equals(exported.hash()) || !Objects.equals(r.keyId(), exported.keyId()))) {
            return bad(r.seq(), "entry " + r.seq() + " differs from the exported head: the chain was rewritten after the head was exported");
        }
        prev = r.hash();
        expectedSeq++;
        return Optional.empty();
    }

    /** @return the tampering the end of the chain shows, compared with its head row (empty if none) and the exported head */
    Optional<AuditVerification> end(Optional<HeadRow> head) {
        long lastSeq = expectedSeq - 1;
        if (head.isPresent() && (head.get().seq() != lastSeq || !head.get().hash().equals(prev))) {
            return bad(lastSeq + 1, "entries after " + lastSeq + " were removed (the chain head records " + head.get().seq() + ")");
        }
        if (head.isEmpty() && checked > 0) {
            return bad(1, "the chain head is missing");
        }
        if (exported != null && lastSeq < exported.seq()) {
            return bad(lastSeq + 1, "the chain ends at entry " + lastSeq + " but the exported head records entry " + exported.seq()
                    + ": entries were removed and the chain head moved back");
        }
        return Optional.empty();
    }

    /**
     * @param unsealed entries of the tenant not sealed when the pass ran
     * @param sealedMeanwhile entries sealed after the pass read the head row
     * @return the verdict of a chain that showed no tampering
     */
    AuditVerification result(long unsealed, long sealedMeanwhile) {
        List<String> why = new ArrayList<>();
        long unverifiable = 0;
        if (unsealed > 0) {
            unverifiable += unsealed;
            why.add(unsealed + " entries are not sealed yet, so nothing protects them yet (every node seals them within"
                    + " core.audit.sealInterval; verify again in a moment)");
        }
        if (sealedMeanwhile > 0) {
            unverifiable += sealedMeanwhile;
            why.add(sealedMeanwhile + " entries were sealed while this check ran; the next check covers them");
        }
        if (!unknownKeys.isEmpty()) {
            long n = unknownKeys.values().stream().mapToLong(Long::longValue).sum();
            unverifiable += n;
            why.add(n + " entries were sealed with keys this node does not have: "
                    + unknownKeys.keySet().stream().map(k -> "'" + k + "'").toList()
                    + " (keep old keys listed in core.audit.keys after a rotation)");
        }
        if (unkeyedTail > 0) {
            unverifiable += unkeyedTail;
            why.add("the newest " + unkeyedTail + " entries were sealed without a key although core.audit.keys is set: a chain"
                    + " recomputed without the key looks the same until an entry sealed with a key follows them");
        }
        return unverifiable == 0 ? new AuditVerification(true, checked, null, null, 0)
                : new AuditVerification(false, checked, null, String.join("; ", why), unverifiable);
    }

    private Optional<AuditVerification> bad(long seq, String problem) {
        return Optional.of(new AuditVerification(false, checked, seq, problem, 0));
    }
}

package dev.oakit.core.audit;

import org.apiguardian.api.API;

/**
 * Result of checking a tenant's audit hash chain. Two ways not to be intact: the chain shows
 * tampering ({@link #tampered()}, {@code firstBadSeq} names the entry), or some entries could not
 * be vouched for ({@code unverifiable} &gt; 0: not sealed yet, sealed with a key this node does not
 * have, or sealed without a key where keys are configured). Alarm on the first; check again in a
 * moment on the second.
 *
 * @param intact true only when every entry's hash and link is correct, none is missing, and
 *     {@code unverifiable} is zero: never true while an entry waits to be sealed
 * @param checked number of sealed entries checked
 * @param firstBadSeq sequence number of the first entry that was changed, removed or inserted; null when none is
 * @param problem what is wrong; null when intact
 * @param unverifiable entries this check could not vouch for (see above); {@code problem} says why
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AuditVerification(boolean intact, long checked, Long firstBadSeq, String problem, long unverifiable) {
    /** A result without unverifiable entries (the constructor before they were counted). */
    public AuditVerification(boolean intact, long checked, Long firstBadSeq, String problem) {
        this(intact, checked, firstBadSeq, problem, 0);
    }

    /**
     * @return true when the chain shows that an entry was changed, removed or inserted ({@code firstBadSeq} names it)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public boolean tampered() {
        return firstBadSeq != null;
    }
}

package dev.oakit.core.audit;

import org.apiguardian.api.API;

/**
 * Result of checking a tenant's audit hash chain.
 *
 * @param intact true when every entry's hash and link is correct and none is missing
 * @param checked number of entries checked
 * @param firstBadSeq sequence number of the first entry that was changed, removed or inserted; null when intact
 * @param problem what is wrong with it; null when intact
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AuditVerification(boolean intact, long checked, Long firstBadSeq, String problem) {
}

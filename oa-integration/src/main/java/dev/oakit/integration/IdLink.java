package dev.oakit.integration;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One entry of the ID map: a record of another system is this OAKit record.
 *
 * @param ref the other system's record
 * @param localId OAKit's id of the same record
 * @param linkedAt when the link was made (or last moved by a merge or split)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IdLink(ExternalRef ref, String localId, Instant linkedAt) {
}

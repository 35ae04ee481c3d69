package dev.oakit.integration;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A remote write and where it stands; a {@link WriteStatus#FAILED} one is a dead letter with the
 * payload and the remote's error.
 *
 * @param id the write's id
 * @param target the connector's id
 * @param operation the create operation
 * @param key our key for the document
 * @param localId the OAKit record it belongs to, or null
 * @param payload the document as JSON
 * @param status where it stands
 * @param remoteId the remote's id of the document once {@link WriteStatus#CONFIRMED}, else null
 * @param attempts worker attempts so far
 * @param creates create calls sent so far (a lookup that found the document needs none)
 * @param lastError the last failure as the worker saw it, or null
 * @param remoteStatus the remote's status code of the last failure (HTTP status), or null
 * @param remoteError the remote's answer to the last failure (its error body, cut to 4,000 characters), or null
 * @param createdAt when it was requested
 * @param updatedAt when it last changed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RemoteWrite(long id, String target, String operation, String key, String localId, String payload, WriteStatus status,
                          String remoteId, int attempts, int creates, String lastError, Integer remoteStatus, String remoteError,
                          Instant createdAt, Instant updatedAt) {
}

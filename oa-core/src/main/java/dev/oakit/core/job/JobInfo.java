package dev.oakit.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A durable job as stored.
 *
 * @param id job id
 * @param tenantId tenant
 * @param type job type
 * @param status current status
 * @param payload JSON payload
 * @param dueAt next due time
 * @param attempts attempts started so far
 * @param maxAttempts attempts allowed
 * @param leaseOwner node holding the lease while running, else null
 * @param leaseExpiresAt end of the lease while running, else null
 * @param fence fencing token of the latest claim
 * @param lastError last failure message, or null
 * @param createdAt creation time
 * @param updatedAt last change
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record JobInfo(long id, String tenantId, String type, JobStatus status, JsonNode payload, Instant dueAt,
                      int attempts, int maxAttempts, String leaseOwner, Instant leaseExpiresAt, long fence,
                      String lastError, Instant createdAt, Instant updatedAt) {
}

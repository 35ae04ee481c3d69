package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * What a remote call is part of. The call must end within {@link #timeout()}: OAKit's lease on the
 * write outlasts it, so no other worker can take the write over while the call may still be running.
 *
 * @param tenantId the tenant the call is made for
 * @param target the connector's id
 * @param operation the operation
 * @param timeout the longest the whole exchange may take
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CallContext(String tenantId, String target, String operation, Duration timeout) {
}

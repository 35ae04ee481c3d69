package dev.oakit.workflow.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.util.Map;

/**
 * Runs the work of a {@link dev.oakit.workflow.Node.Service} node, asynchronously through a
 * durable job. Returning normally moves the instance on; throwing retries with backoff
 * (a non-retryable {@link dev.oakit.core.IntegrationException} fails at once) and, when attempts
 * are exhausted, raises an incident that administrators see and can retry. Thread-safe;
 * should be idempotent (the same instance and node may run again after a crash).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ServiceTaskHandler {
    /** @return the id that service nodes name in {@code handler} */
    String id();

    /**
     * @param tenantId the tenant
     * @param instanceId the process instance
     * @param form the instance's form data
     * @param params the node's parameters (may be null)
     * @return values to merge into the form data (may be empty)
     */
    Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) throws Exception;

    /**
     * Whether {@link #execute} runs inside the job's database transaction. {@code true} (the default):
     * the handler's database work (its commands join the transaction) commits together with the
     * instance moving on. {@code false} is for handlers that call a remote system: the handler runs
     * with no transaction and no pooled connection, and the instance moves on in a short command of
     * its own afterwards (when it still waits at the node). Such a handler should bound its call with
     * a timeout and answer with an output that the routes after the node test, rather than throw.
     *
     * @return true to run inside the job's transaction
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default boolean runsInTransaction() {
        return true;
    }
}

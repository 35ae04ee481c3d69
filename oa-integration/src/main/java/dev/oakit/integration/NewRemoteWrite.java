package dev.oakit.integration;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A document to create in another system exactly once.
 *
 * @param target the connector's id, e.g. {@code erp}
 * @param operation the connector's create operation, e.g. {@code purchase-order}
 * @param key our key for the document, fixed now and sent with it (an upsert key, a unique field or a
 *     reference the remote can be searched by); one write per target, operation and key; at most 191 characters
 * @param localId the OAKit record it belongs to, or null; at most 128 characters
 * @param payload the document, any Jackson-serialisable object; the operation reads it into its payload type
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NewRemoteWrite(String target, String operation, String key, String localId, Object payload) {
    /** Checks the components. */
    public NewRemoteWrite {
        Checks.id("target", target);
        Checks.id("operation", operation);
        Checks.text("key", key, 191);
        Checks.optionalText("localId", localId, 128);
        Checks.notNull("payload", payload);
    }
}

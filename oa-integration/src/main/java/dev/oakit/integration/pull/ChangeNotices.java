package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.util.Optional;

/**
 * Webhooks that only say which record changed ({@code oa.service(ChangeNotices.class)}): Odoo's "Send Webhook
 * Notification" names the model and the id. The record is read now through its feed ({@code ChangeFeed.read}), with
 * the guard of every remote read (circuit breaker, request budget), and accepted in the inbox exactly as a pull
 * accepts it: the same version, payload and key, so a change brought by a notice and by a pull is applied once, an
 * older version never after a newer (a late or repeated notice reads the record as it is now), and OAKit's own write
 * coming back is an echo. A notice that was lost is caught by the next pull. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface ChangeNotices {
    /**
     * Reads the record and accepts it. Call it outside any database transaction (it calls the remote).
     *
     * @param admin an administrator or the system actor of the tenant the record is for
     * @param target the connector's id
     * @param entityType the feed's entity type
     * @param externalId the remote record's id
     * @return the inbox's receipt, or empty when the feed has no such record (another kind of record, or deleted)
     * @throws RemoteCallException the read failed (nothing was accepted; the next pull brings the change)
     * @throws dev.oakit.core.ValidationException {@code OA-INT/NO_SUCH_OPERATION} when no connector has that feed
     */
    Optional<InboxReceipt> changed(Actor admin, String target, String entityType, String externalId) throws RemoteCallException;
}

package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.util.Optional;

/**
 * Webhooks that only say which record changed ({@code oa.service(ChangeNotices.class)}): Odoo's "Send Webhook
 * Notification" names the model and the id. The record is read through its feed ({@code ChangeFeed.read}), with
 * the guard of every remote read (circuit breaker, request budget), and accepted in the inbox exactly as a pull
 * accepts it: the same version, payload and key, so a change brought by a notice and by a pull is applied once, an
 * older version never after a newer (a late or repeated notice reads the record as it is now), and OAKit's own write
 * coming back is an echo. A notice that was lost is caught by the next pull.
 *
 * <p>A sender may post before its own transaction commits (Odoo 17 does): read at once, the record is not there yet
 * or still the old one. {@link #notice} therefore only schedules the read, a moment later and again with backoff
 * until the record is at least at the version the notice names; {@link #changed} reads at once, for senders that
 * post after their commit. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
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

    /**
     * Schedules the read of a record a notice names (a durable job, {@link #NOTICE_DELAY} from now) and returns at once:
     * for a webhook handler that must answer fast and whose sender may not have committed yet. The job reads the record
     * and accepts it once it is at least at {@code atLeast}; until then (or while it is missing) it reads again with
     * backoff, {@link #NOTICE_ATTEMPTS} times in all, then leaves the change to the next pull. Without {@code atLeast} it
     * reads once. Notices of the same record and version share one job. Audited ({@code integration.notice}).
     *
     * @param admin an administrator or the system actor of the tenant the record is for
     * @param atLeast the version the record has at least after the change the notice tells of (Odoo's {@code write_date}
     *     in the body, to the second), or null when the notice does not say
     * @throws dev.oakit.core.ValidationException {@code OA-INT/NO_SUCH_OPERATION} when no connector has that feed
     * @since 0.1
     */
    void notice(Actor admin, String target, String entityType, String externalId, Long atLeast);

    /** How long after a {@link #notice} the record is first read. */
    java.time.Duration NOTICE_DELAY = java.time.Duration.ofSeconds(1);

    /** How many reads a {@link #notice} makes at most while the record is missing or older than the notice says. */
    int NOTICE_ATTEMPTS = 8;
}

package dev.oakit.erp.masterdata;

import dev.oakit.core.Actor;
import dev.oakit.core.form.FieldOption;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * Master data from the ERP ({@code oa.service(MasterData.class)}): vendors, materials, cost centres, projects
 * and employees read through each connector's {@link dev.oakit.erp.masterdata.spi.MasterFeed} since a stored
 * watermark, stored locally (a page of records in one transaction, a few batched statements), offered as
 * form options and checked in form values: form fields name the option sources {@code erp.vendor},
 * {@code erp.material}, {@code erp.cost-centre} and {@code erp.project} (see
 * {@link dev.oakit.core.form.spi.OptionSource}). Employees are linked to directory users of the same e-mail in
 * the ID map (entity type {@code employee}); users are never created. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MasterData {
    /** The ID map's entity type of an employee's link to a directory user. */
    String EMPLOYEE_LINK = "employee";

    /**
     * Reads the changes of one kind since the stored watermark less an overlap of one minute and stores them.
     * The remote is called with no transaction open; each page is stored with the watermark in one
     * transaction, so a sync stopped half-way resumes from the last stored page. For administrators and the
     * system actor.
     *
     * @throws dev.oakit.core.ValidationException {@code OA-ERP/NO_MASTER_FEED} when the target has no feed of that kind
     * @throws dev.oakit.core.IntegrationException when a read failed (retryable or not); the pages before it stay stored
     */
    SyncReport sync(Actor admin, String target, MasterKind kind);

    /**
     * Keeps a kind in sync: a durable job runs {@link #sync} now and then every {@code every} (on any node; one
     * waiting run per target and kind, so scheduling again replaces the interval). A failed sync is retried
     * with backoff, resuming from the last stored page. For administrators and the system actor.
     *
     * @param every at least one second
     * @throws dev.oakit.core.ValidationException {@code OA-ERP/NO_MASTER_FEED}, or {@code every} too short
     */
    void schedule(Actor admin, String target, MasterKind kind, java.time.Duration every);

    /**
     * Applies a change a webhook brought (verified first with {@link dev.oakit.integration.inbox.Inbox#verify}): accepted
     * once through the inbox (a duplicate or an older version than stored is skipped), stored without moving the
     * sync's watermark, so the next sync still reads everything it has not seen. For administrators and the system actor.
     *
     * @return whether the record was stored as new or changed
     * @throws dev.oakit.core.ValidationException {@code OA-ERP/NO_MASTER_FEED}, or a body that is no record of the feed
     */
    boolean receive(Actor admin, String target, MasterKind kind, dev.oakit.integration.inbox.VerifiedWebhook webhook);

    /** @return the record, active or not, when it was synced */
    Optional<MasterRecord> record(Actor actor, String target, MasterKind kind, String externalId);

    /** @return the active records of a kind as select options (value: the ERP id, label: the name), ordered by name */
    List<FieldOption> options(Actor actor, String target, MasterKind kind);

    /**
     * Checks a form value against the synced master data.
     *
     * @param field the form field's path, named in the error
     * @return the active record
     * @throws dev.oakit.core.ValidationException {@code OA-ERP/UNKNOWN_MASTER_DATA} for a value the ERP does not
     *     have, {@code OA-ERP/INACTIVE_MASTER_DATA} for one it disabled or archived; the error names the field
     */
    MasterRecord require(Actor actor, String target, MasterKind kind, String field, String value);
}

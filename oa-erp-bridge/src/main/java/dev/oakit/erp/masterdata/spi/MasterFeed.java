package dev.oakit.erp.masterdata.spi;

import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteRecord;
import org.apiguardian.api.API;

/**
 * A {@link ChangeFeed} of one kind of master data that also reads what each record means. It must return
 * disabled and archived records too (ERPNext lists them; Odoo only when the domain asks for
 * {@code active in (True, False)}), so that OAKit learns of a deactivation. Thread-safe: a sync calls
 * {@code since} and {@code values} on its own reader thread, one page ahead of the page it stores.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MasterFeed extends ChangeFeed {
    /** @return the connector's id the feed calls */
    String target();

    /** @return the kind it reads */
    MasterKind kind();

    /**
     * @param record a record this feed returned
     * @return its name, e-mail and whether it is active
     */
    MasterValues values(RemoteRecord record);

    /**
     * Reads the record a webhook of this feed's entity type carries (ERPNext sends the document as JSON).
     *
     * @param body the webhook's verified body
     * @return the record, or null when this feed takes no webhooks (the default)
     */
    default RemoteRecord fromWebhook(String body) {
        return null;
    }

    /**
     * What a master-data record means. Immutable.
     *
     * @param name what users see; never blank
     * @param email an e-mail, or null
     * @param active false when disabled or archived
     */
    record MasterValues(String name, String email, boolean active) {
    }
}

package dev.oakit.crm;

import org.apiguardian.api.API;

/**
 * An account or contact of a CRM as OAKit knows it: synced from the CRM, or created in OAKit and upserted into the
 * CRM by its {@link #key()}. Immutable.
 *
 * @param localId OAKit's id of the party (the ID map's local id)
 * @param target the CRM connector's id
 * @param kind account or contact
 * @param externalId the CRM's id, or null while a contact created in OAKit is not confirmed by the CRM yet
 * @param key OAKit's key of a contact it created (the CRM's external-id field), or null
 * @param accountId the CRM's id of a contact's account, or null
 * @param name the name (a contact's first and last name)
 * @param email the e-mail address, or null
 * @param phone the phone, or null
 * @param version the CRM's version of the record last applied; 0 for a contact not read from the CRM yet
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CrmParty(String localId, String target, Kind kind, String externalId, String key, String accountId, String name,
                       String email, String phone, long version) {
    /** Account or contact. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** A customer (company). */
        ACCOUNT,
        /** A person at a customer. */
        CONTACT
    }

    /** @return the ID map's entity type of this kind: the feed's name, {@code account} or {@code contact} */
    public static String entityType(Kind kind) {
        return kind == Kind.ACCOUNT ? dev.oakit.crm.spi.CrmConnector.ACCOUNTS : dev.oakit.crm.spi.CrmConnector.CONTACTS;
    }
}

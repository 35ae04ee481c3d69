package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.ticket.Requester;
import org.apiguardian.api.API;

import java.util.Optional;

/**
 * The CRM's accounts and contacts in OAKit: kept in step from the CRM's feeds (schedule the pulls of the
 * {@code account} and {@code contact} feeds with {@code ChangePulls}; each record the inbox accepts is applied once,
 * older versions never after newer ones), and contacts created in OAKit upserted into the CRM by OAKit's key,
 * never twice. A ticket's external requester is a CRM contact ({@link #requester}). A host service; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CrmCustomers {
    /**
     * The contact of that e-mail address at the CRM, synced or created in OAKit before; when there is none, creates it
     * in OAKit and asks for its upsert into the CRM by a new key (a remote write: sent once, looked up after an unsure
     * outcome). Calling it again for the same address returns the same contact and asks for nothing.
     *
     * @param actor the system actor of the bridge or an agent of the tenant
     * @param target the CRM connector's id
     * @param name the contact's name (first and last), required
     * @param email the e-mail address, required
     * @param accountId the CRM's id of the contact's account, or null
     * @return the contact
     * @throws dev.oakit.core.ValidationException naming the field when the name or address is missing or too long, or
     *     the target is no CRM connector
     */
    CrmParty contactFor(Actor actor, String target, String name, String email, String accountId);

    /** @return the party of that CRM id, if synced or confirmed */
    Optional<CrmParty> party(Actor actor, String target, CrmParty.Kind kind, String externalId);

    /** @return the party of OAKit's id */
    Optional<CrmParty> byLocalId(Actor actor, String localId);

    /**
     * @param contact a contact
     * @return the ticket requester it is: its name and e-mail, and as the customer reference OAKit's id of its account
     *     when the account is known, else the CRM's id of the account
     */
    Requester requester(Actor actor, CrmParty contact);
}

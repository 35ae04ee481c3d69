package dev.oakit.crm;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A customer (account, company, organisation) as the CRM holds it; the CRM owns it, OAKit keeps a copy in
 * step through the ID map. Immutable.
 *
 * @param id the CRM's id of the account (Salesforce {@code Account.Id}, Odoo {@code res.partner} id); at most 191 characters
 * @param name its name
 * @param accountNumber its number in the CRM, or null
 * @param phone its main phone, or null
 * @param website its web site, or null
 * @param version the record's version at the CRM (its last modification as epoch milliseconds)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CrmAccount(String id, String name, String accountNumber, String phone, String website, long version) {
    /** Checks the components. */
    public CrmAccount {
        Checks.text("id", id, 191);
        Checks.text("name", name, 255);
        Checks.optionalText("accountNumber", accountNumber, 40);
        Checks.optionalText("phone", phone, 40);
        Checks.optionalText("website", website, 255);
    }
}

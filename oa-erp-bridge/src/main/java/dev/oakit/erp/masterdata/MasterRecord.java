package dev.oakit.erp.masterdata;

import org.apiguardian.api.API;

/**
 * One master-data record as OAKit last read it from the ERP. Immutable.
 *
 * @param target the connector it came from
 * @param kind what it is
 * @param externalId its id in the ERP (ERPNext's {@code name}, Odoo's numeric id as text): the value forms store
 * @param name what users see
 * @param email an employee's (or vendor's) e-mail; null when the ERP has none
 * @param active false when the ERP disabled or archived it (ERPNext {@code disabled}, an employee who left;
 *     Odoo {@code active = False})
 * @param version the ERP's version of it ({@code modified} / {@code write_date} as a number)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MasterRecord(String target, MasterKind kind, String externalId, String name, String email, boolean active, long version) {
}

package dev.oakit.erp.masterdata;

import org.apiguardian.api.API;

/**
 * The kinds of master data OAKit keeps from an ERP.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MasterKind {
    /** Suppliers: ERPNext {@code Supplier}, Odoo {@code res.partner} with a supplier rank. */
    VENDOR,
    /** Materials and items: ERPNext {@code Item}, Odoo {@code product.product}. */
    MATERIAL,
    /** Cost centres: ERPNext {@code Cost Center}, Odoo {@code account.analytic.account}. */
    COST_CENTRE,
    /** Projects: ERPNext {@code Project}, Odoo {@code project.project}. */
    PROJECT,
    /** Employees, matched to directory users by e-mail: ERPNext {@code Employee}, Odoo {@code hr.employee}. */
    EMPLOYEE
}

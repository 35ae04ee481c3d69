/**
 * The reference CRM connector for Odoo (17 and later): companies and contacts ({@code res.partner}), service requests
 * as tasks of a support project ({@code project.task}) and their chatter, over the Odoo JSON-RPC client the ERP
 * bridge uses too ({@link dev.oakit.integration.spi.OdooRpc}).
 */
package dev.oakit.crm.odoo;

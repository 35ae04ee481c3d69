/**
 * The CRM bridge for hosts: the plugin, and the CRM's records as OAKit sees them (accounts, contacts,
 * cases, approval requests and the decisions written back), whatever CRM a connector speaks to.
 */
package dev.oakit.crm;

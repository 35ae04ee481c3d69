/**
 * The ERP bridge for hosts: the plugin, the purchase requisition process it ships, and the purchase
 * order each approved requisition becomes, exactly once.
 */
package dev.oakit.erp;

/** Spare-part stock lookups: how many of an item a warehouse holds, asked of the ERP with a timeout. */
package dev.oakit.erp.stock;

/** The implementation of the ERP bridge: the requisition table, the service node, the write-back job, the compensation listener; no compatibility promise. */
package dev.oakit.erp.internal;

/** Master data read from an ERP (vendors, materials, cost centres, projects, employees), kept in sync and offered as form options. */
package dev.oakit.erp.masterdata;

/** The master-data sync, its table and its checks; no compatibility promise. */
package dev.oakit.erp.masterdata.internal;

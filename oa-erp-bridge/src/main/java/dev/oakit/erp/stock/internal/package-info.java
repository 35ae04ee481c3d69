/** The stock lookup service; no compatibility promise. */
package dev.oakit.erp.stock.internal;

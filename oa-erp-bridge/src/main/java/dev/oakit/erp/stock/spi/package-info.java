/** How a connector reads an item's stock in a warehouse. */
package dev.oakit.erp.stock.spi;

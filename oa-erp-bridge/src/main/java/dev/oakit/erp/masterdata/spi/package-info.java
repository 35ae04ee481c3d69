/** How a connector reads one kind of master data: a change feed that also says what each record means. */
package dev.oakit.erp.masterdata.spi;

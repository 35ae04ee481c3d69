/**
 * Extension points of forms: {@link dev.oakit.core.form.spi.OptionSource} offers the options of select
 * fields from data a plugin keeps (for instance master data synced from an ERP).
 *
 * @since 0.1
 */
package dev.oakit.core.form.spi;

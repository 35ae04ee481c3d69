/**
 * Forms that need the installed plugins: {@code FormOptionsService} reads the options of fields from their
 * {@link dev.oakit.core.form.spi.OptionSource} and checks submitted values against it.
 */
package dev.oakit.core.internal.form;

/**
 * A fake Odoo server for tests: {@link dev.oakit.fakes.odoo.FakeOdoo}. The package-private classes are its
 * models ({@code OdooSchema}), ORM ({@code OdooOrm}, {@code OdooDomain}), method signatures ({@code OdooMethods})
 * and Odoo's exceptions ({@code OdooError}).
 */
package dev.oakit.fakes.odoo;

/**
 * A fake ERPNext (Frappe REST) server for tests: {@link dev.oakit.fakes.erpnext.FakeErpNext}. The package-private
 * classes are its DocTypes ({@code DocTypes}), document life cycle ({@code FrappeStore}), list queries
 * ({@code FrappeQuery}), HTTP routes ({@code ErpNextApi}) and Frappe's exceptions ({@code FrappeError}).
 */
package dev.oakit.fakes.erpnext;

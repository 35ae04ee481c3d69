/** The reference connector for ERPNext / Frappe: REST v1 with token auth, a unique custom field as OAKit's key. */
package dev.oakit.erp.erpnext;

/** Reconciliation: the ID map and OAKit's remote writes compared with what the remote holds, as a report with a CSV form. */
package dev.oakit.integration.reconcile;

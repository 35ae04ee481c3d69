/**
 * Reconciliation: the comparison (a pure function), the CSV form, the repository of
 * {@code oa_int_recon_report}, the service and the job that reads the remote with no transaction open.
 */
package dev.oakit.integration.internal.reconcile;

/**
 * The command chain every state change goes through: one transaction, the audit record, outbox
 * events and jobs, and idempotency by request id ({@code CommandRunner}, {@code RequestRepository}).
 */
package dev.oakit.core.internal.command;

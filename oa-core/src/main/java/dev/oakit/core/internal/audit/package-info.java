/**
 * The append-only audit log: {@code AuditLogService} owns its tables, {@code AuditSealer} chains new
 * entries in order (HMAC with {@code AuditKeys}, else SHA-256) and {@code ChainCheck} verifies the
 * chain, so that a changed or removed entry is detectable.
 */
package dev.oakit.core.internal.audit;

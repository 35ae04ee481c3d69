/**
 * Remote writes: the state machine (a pure function), the repository of {@code oa_int_write}, the
 * service hosts call and the job that claims, calls and records, each step in its own short
 * transaction and fenced.
 */
package dev.oakit.integration.internal.write;

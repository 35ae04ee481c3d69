/**
 * Incremental pulls: the repository of {@code oa_int_pull}, the service hosts call and the job that
 * claims a page, reads it with no transaction open, accepts it through the inbox and moves the watermark.
 */
package dev.oakit.integration.internal.pull;

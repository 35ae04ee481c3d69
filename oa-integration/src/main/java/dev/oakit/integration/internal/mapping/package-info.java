/**
 * Registered mappings, their check against the remote's metadata and the quarantine state
 * ({@code oa_int_mapping_state}).
 */
package dev.oakit.integration.internal.mapping;

/**
 * The database underneath: the pools and Jdbi ({@code Database}), what differs per vendor
 * ({@code Dialect}), transactions that join the host's and retry on lock conflicts
 * ({@code Transactions}), UTC timestamps and deletes in bounded batches.
 */
package dev.oakit.core.internal.db;

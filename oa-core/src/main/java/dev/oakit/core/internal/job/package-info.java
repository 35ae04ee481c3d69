/**
 * Durable jobs: {@code JobRepository} holds every statement on the job table (insert, fair claims with
 * leases and fencing, retries, cancellation by key or key prefix, replay, purge), {@code JobWorker}
 * runs them on every node, {@code RetryPolicies} says when a failed one runs again, and
 * {@code JobsService} is the {@code Jobs} API.
 */
package dev.oakit.core.internal.job;

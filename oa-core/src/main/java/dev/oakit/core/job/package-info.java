/** Durable, table-backed jobs with leases, fencing, retries and a dead-job list. */
package dev.oakit.core.job;

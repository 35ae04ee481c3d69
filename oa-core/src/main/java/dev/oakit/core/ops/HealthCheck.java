package dev.oakit.core.ops;

import org.apiguardian.api.API;

/**
 * OAKit's health for a host's readiness probe: {@code oa.service(HealthCheck.class).check()}.
 * Works without Micrometer. Checks that the database answers, that every module's Flyway
 * migrations are applied (none pending), that this node's job workers run, and how many jobs are
 * dead: more than zero is {@link HealthStatus#WARN}, more than the threshold
 * ({@code jobs.deadJobsDownThreshold} in the core config, default 100) is {@link HealthStatus#DOWN}.
 * Thread-safe; each call queries the database (a few statements), so call it from a probe, not
 * per request.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface HealthCheck {

    /** @return the current health; never null, never throws for a database failure (that is DOWN) */
    Health check();
}

package dev.oakit.integration;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.Map;

/**
 * Per-target statistics of remote writes from the database ({@code oa.service(IntegrationMetrics.class)}):
 * what the Micrometer meters show per node, here for all nodes together and without Micrometer.
 * For administrators. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface IntegrationMetrics {
    /** @return every target with writes in the actor's tenant, by target id */
    Map<String, TargetStats> targets(Actor admin);

    /** @return one target's statistics; all zero when it has no writes */
    TargetStats target(Actor admin, String target);
}

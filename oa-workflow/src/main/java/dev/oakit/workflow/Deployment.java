package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A deployed version of a process definition.
 *
 * @param id definition id
 * @param key process key
 * @param version version, from 1
 * @param name display name
 * @param deployedAt when this version was deployed
 * @param created false when the deployed content equalled the latest version (no new version)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Deployment(long id, String key, int version, String name, Instant deployedAt, boolean created) {
}

package dev.oakit.integration;

import org.apiguardian.api.API;

/**
 * Configuration of the integration plugin, from the {@code integration} namespace. Every component
 * may be null for its default.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record IntegrationConfig() {
}

package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Configuration of the approvals plugin, from the {@code workflow} namespace of the host's
 * configuration. Every component may be null for its default.
 *
 * @param urgeInterval least time between two urges (催办) of one instance (default 10 minutes)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WorkflowConfig(Duration urgeInterval) {
    /** Fills defaults and checks values. */
    public WorkflowConfig {
        urgeInterval = urgeInterval == null ? Duration.ofMinutes(10) : urgeInterval;
        if (urgeInterval.isNegative()) {
            throw new IllegalArgumentException("workflow.urgeInterval must not be negative, was " + urgeInterval);
        }
    }
}

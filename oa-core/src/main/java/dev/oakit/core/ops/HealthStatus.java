package dev.oakit.core.ops;

import org.apiguardian.api.API;

/**
 * The verdict of a health check, worst last.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum HealthStatus {
    /** Everything checked is fine. */
    UP,
    /** OAKit works but needs attention (some dead jobs, workers disabled on this node). */
    WARN,
    /** OAKit cannot do its work (database unreachable, migrations pending, too many dead jobs). */
    DOWN;

    /** @return the worse of this and {@code other} */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

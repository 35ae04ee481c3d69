package dev.oakit.core.ops;

import org.apiguardian.api.API;

import java.util.Map;

/**
 * The result of {@link HealthCheck#check()}: an overall status, and per check its own status and a
 * detail (a number or a message). Immutable.
 *
 * @param status  the worst status of all checks; never null
 * @param checks  each check by name ({@code database}, {@code migrations}, {@code workers},
 *                {@code deadJobs}), in that order; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Health(HealthStatus status, Map<String, Check> checks) {

    public Health {
        java.util.Objects.requireNonNull(status, "status");
        checks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
    }

    /**
     * One check.
     *
     * @param status its verdict; never null
     * @param detail what it found: a count or a message; never null
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Check(HealthStatus status, String detail) {
        public Check {
            java.util.Objects.requireNonNull(status, "status");
            java.util.Objects.requireNonNull(detail, "detail");
        }
    }
}

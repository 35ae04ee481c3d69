package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * A directed route between two nodes, with an optional condition (for exclusive and inclusive
 * splits) in the sandboxed expression language over {@code form}, {@code initiator} and
 * {@code instance} (see docs/conditions.md).
 *
 * @param from source node id
 * @param to target node id
 * @param condition expression such as {@code form.days > 3}, or null
 * @param isDefault true for the route an exclusive/inclusive split takes when no condition holds
 * @param name display name, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(String from, String to, String condition, Boolean isDefault, String name) {
    /** Fills defaults. */
    public Route {
        isDefault = isDefault != null && isDefault;
    }

    /** @return an unconditional route */
    public static Route of(String from, String to) {
        return new Route(from, to, null, false, null);
    }

    /** @return a conditional route */
    public static Route when(String from, String to, String condition) {
        return new Route(from, to, condition, false, null);
    }

    /** @return a default route */
    public static Route otherwise(String from, String to) {
        return new Route(from, to, null, true, null);
    }
}

package dev.oakit.core.spi;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * What a command is, for the audit log and for idempotency: who, which action, on what, and an
 * optional request id (repeating a request id returns the first result and changes nothing).
 *
 * @param actor who issues the command; never null
 * @param action stable action name, e.g. {@code core.user.create}
 * @param targetType kind of object acted on, e.g. {@code user}; may be set later through the context
 * @param targetId id of the object acted on; may be set later through the context
 * @param requestId idempotency key from outside, at most 128 characters, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CommandSpec(Actor actor, String action, String targetType, String targetId, String requestId) {
    /** Validates the components. */
    public CommandSpec {
        Checks.notNull("actor", actor);
        Checks.text("action", action, 100);
        Checks.optionalText("targetType", targetType, 64);
        Checks.optionalText("targetId", targetId, 128);
        if (requestId != null) {
            Checks.text("requestId", requestId, 128);
        }
    }

    /** @return a spec with no target and no request id */
    public static CommandSpec of(Actor actor, String action) {
        return new CommandSpec(actor, action, null, null, null);
    }

    /** @return a copy with the target set */
    public CommandSpec withTarget(String type, String id) {
        return new CommandSpec(actor, action, type, id, requestId);
    }

    /** @return a copy with the request id set (null for none) */
    public CommandSpec withRequestId(String id) {
        return new CommandSpec(actor, action, targetType, targetId, id);
    }
}

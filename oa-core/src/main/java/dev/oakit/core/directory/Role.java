package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * A role (角色) users hold, such as {@code finance} or {@code hr}, used to resolve approvers and
 * assignees. Immutable and thread-safe.
 *
 * @param code stable code; non-blank, at most 64 characters
 * @param name display name; non-blank, at most 200 characters
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Role(String code, String name) {
    /** Validates the components. */
    public Role {
        Problems p = new Problems("role '" + code + "'");
        p.id("code", code);
        p.text("name", name, 200);
        p.throwIfAny();
    }

    /** @return a role */
    public static Role of(String code, String name) {
        return new Role(code, name);
    }
}

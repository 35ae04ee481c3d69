package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * A position (职位), such as 总经理 (general manager) or 经理 (manager), held in a
 * {@link Membership}. Immutable and thread-safe.
 *
 * @param code stable code; non-blank, at most 64 characters
 * @param name display name; non-blank, at most 200 characters
 * @param rank seniority; a higher rank is more senior; 0 or more
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Position(String code, String name, int rank) {
    /** Validates the components. */
    public Position {
        Problems p = new Problems("position '" + code + "'");
        p.id("code", code);
        p.text("name", name, 200);
        if (rank < 0) {
            p.add("rank", "must be 0 or more (was " + rank + ")");
        }
        p.throwIfAny();
    }

    /** @return a position */
    public static Position of(String code, String name, int rank) {
        return new Position(code, name, rank);
    }
}

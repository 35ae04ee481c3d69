package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * A user's membership in a department, with an optional position. A user may belong to several
 * departments; exactly one of them is primary (主部门) as soon as the user has any. Immutable
 * and thread-safe.
 *
 * @param userId the member; non-blank, at most 64 characters
 * @param departmentId the department; non-blank, at most 64 characters
 * @param positionCode the {@link Position} held there, or null
 * @param primary true for the user's primary department, which the manager rule follows
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Membership(String userId, String departmentId, String positionCode, boolean primary) {
    /** Validates the components. */
    public Membership {
        Problems p = new Problems("membership of user '" + userId + "' in department '" + departmentId + "'");
        p.id("userId", userId);
        p.id("departmentId", departmentId);
        positionCode = p.optionalId("positionCode", positionCode);
        p.throwIfAny();
    }

    /** @return a primary membership without position */
    public static Membership primary(String userId, String departmentId) {
        return new Membership(userId, departmentId, null, true);
    }

    /** @return a secondary membership without position */
    public static Membership secondary(String userId, String departmentId) {
        return new Membership(userId, departmentId, null, false);
    }

    /** @return a copy with a position (null for none) */
    public Membership withPosition(String code) {
        return new Membership(userId, departmentId, code, primary);
    }
}

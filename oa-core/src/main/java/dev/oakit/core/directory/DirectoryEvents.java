package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * Types of the domain events the directory publishes through the outbox, after commit, each with
 * aggregate type {@code user}, {@code department}, {@code role} or {@code position} and a JSON
 * payload holding the ids involved. An event is published only when something changed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DirectoryEvents {
    /** A user was created (also by import); payload {@code userId}. */
    public static final String USER_CREATED = "core.user.created";
    /** A user's fields, memberships or roles changed by import or update; payload {@code userId}. */
    public static final String USER_UPDATED = "core.user.updated";
    /**
     * A user was deactivated; payload {@code userId} and {@code source}: {@code directory}
     * ({@link Directory#deactivateUser}) or {@code import} (an import row with {@code active: false}).
     * The workflow hands over the tasks the user holds, the ticket plugin returns their tickets to their queues.
     */
    public static final String USER_DEACTIVATED = "core.user.deactivated";
    /** A user was reactivated; payload {@code userId} and {@code source}, as for {@link #USER_DEACTIVATED}. */
    public static final String USER_REACTIVATED = "core.user.reactivated";
    /** A department was created; payload {@code departmentId}, {@code parentId}. */
    public static final String DEPARTMENT_CREATED = "core.department.created";
    /** A department's name, head or order changed; payload {@code departmentId}. */
    public static final String DEPARTMENT_UPDATED = "core.department.updated";
    /** A department moved to another parent; payload {@code departmentId}, {@code fromParentId}, {@code toParentId}. */
    public static final String DEPARTMENT_MOVED = "core.department.moved";
    /** A role was created or renamed; payload {@code roleCode}. */
    public static final String ROLE_SAVED = "core.role.saved";
    /** A user was given a role; payload {@code userId}, {@code roleCode}. */
    public static final String ROLE_ASSIGNED = "core.role.assigned";
    /** A user lost a role; payload {@code userId}, {@code roleCode}. */
    public static final String ROLE_REVOKED = "core.role.revoked";
    /** A position was created or changed; payload {@code positionCode}. */
    public static final String POSITION_SAVED = "core.position.saved";
    /** A membership was added or changed; payload {@code userId}, {@code departmentId}. */
    public static final String MEMBERSHIP_SAVED = "core.membership.saved";
    /** A membership was removed; payload {@code userId}, {@code departmentId}. */
    public static final String MEMBERSHIP_REMOVED = "core.membership.removed";

    private DirectoryEvents() {
    }

    /**
     * Says, for a history entry, what a {@link #USER_DEACTIVATED} event did: "'erin' was deactivated in the
     * directory" or "'erin' was deactivated by a directory import".
     *
     * @param event a {@link #USER_DEACTIVATED} event; never null
     * @return the sentence; never null
     * @since 0.1
     */
    public static String deactivation(dev.oakit.core.event.DomainEvent event) {
        boolean byImport = "import".equals(event.payload().path("source").asText());
        return "'" + event.payload().path("userId").asText() + "' was deactivated"
                + (byImport ? " by a directory import" : " in the directory");
    }
}

package dev.oakit.core.directory;

import org.apiguardian.api.API;

/**
 * A department (部门), a node of the tenant's organisation tree. Immutable and thread-safe; the
 * compact constructor validates every component and reports all problems at once.
 *
 * @param id the department's id; non-blank, at most 64 characters
 * @param parentId the parent department, or null for a root; never the department itself
 * @param name display name; non-blank, at most 200 characters
 * @param headUserId the department head (部门负责人), or null when the department has none
 * @param sortOrder order among siblings, ascending (ties by id)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Department(String id, String parentId, String name, String headUserId, int sortOrder) {
    /** Validates and normalises the components; see the record description. */
    public Department {
        Problems p = new Problems("department '" + id + "'");
        p.id("id", id);
        parentId = p.optionalId("parentId", parentId);
        if (parentId != null && parentId.equals(id)) {
            p.add("parentId", "a department cannot be its own parent");
        }
        p.text("name", name, 200);
        headUserId = p.optionalId("headUserId", headUserId);
        p.throwIfAny();
    }

    /** @return a root department without head, sort order 0 */
    public static Department root(String id, String name) {
        return new Department(id, null, name, null, 0);
    }

    /** @return a department under {@code parentId} without head, sort order 0 */
    public static Department of(String id, String parentId, String name) {
        return new Department(id, parentId, name, null, 0);
    }

    /** @return a copy with another head (null for none) */
    public Department withHead(String userId) {
        return new Department(id, parentId, name, userId, sortOrder);
    }

    /** @return a copy with another name */
    public Department withName(String newName) {
        return new Department(id, parentId, newName, headUserId, sortOrder);
    }

    /** @return a copy with another sort order */
    public Department withSortOrder(int newOrder) {
        return new Department(id, parentId, name, headUserId, newOrder);
    }

    /** @return a copy under another parent (null for a root) */
    public Department withParentId(String newParentId) {
        return new Department(id, newParentId, name, headUserId, sortOrder);
    }
}

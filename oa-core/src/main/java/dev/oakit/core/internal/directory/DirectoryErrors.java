package dev.oakit.core.internal.directory;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;

/** The directory's not-found errors, worded once: each names the id, the tenant and the fix. */
final class DirectoryErrors {
    private DirectoryErrors() {
    }

    static NotFoundException userNotFound(String tenantId, String userId) {
        return new NotFoundException(CoreErrors.USER_NOT_FOUND, "user '" + userId + "' does not exist in tenant '" + tenantId
                + "'; check the id or create the user first");
    }

    static NotFoundException departmentNotFound(String tenantId, String departmentId) {
        return new NotFoundException(CoreErrors.DEPARTMENT_NOT_FOUND, "department '" + departmentId
                + "' does not exist in tenant '" + tenantId + "'; check the id or create the department first");
    }

    static NotFoundException roleNotFound(String tenantId, String roleCode) {
        return new NotFoundException(CoreErrors.ROLE_NOT_FOUND, "role '" + roleCode + "' does not exist in tenant '" + tenantId
                + "'; create it with saveRole first");
    }
}

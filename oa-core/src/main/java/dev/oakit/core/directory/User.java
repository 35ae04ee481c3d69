package dev.oakit.core.directory;

import org.apiguardian.api.API;

import java.util.Map;

/**
 * A person of a tenant's organisation. Immutable and thread-safe; the compact constructor
 * validates every component and reports all problems at once in a
 * {@link dev.oakit.core.ValidationException}.
 *
 * <p>A user is never deleted, only deactivated: an inactive user keeps their memberships, roles,
 * external ids and history, but is skipped by the manager rule and left out of assignment
 * queries that ask for active users only.
 *
 * @param id the user's id, chosen by the host (usually its own user key); non-blank, at most 64 characters
 * @param name display name; non-blank, at most 200 characters
 * @param email e-mail address or null; blank becomes null; at most 254 characters and must contain {@code @}
 * @param mobile mobile phone number or null; blank becomes null; at most 32 characters
 * @param managerId explicit direct manager (直属上级) overriding the department rule, or null; not the user itself
 * @param active false once deactivated
 * @param attributes custom attributes such as {@code level} or {@code costCenter}; never null (null becomes empty),
 *                   at most 50 entries, keys at most 64 and values at most 1,000 characters; sorted by key, immutable
 * @param externalIds ids of the same person in other systems by system name ({@code sso}, {@code erp}); never null,
 *                    at most 20 entries, keys at most 64 and values at most 200 characters; sorted, immutable
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record User(String id, String name, String email, String mobile, String managerId, boolean active,
                   Map<String, String> attributes, Map<String, String> externalIds) {
    /** Maximum length of a user's name. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Validates and normalises the components; see the record description. */
    public User {
        Problems p = new Problems("user '" + id + "'");
        p.id("id", id);
        p.text("name", name, MAX_NAME_LENGTH);
        email = p.optional("email", email, 254);
        if (email != null && !email.contains("@")) {
            p.add("email", "must be an e-mail address containing '@' (was '" + email + "')");
        }
        mobile = p.optional("mobile", mobile, 32);
        managerId = p.optionalId("managerId", managerId);
        if (managerId != null && managerId.equals(id)) {
            p.add("managerId", "a user cannot be their own manager; leave it empty to use the department head");
        }
        attributes = p.map("attributes", attributes, 64, 1000, 50);
        externalIds = p.map("externalIds", externalIds, 64, 200, 20);
        p.throwIfAny();
    }

    /** @return an active user with just an id and a name */
    public static User of(String id, String name) {
        return new User(id, name, null, null, null, true, Map.of(), Map.of());
    }

    /** @return a copy with another name */
    public User withName(String newName) {
        return new User(id, newName, email, mobile, managerId, active, attributes, externalIds);
    }

    /** @return a copy with another e-mail address (null for none) */
    public User withEmail(String newEmail) {
        return new User(id, name, newEmail, mobile, managerId, active, attributes, externalIds);
    }

    /** @return a copy with another mobile number (null for none) */
    public User withMobile(String newMobile) {
        return new User(id, name, email, newMobile, managerId, active, attributes, externalIds);
    }

    /** @return a copy with another explicit manager (null to follow the department rule) */
    public User withManagerId(String newManagerId) {
        return new User(id, name, email, mobile, newManagerId, active, attributes, externalIds);
    }

    /** @return a copy with other custom attributes */
    public User withAttributes(Map<String, String> newAttributes) {
        return new User(id, name, email, mobile, managerId, active, newAttributes, externalIds);
    }

    /** @return a copy with other external ids */
    public User withExternalIds(Map<String, String> newExternalIds) {
        return new User(id, name, email, mobile, managerId, active, attributes, newExternalIds);
    }

    /** @return a copy with the active flag set; only {@link Directory#deactivateUser} and import change it in storage */
    public User withActive(boolean newActive) {
        return new User(id, name, email, mobile, managerId, newActive, attributes, externalIds);
    }
}

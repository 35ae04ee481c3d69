package dev.oakit.core.directory;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * A tenant (租户): an organisation whose users, approvals and tickets are apart from every other's. Every command
 * names one through its {@link dev.oakit.core.Actor}; OAKit refuses a command of a tenant that was never created or
 * is deactivated. Immutable and thread-safe.
 *
 * @param id the tenant id every row and actor carries; non-blank, at most 64 characters
 * @param name display name; non-blank, at most 200 characters
 * @param active false once deactivated: its commands are refused, its data stays
 * @param createdAt when it was created; null in a request to create it
 * @param deactivatedAt when it was deactivated, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Tenant(String id, String name, boolean active, Instant createdAt, Instant deactivatedAt) {
    /** Validates the components. */
    public Tenant {
        Problems p = new Problems("tenant '" + id + "'");
        p.id("id", id);
        p.text("name", name, 200);
        p.throwIfAny();
    }

    /** @return an active tenant to create */
    public static Tenant of(String id, String name) {
        return new Tenant(id, name, true, null, null);
    }
}

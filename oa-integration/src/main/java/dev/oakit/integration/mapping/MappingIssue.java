package dev.oakit.integration.mapping;

import org.apiguardian.api.API;

/**
 * One way a mapping no longer fits the remote.
 *
 * @param entity the remote entity
 * @param field the remote field
 * @param rule where the mapping uses it, e.g. {@code fields[7].fields[2]}
 * @param change what changed
 * @param detail what the mapping sends and what the remote has now
 * @param fix what to do
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MappingIssue(String entity, String field, String rule, Change change, String detail, String fix) {
    /** What changed on the remote. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Change {
        /** The remote entity is gone (or was renamed). */
        ENTITY_GONE,
        /** The field is gone from the entity (removed or renamed). */
        FIELD_GONE,
        /** The field takes another type than the mapping sends. */
        TYPE_CHANGED
    }

    @Override
    public String toString() {
        return change + " " + entity + "." + field + " (" + rule + "): " + detail + "; " + fix;
    }
}

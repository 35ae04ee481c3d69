package dev.oakit.integration;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * The ID map (统一数据标准): which OAKit record is which record of another system. One OAKit record
 * may be an ERP vendor and a CRM account at once, but within one system and entity type the map is
 * one-to-one both ways: an external id belongs to at most one OAKit id, and an OAKit id has at most
 * one external id. Every change is a command (audited) and a line of {@link #history}.
 *
 * <p>Changes are for administrators (bridges act as {@link Actor#system}); reads are open to every
 * user of the tenant. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface IdMap {
    /**
     * Links a record of another system to an OAKit id. Linking the same pair again changes nothing.
     *
     * @throws dev.oakit.core.ConflictException when the external record is linked to another OAKit id,
     *     or the OAKit id already has another record of that system and entity type; the message names
     *     both and the fix ({@link #split}, {@link #unlink} or {@link #merge})
     */
    IdLink link(Actor actor, ExternalRef ref, String localId);

    /** Removes the link of an external record; nothing happens when there is none. @return whether a link was removed */
    boolean unlink(Actor actor, ExternalRef ref);

    /** @return the OAKit id of an external record, if linked */
    Optional<String> localId(Actor actor, ExternalRef ref);

    /** @return the record of {@code system} that the OAKit id of {@code entityType} is linked to, if any */
    Optional<IdLink> external(Actor actor, String system, String entityType, String localId);

    /** @return every system's record linked to the OAKit id, ordered by system */
    List<IdLink> links(Actor actor, String entityType, String localId);

    /**
     * Merges two OAKit records that turned out to be one: every link of {@code mergedLocalId} moves to
     * {@code survivorLocalId}; where the survivor already has a record of that system, the merged
     * record's link is removed instead (history line {@code MERGE_DROP}, so it can be traced and undone).
     *
     * @return the survivor's links after the merge
     */
    List<IdLink> merge(Actor actor, String entityType, String survivorLocalId, String mergedLocalId);

    /**
     * Splits an OAKit record: the link of {@code ref} moves from its current OAKit id to
     * {@code newLocalId}, which must have no record of that system yet.
     *
     * @throws dev.oakit.core.NotFoundException when {@code ref} is not linked
     */
    IdLink split(Actor actor, ExternalRef ref, String newLocalId);

    /** @return the history of the links that an OAKit id had or has, oldest first */
    List<IdMapChange> history(Actor actor, String entityType, String localId);
}

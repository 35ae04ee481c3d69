package dev.oakit.integration;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One line of the ID map's history.
 *
 * @param action what happened
 * @param ref the other system's record concerned
 * @param fromLocal the OAKit id the record was linked to before; null for {@link Action#LINK}
 * @param toLocal the OAKit id it is linked to after; null when the link was removed
 * @param actorId who did it
 * @param at when
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IdMapChange(Action action, ExternalRef ref, String fromLocal, String toLocal, String actorId, Instant at) {
    /** What happened to a link. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Action {
        /** The link was made. */
        LINK,
        /** The link was removed. */
        UNLINK,
        /** A merge moved the link from the merged record to the survivor. */
        MERGE,
        /** A merge removed the link: the survivor already had a record in that system. */
        MERGE_DROP,
        /** A split moved the link to a new OAKit record. */
        SPLIT
    }
}

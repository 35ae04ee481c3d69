package dev.oakit.integration;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * Remote writes that never duplicate: a write is stored with its key before any call, then a job
 * worker creates it (PENDING → SENT → CONFIRMED), outside any database transaction. An ambiguous
 * outcome (timeout after the remote may have committed, connection reset, 5xx) makes it UNKNOWN, and
 * the next attempt looks the key up before anything is created again. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RemoteWrites {
    /**
     * Stores a write and schedules its delivery, in one command; inside another command it commits
     * with it. Requesting the same target, operation and key again returns the first write unchanged.
     *
     * @param actor an administrator or the system actor (bridges)
     * @throws dev.oakit.core.ValidationException when no installed connector has that target and operation
     */
    RemoteWrite request(Actor actor, NewRemoteWrite write);

    /** @return the write, if it exists in the actor's tenant */
    Optional<RemoteWrite> get(Actor actor, long id);

    /** @return the write of a target, operation and key, if requested */
    Optional<RemoteWrite> byKey(Actor actor, String target, String operation, String key);

    /**
     * @param target a connector's id, or null for every target
     * @return the dead letters ({@link WriteStatus#FAILED}), oldest first; for administrators
     */
    List<RemoteWrite> deadLetters(Actor admin, String target, int limit);

    /**
     * Replays dead letters: each becomes {@link WriteStatus#UNKNOWN} with fresh attempts and is looked
     * up by its key before it is created, so a replay never duplicates. For administrators; one audit
     * entry per write.
     *
     * @return the writes replayed (ids that are not dead letters are skipped)
     */
    List<RemoteWrite> replay(Actor admin, List<Long> ids);
}

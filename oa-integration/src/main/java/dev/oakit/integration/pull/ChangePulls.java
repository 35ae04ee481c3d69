package dev.oakit.integration.pull;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.Optional;

/**
 * Incremental pulls of remote entity types ({@code oa.service(ChangePulls.class)}): a durable job per
 * target and entity type reads the changes since the stored watermark less the overlap, page by page,
 * accepts each record through the {@link dev.oakit.integration.inbox.Inbox} (so a webhook and a pull of
 * one change apply once, and never an older version after a newer), then moves the watermark to the
 * highest version recorded. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ChangePulls {
    /**
     * Sets up (or changes) the pull of an entity type and runs it now; it then runs every
     * {@link PullSpec#every()}. The watermark is kept. For administrators and the system actor.
     *
     * @throws dev.oakit.core.ValidationException {@code OA-INT/NO_SUCH_OPERATION} when no connector has that feed
     */
    PullState schedule(Actor admin, PullSpec spec);

    /**
     * Runs the pull now (setting it up with the defaults when it is new); a run already waiting is moved to now.
     */
    PullState pullNow(Actor admin, String target, String entityType);

    /** @return the pull's state, when it was set up */
    Optional<PullState> state(Actor actor, String target, String entityType);
}

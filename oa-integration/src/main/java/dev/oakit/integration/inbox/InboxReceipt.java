package dev.oakit.integration.inbox;

import org.apiguardian.api.API;

/**
 * What the inbox did with an inbound event.
 *
 * @param outcome accepted, or why not; never null
 * @param storedVersion the entity's version the inbox holds after this call; null when no version was ever given
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InboxReceipt(Outcome outcome, Long storedVersion) {
    /** What happened to one inbound event. */
    public enum Outcome {
        /** New: recorded, the entity's version raised, the event {@code integration.inbox.accepted} published. */
        ACCEPTED,
        /** Seen before (same delivery id, or same entity and version): nothing changed. */
        DUPLICATE,
        /** Older than the version already stored for the entity: recorded as seen, not applied. */
        STALE,
        /** OAKit's own write coming back (the first version of a document OAKit created): recorded as seen, not applied. */
        ECHO
    }

    /** @return whether the event is new and should be applied */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}

package dev.oakit.integration.spi;

import org.apiguardian.api.API;

/**
 * Applies a whole page of a change pull in one transaction, instead of one inbox event per record: the inbox
 * versions of the page, what the consumer writes, the ID-map links it asks for, the pull's watermark and one
 * audit entry commit together, or none of them does. Contribute one with
 * {@code context.extension(PageConsumer.class, consumer)}; a pulled entity type no consumer takes is accepted
 * record by record and published as {@code integration.inbox.accepted}, as before. Records a consumer applies
 * are not published as events. Thread-safe: pulls of several targets call it at once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PageConsumer {
    /**
     * @param target a connector's id
     * @param entityType one of its change feeds
     * @return whether this consumer applies the pages of that feed; the first consumer that says so does
     */
    boolean consumes(String target, String entityType);

    /**
     * Applies the records of a page that the inbox accepted (newer than what it stored, not an echo of
     * OAKit's own write), in the page's transaction: write with {@link PulledPage#handle()} and ask for ID-map
     * links with {@link PulledPage#link}. Make no remote call here. An exception rolls the whole page back
     * (the pull tries it again); a duplicate key on a {@link PulledPage#firstSync() first sync} runs the page
     * again as an ordinary one. To refuse a record, throw a {@link dev.oakit.core.ValidationException} with a
     * problem per field while handling it: the pull's last error then names that record (the one last taken from
     * {@link PulledPage#records()} or linked), its place in the page, each field's problem, and the fix.
     */
    void apply(PulledPage page);
}

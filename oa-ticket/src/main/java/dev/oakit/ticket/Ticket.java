package dev.oakit.ticket;

import dev.oakit.core.form.AttachmentRef;
import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket (工单) as a reader sees it. Immutable.
 *
 * @param id OAKit's id
 * @param number the human-readable number, e.g. {@code TK-2026-000123}, unique in the tenant
 * @param type the ticket type's key
 * @param title the title
 * @param description the description, or null
 * @param category the category key (also the fault cause in statistics), or null
 * @param priority the priority
 * @param channel where it came from ({@code web}, {@code email}, {@code phone}, {@code api}, {@code im}, {@code crm}, ...)
 * @param requester who asked
 * @param queue the queue (team) key
 * @param assignee the assigned agent, or null
 * @param state the lifecycle state's name
 * @param stateKind what the state means
 * @param overdue true while the ticket was not started in time (超时未处理)
 * @param parentId the parent ticket's id, or null
 * @param mergedInto the surviving ticket's id once merged, or null
 * @param slaPolicy the SLA policy's name, or null
 * @param dueAt a manually set due time, or null
 * @param fields custom field values of the type's form
 * @param tags tags, sorted
 * @param attachments attachment references given at creation
 * @param resolutions how often the ticket was resolved (ratings are per resolution)
 * @param createdBy who created it (may differ from the requester)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param resolvedAt when it was last resolved, or null
 * @param closedAt when it was closed, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Ticket(long id, String number, String type, String title, String description, String category, Priority priority,
                     String channel, Requester requester, String queue, String assignee, String state, StateKind stateKind,
                     boolean overdue, Long parentId, Long mergedInto, String slaPolicy, Instant dueAt, Map<String, Object> fields,
                     List<String> tags, List<AttachmentRef> attachments, int resolutions, String createdBy, Instant createdAt,
                     Instant updatedAt, Instant resolvedAt, Instant closedAt) {
}

package dev.oakit.ticket;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field changes to a ticket; a null component leaves the field as it is. Start from
 * {@link #none()} and add with the {@code with...} methods.
 *
 * @param title new title or null
 * @param description new description or null
 * @param category new category key or null
 * @param priority new priority or null
 * @param fields custom field values to merge into the current ones, or null
 * @param tags the new tag list, or null
 * @param slaPolicy the new SLA policy name, or null
 * @param dueAt a manual due time (not moved by SLA pauses), or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketChanges(String title, String description, String category, Priority priority, Map<String, Object> fields,
                            List<String> tags, String slaPolicy, Instant dueAt) {
    /** Validates sizes and copies the collections. */
    public TicketChanges {
        if (title != null) {
            Checks.text("title", title, 200);
        }
        Checks.optionalText("description", description, 20_000);
        Checks.optionalText("category", category, 64);
        Checks.optionalText("slaPolicy", slaPolicy, 64);
        fields = fields == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        tags = tags == null ? null : List.copyOf(Checks.elements("tags", tags));
    }

    /** @return no changes */
    public static TicketChanges none() {
        return new TicketChanges(null, null, null, null, null, null, null, null);
    }

    /** @return a copy with the title */
    public TicketChanges withTitle(String v) {
        return new TicketChanges(v, description, category, priority, fields, tags, slaPolicy, dueAt);
    }

    /** @return a copy with the description */
    public TicketChanges withDescription(String v) {
        return new TicketChanges(title, v, category, priority, fields, tags, slaPolicy, dueAt);
    }

    /** @return a copy with the category */
    public TicketChanges withCategory(String v) {
        return new TicketChanges(title, description, v, priority, fields, tags, slaPolicy, dueAt);
    }

    /** @return a copy with the priority */
    public TicketChanges withPriority(Priority v) {
        return new TicketChanges(title, description, category, v, fields, tags, slaPolicy, dueAt);
    }

    /** @return a copy with custom field values */
    public TicketChanges withFields(Map<String, Object> v) {
        return new TicketChanges(title, description, category, priority, v, tags, slaPolicy, dueAt);
    }

    /** @return a copy with the tag list */
    public TicketChanges withTags(List<String> v) {
        return new TicketChanges(title, description, category, priority, fields, v, slaPolicy, dueAt);
    }

    /** @return a copy with the SLA policy */
    public TicketChanges withSlaPolicy(String v) {
        return new TicketChanges(title, description, category, priority, fields, tags, v, dueAt);
    }

    /** @return a copy with a manual due time */
    public TicketChanges withDueAt(Instant v) {
        return new TicketChanges(title, description, category, priority, fields, tags, slaPolicy, v);
    }
}

package dev.oakit.ticket;

import dev.oakit.core.Checks;
import dev.oakit.core.form.AttachmentRef;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to create. Build with {@link #builder(String, String)}; unset values take the type's
 * defaults (priority, queue) or OAKit's (channel {@code api}, the actor as requester).
 *
 * @param type ticket type key
 * @param title title, at most 200 characters
 * @param description description or null, at most 20,000 characters
 * @param category category key or null
 * @param priority priority or null for the type's default
 * @param channel channel or null for {@code api}
 * @param requester requester or null for the actor
 * @param queue queue key or null for dispatch / the type's default queue
 * @param slaPolicy name of a saved SLA policy, or null for the one dispatch gives; only agents of the ticket's queue
 *                  and administrators may choose it, and dispatch does not override the choice
 * @param fields custom field values, validated by the type's form
 * @param tags tags
 * @param attachments attachment references
 * @param watchers user ids to notify of changes
 * @param parentId parent ticket id or null
 * @param requestId idempotency key or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NewTicket(String type, String title, String description, String category, Priority priority, String channel,
                        Requester requester, String queue, String slaPolicy, Map<String, Object> fields, List<String> tags,
                        List<AttachmentRef> attachments, List<String> watchers, Long parentId, String requestId) {
    /** Validates sizes and copies the collections. */
    public NewTicket {
        Checks.id("type", type);
        Checks.text("title", title, 200);
        Checks.optionalText("description", description, 20_000);
        Checks.optionalText("category", category, 64);
        Checks.optionalText("channel", channel, 32);
        Checks.optionalText("queue", queue, 64);
        Checks.optionalText("slaPolicy", slaPolicy, 64);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        tags = tags == null ? List.of() : List.copyOf(Checks.elements("tags", tags));
        attachments = attachments == null ? List.of() : List.copyOf(Checks.elements("attachments", attachments));
        watchers = watchers == null ? List.of() : List.copyOf(Checks.elements("watchers", watchers));
    }

    /** @return a builder for a ticket of the type with the title */
    public static Builder builder(String type, String title) {
        return new Builder(type, title);
    }

    /** Collects a {@link NewTicket}; not thread-safe. */
    public static final class Builder {
        private final String type;
        private final String title;
        private String description;
        private String category;
        private Priority priority;
        private String channel;
        private Requester requester;
        private String queue;
        private String slaPolicy;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();
        private final List<AttachmentRef> attachments = new ArrayList<>();
        private final List<String> watchers = new ArrayList<>();
        private Long parentId;
        private String requestId;

        private Builder(String type, String title) {
            this.type = type;
            this.title = title;
        }

        /** @return this, with the description */
        public Builder description(String v) { description = v; return this; }

        /** @return this, with the category */
        public Builder category(String v) { category = v; return this; }

        /** @return this, with the priority */
        public Builder priority(Priority v) { priority = v; return this; }

        /** @return this, with the channel */
        public Builder channel(String v) { channel = v; return this; }

        /** @return this, with the requester */
        public Builder requester(Requester v) { requester = v; return this; }

        /** @return this, with the queue */
        public Builder queue(String v) { queue = v; return this; }

        /**
         * @param v the name of a saved SLA policy; agents of the ticket's queue and administrators may choose it
         * @return this, with the SLA policy, which dispatch rules do not override
         * @since 0.1
         */
        public Builder slaPolicy(String v) { slaPolicy = v; return this; }

        /** @return this, with one custom field value */
        public Builder field(String name, Object value) { fields.put(name, value); return this; }

        /** @return this, with custom field values */
        public Builder fields(Map<String, ?> v) { fields.putAll(v); return this; }

        /** @return this, with tags added */
        public Builder tags(String... v) { tags.addAll(List.of(v)); return this; }

        /** @return this, with an attachment added */
        public Builder attachment(AttachmentRef v) { attachments.add(v); return this; }

        /** @return this, with watchers added */
        public Builder watchers(String... v) { watchers.addAll(List.of(v)); return this; }

        /** @return this, with the parent ticket */
        public Builder parent(Long v) { parentId = v; return this; }

        /** @return this, with the request id */
        public Builder requestId(String v) { requestId = v; return this; }

        /** @return the validated request */
        public NewTicket build() {
            return new NewTicket(type, title, description, category, priority, channel, requester, queue, slaPolicy, fields, tags,
                    attachments, watchers, parentId, requestId);
        }
    }
}
